/**
 * What the editor needs for files: open, save, save as (native dialogs),
 * recent files, and for its window: autosave and crash recovery, the
 * document it starts with, more documents in new windows, the title and
 * close. Each app window holds one document. `tauriFiles` answers with the
 * Rust commands (src-tauri/src/files.rs); `MemoryFiles` keeps files in
 * memory for tests and the plain browser.
 */

import { type InvokeArgs, invoke } from "@tauri-apps/api/core";
import { getCurrentWebviewWindow } from "@tauri-apps/api/webviewWindow";
import { inPageLang } from "../errors";
import type { Flow } from "../model";
import type { AutosavedFlow, HistoryEntry, OpenedFlow, StartupDocument } from "./ipc";

export interface FilesApi {
  /** Reads a flow file; rejects with a message naming the file and the fix. */
  open(path: string): Promise<OpenedFlow>;
  /** Asks for a file and reads it; null when cancelled. */
  openDialog(): Promise<OpenedFlow | null>;
  /** Writes `flow` to `path`, atomically. */
  save(path: string, flow: Flow): Promise<void>;
  /** Asks where and writes there; the path, or null when cancelled. */
  saveDialog(flow: Flow): Promise<string | null>;
  /** Recently opened and saved files, newest first. */
  recent(): Promise<string[]>;
  /** The local history of the document at `path` (a snapshot on every save and publish), newest first. */
  history(path: string): Promise<HistoryEntry[]>;
  /** The flow of history snapshot `id`. */
  historyFlow(id: string): Promise<Flow>;
  /** Keeps this window's document in its autosave slot. */
  autosave(flow: Flow, path: string | null): Promise<void>;
  /** What autosave kept from a run that did not close cleanly: every window's (this window's first), offered to the main window only. */
  recovery(): Promise<AutosavedFlow[]>;
  /** Restores what `recovery` offered: this window loads the first itself; the others open in new windows. */
  restoreRecovery(): Promise<void>;
  /** Forgets everything `recovery` offered. */
  declineRecovery(): Promise<void>;
  /** Forgets this window's autosaved copy (saved, or replaced). */
  discardRecovery(): Promise<void>;
  /** What this window starts with (once). */
  startupDocument(): Promise<StartupDocument | null>;
  /** Opens each document, unsaved, in a new window of its own. */
  openDocuments(docs: AutosavedFlow[]): Promise<void>;
  /** The window title, and whether closing must ask first. */
  setDocument(title: string, dirty: boolean): Promise<void>;
  /** Closes the window without asking. */
  closeWindow(): Promise<void>;
  /** Calls `handler` when the window is asked to close with unsaved changes; returns the unsubscribe. */
  onCloseRequested(handler: () => void): () => void;
}

/**
 * A file command. It rejects with an `Error` in the page's language: the
 * Rust side sends `{kind, message, hint, text}` in English and Chinese
 * (src-tauri/src/error.rs), and the editor shows an error's message as it is.
 */
const call = <T>(cmd: string, args?: InvokeArgs) => invoke<T>(cmd, args).catch(inPageLang);

export const tauriFiles: FilesApi = {
  open: (path) => call("open_flow", { path }),
  openDialog: () => call("open_flow_dialog"),
  save: (path, flow) => call("save_flow", { path, flow }),
  saveDialog: (flow) => call("save_flow_dialog", { flow }),
  recent: () => call("recent_files"),
  history: (path) => call("history", { path }),
  historyFlow: (id) => call("history_flow", { id }),
  autosave: (flow, path) => call("autosave", { flow, path }),
  recovery: () => call("recovery"),
  restoreRecovery: () => call<string[]>("restore_recovery").then(() => undefined),
  declineRecovery: () => call("decline_recovery"),
  discardRecovery: () => call("discard_recovery"),
  startupDocument: () => call("startup_document"),
  openDocuments: (docs) => call<string[]>("open_documents", { docs }).then(() => undefined),
  setDocument: (title, dirty) => call("set_document", { title, dirty }),
  closeWindow: () => call("close_window"),
  onCloseRequested(handler) {
    // This window's own request: a listener for any target would hear every window's.
    const un = getCurrentWebviewWindow().listen("close-requested", handler);
    return () => void un.then((f) => f());
  },
};

/** Files in memory: `files` maps a path to its text. */
export class MemoryFiles implements FilesApi {
  readonly files = new Map<string, string>();
  recentList: string[] = [];
  /** This window's autosave slot. */
  kept: AutosavedFlow | null = null;
  /** The slots of other windows a crashed run left. */
  left: AutosavedFlow[] = [];
  /** The command-line file this window starts with. */
  startup: string | null = null;
  /** The document this window was opened for. */
  startupDoc: AutosavedFlow | null = null;
  /** Every document opened in a new window, in order. */
  readonly windows: AutosavedFlow[] = [];
  /** What `saveDialog` answers (the path the designer would pick). */
  saveAsPath: string | null = null;
  /** What `openDialog` answers. */
  openPath: string | null = null;
  title = "";
  dirty = false;
  closed = false;
  private closeHandlers = new Set<() => void>();

  open(path: string): Promise<OpenedFlow> {
    const text = this.files.get(path);
    if (text === undefined) return Promise.reject(new Error(`${path}: no such file; check the path`));
    try {
      const { format, version, ...flow } = JSON.parse(text) as Flow & { format?: string; version?: number };
      if (format !== "ivr-studio/flow" || version !== 1) throw new Error("not an IVR Studio flow file");
      this.addRecent(path);
      return Promise.resolve({ path, flow, imported_from: null, named_from_file: null });
    } catch (e) {
      return Promise.reject(new Error(`${path}: ${e instanceof Error ? e.message : String(e)}`));
    }
  }

  async openDialog(): Promise<OpenedFlow | null> {
    return this.openPath === null ? null : this.open(this.openPath);
  }

  /** Every snapshot kept, by path, oldest first (as the Rust side keeps them). */
  readonly snapshots = new Map<string, { entry: HistoryEntry; flow: Flow }[]>();

  save(path: string, flow: Flow): Promise<void> {
    const text = JSON.stringify({ format: "ivr-studio/flow", version: 1, ...flow }, null, 2);
    this.files.set(path, text);
    this.addRecent(path);
    const list = this.snapshots.get(path) ?? [];
    const id = `snap-${list.length + 1}-${text.length}`;
    list.push({ entry: { id, at: Date.now(), occasion: { kind: "save" }, message: null, bytes: text.length }, flow: structuredClone(flow) });
    this.snapshots.set(path, list);
    return Promise.resolve();
  }

  history(path: string): Promise<HistoryEntry[]> {
    return Promise.resolve((this.snapshots.get(path) ?? []).map((s) => s.entry).reverse());
  }

  historyFlow(id: string): Promise<Flow> {
    for (const list of this.snapshots.values()) {
      const found = list.find((s) => s.entry.id === id);
      if (found) return Promise.resolve(structuredClone(found.flow));
    }
    return Promise.reject(new Error(`${id}: no such snapshot`));
  }

  async saveDialog(flow: Flow): Promise<string | null> {
    if (this.saveAsPath === null) return null;
    await this.save(this.saveAsPath, flow);
    return this.saveAsPath;
  }

  recent(): Promise<string[]> {
    return Promise.resolve([...this.recentList]);
  }

  autosave(flow: Flow, path: string | null): Promise<void> {
    this.kept = { flow: structuredClone(flow), path };
    return Promise.resolve();
  }

  recovery(): Promise<AutosavedFlow[]> {
    return Promise.resolve([...(this.kept ? [this.kept] : []), ...this.left]);
  }

  async restoreRecovery(): Promise<void> {
    const [first, ...rest] = await this.recovery();
    this.kept = first ?? null;
    this.left = [];
    await this.openDocuments(rest);
  }

  declineRecovery(): Promise<void> {
    this.kept = null;
    this.left = [];
    return Promise.resolve();
  }

  discardRecovery(): Promise<void> {
    this.kept = null;
    return Promise.resolve();
  }

  startupDocument(): Promise<StartupDocument | null> {
    const path = this.startup;
    const doc = this.startupDoc;
    this.startup = null;
    this.startupDoc = null;
    if (path !== null) return Promise.resolve({ kind: "file", path });
    return Promise.resolve(doc && { kind: "document", ...doc });
  }

  openDocuments(docs: AutosavedFlow[]): Promise<void> {
    this.windows.push(...structuredClone(docs));
    return Promise.resolve();
  }

  setDocument(title: string, dirty: boolean): Promise<void> {
    this.title = title;
    this.dirty = dirty;
    return Promise.resolve();
  }

  closeWindow(): Promise<void> {
    this.closed = true;
    this.kept = null;
    return Promise.resolve();
  }

  onCloseRequested(handler: () => void): () => void {
    this.closeHandlers.add(handler);
    return () => this.closeHandlers.delete(handler);
  }

  /** As the window's close button does with unsaved changes (for tests). */
  requestClose(): void {
    for (const h of this.closeHandlers) h();
  }

  private addRecent(path: string): void {
    this.recentList = [path, ...this.recentList.filter((p) => p !== path)].slice(0, 10);
  }
}
