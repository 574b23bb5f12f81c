/**
 * What the editor needs for files: open, save, save as (native dialogs),
 * recent files, autosave and crash recovery, the file named on the command
 * line, and the window's title and close. `tauriFiles` answers with the Rust
 * commands (src-tauri/src/files.rs); `MemoryFiles` keeps files in memory for
 * tests and the plain browser.
 */

import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { Flow } from "../model";

/** A flow read from a file. */
export type OpenedFlow = {
  /** The file Save writes to; null when a provider's file was imported as a new document. */
  path: string | null;
  flow: Flow;
  /** The provider format it was imported from. */
  imported_from: string | null;
};

/** The document autosave kept. */
export type AutosavedFlow = { path: string | null; flow: Flow };

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
  autosave(flow: Flow, path: string | null): Promise<void>;
  /** What autosave kept from a run that did not close cleanly. */
  recovery(): Promise<AutosavedFlow | null>;
  discardRecovery(): Promise<void>;
  /** The file named on the command line (once). */
  startupFile(): Promise<string | null>;
  /** The window title, and whether closing must ask first. */
  setDocument(title: string, dirty: boolean): Promise<void>;
  /** Closes the window without asking. */
  closeWindow(): Promise<void>;
  /** Calls `handler` when the window is asked to close with unsaved changes; returns the unsubscribe. */
  onCloseRequested(handler: () => void): () => void;
}

export const tauriFiles: FilesApi = {
  open: (path) => invoke("open_flow", { path }),
  openDialog: () => invoke("open_flow_dialog"),
  save: (path, flow) => invoke("save_flow", { path, flow }),
  saveDialog: (flow) => invoke("save_flow_dialog", { flow }),
  recent: () => invoke("recent_files"),
  autosave: (flow, path) => invoke("autosave", { flow, path }),
  recovery: () => invoke("recovery"),
  discardRecovery: () => invoke("discard_recovery"),
  startupFile: () => invoke("startup_file"),
  setDocument: (title, dirty) => invoke("set_document", { title, dirty }),
  closeWindow: () => invoke("close_window"),
  onCloseRequested(handler) {
    const un = listen("close-requested", handler);
    return () => void un.then((f) => f());
  },
};

/** Files in memory: `files` maps a path to its text. */
export class MemoryFiles implements FilesApi {
  readonly files = new Map<string, string>();
  recentList: string[] = [];
  kept: AutosavedFlow | null = null;
  startup: string | null = null;
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
      return Promise.resolve({ path, flow, imported_from: null });
    } catch (e) {
      return Promise.reject(new Error(`${path}: ${e instanceof Error ? e.message : String(e)}`));
    }
  }

  async openDialog(): Promise<OpenedFlow | null> {
    return this.openPath === null ? null : this.open(this.openPath);
  }

  save(path: string, flow: Flow): Promise<void> {
    this.files.set(path, JSON.stringify({ format: "ivr-studio/flow", version: 1, ...flow }, null, 2));
    this.addRecent(path);
    return Promise.resolve();
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

  recovery(): Promise<AutosavedFlow | null> {
    return Promise.resolve(this.kept);
  }

  discardRecovery(): Promise<void> {
    this.kept = null;
    return Promise.resolve();
  }

  startupFile(): Promise<string | null> {
    const s = this.startup;
    this.startup = null;
    return Promise.resolve(s);
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
