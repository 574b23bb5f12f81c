/**
 * The editor's state and commands: the open document with undo, the
 * selection, live validation, autosave, files (new, open, save, save as,
 * recent, the command-line file, crash recovery), the title with its dirty
 * marker, and asking before unsaved changes are dropped. The window holds
 * one document; more open in new windows (each with its own editor).
 */

import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import type { AutosavedFlow, Backend, OpenedFlow } from "../backend";
import { blockSpec, registerProviderNames } from "../flow";
import { type Lang, type StringKey, t } from "../i18n";
import type { Catalog, Flow, Provider } from "../model";
import * as ops from "./doc";
import { type DocAction, type DocState, docReducer, initialDoc, isDirty, windowTitle } from "./history";
import { useLayout } from "../editing/layout/useLayout";
import { markOpenStart, markOpened } from "./openTiming";
import { useAutosave } from "./useAutosave";
import { useProblemIndex } from "../problems/problemIndex";
import { useValidation } from "../problems/useValidation";

/** A message in the notice bar: a UI string, or text from the engine. */
export type Notice = { kind: "error" | "info"; key: StringKey; detail?: string };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

const EMPTY: DocState = initialDoc({
  name: "",
  description: "",
  kind: "main",
  variables: [],
  nodes: [],
  edges: [],
  notes: [],
  bindings: [],
});

export function useEditor(backend: Backend, lang: Lang) {
  const files = backend.files;
  const [catalog, setCatalog] = useState<Catalog>();
  const [doc, dispatchDoc] = useReducer(docReducer, EMPTY);
  const [ready, setReady] = useState(false);
  const [loadError, setLoadError] = useState<string>();
  const [selected, setSelected] = useState<string[]>([]);
  const [target, setTarget] = useState<Provider | null>(null);
  const [notice, setNotice] = useState<Notice>();
  /** What a crashed run left (every window's), offered until answered. */
  const [recovery, setRecovery] = useState<AutosavedFlow[]>();
  const [recent, setRecent] = useState<string[]>([]);
  /** The action waiting for the "save changes?" answer. */
  const [pending, setPending] = useState<() => void>();
  const docRef = useRef(doc);
  docRef.current = doc;
  // The ref follows each action at once, not at the next render: two edits in
  // one event (a drag's last move and its drag-stop) must each see the other.
  const dispatch = useCallback((action: DocAction) => {
    docRef.current = docReducer(docRef.current, action);
    dispatchDoc(action);
  }, []);

  const flow = ready ? doc.flow : undefined;
  const { problems, error: checkError } = useValidation(backend, flow, target);
  const problemIndex = useProblemIndex(problems);
  useAutosave(files, ready ? doc : undefined, ready);

  const refreshRecent = useCallback(() => {
    files.recent().then(setRecent, () => setRecent([]));
  }, [files]);

  const loadOpened = useCallback((o: OpenedFlow) => {
    markOpened(o.flow);
    dispatch({ type: "load", flow: o.flow, path: o.path, saved: o.path !== null });
    setSelected([]);
    setNotice(
      o.named_from_file
        ? { kind: "info", key: "importedNamed", detail: o.named_from_file }
        : o.imported_from
          ? { kind: "info", key: "imported", detail: o.imported_from }
          : undefined,
    );
  }, []);

  const openPath = useCallback(
    async (path: string) => {
      markOpenStart();
      try {
        loadOpened(await files.open(path));
      } catch (e) {
        setNotice({ kind: "error", key: "openFailed", detail: message(e) });
      }
      refreshRecent();
    },
    [files, loadOpened, refreshRecent],
  );

  // Start-up: the catalog, then this window's document (the command-line
  // file, or the document the window was opened for), else the starter flow;
  // and what autosave kept from a run that did not close cleanly.
  useEffect(() => {
    let live = true;
    (async () => {
      const [c, starter, startup, kept] = await Promise.all([
        backend.catalog(),
        backend.starterFlow(),
        files.startupDocument().catch(() => null),
        files.recovery().catch(() => []),
      ]);
      if (!live) return;
      registerProviderNames(c);
      setCatalog(c);
      dispatch({ type: "load", flow: starter, path: null, saved: true });
      setReady(true);
      if (kept.length > 0) setRecovery(kept);
      if (startup?.kind === "file") await openPath(startup.path);
      // A document opened for this window is unsaved, even when it has a file.
      if (startup?.kind === "document") dispatch({ type: "load", flow: startup.flow, path: startup.path, saved: false });
      refreshRecent();
    })().catch((e: unknown) => live && setLoadError(message(e)));
    return () => {
      live = false;
    };
  }, [backend, files, openPath, refreshRecent]);

  const dirty = isDirty(doc);
  const title = windowTitle(doc, t(lang, "appName"));
  useEffect(() => {
    if (!ready) return;
    document.title = title;
    files.setDocument(title, dirty).catch(() => undefined);
  }, [files, ready, title, dirty]);

  const edit = useCallback((change: (f: Flow) => Flow, coalesce?: string) => {
    dispatch({ type: "edit", flow: change(docRef.current.flow), coalesce });
  }, []);

  const layout = useLayout({
    current: () => (ready ? docRef.current.flow : undefined),
    catalog,
    selected,
    apply: (f) => dispatch({ type: "edit", flow: f }),
    notify: setNotice,
  });

  // ----- Files -----
  /** Writes the document with `write` (which answers the path, or null when cancelled); true when saved. */
  const saveWith = useCallback(
    async (write: (flow: Flow) => Promise<string | null>) => {
      const flow = docRef.current.flow;
      try {
        const path = await write(flow);
        if (path === null) return false;
        dispatch({ type: "saved", path, flow });
        await files.discardRecovery();
        refreshRecent();
        return true;
      } catch (e) {
        setNotice({ kind: "error", key: "saveFailed", detail: message(e) });
        return false;
      }
    },
    [files, refreshRecent],
  );

  const saveAs = useCallback(() => saveWith((flow) => files.saveDialog(flow)), [files, saveWith]);

  const save = useCallback(() => {
    const path = docRef.current.path;
    if (path === null) return saveAs();
    return saveWith((flow) => files.save(path, flow).then(() => path));
  }, [files, saveAs, saveWith]);

  /** Runs `action` now, or after asking when there are unsaved changes. */
  const guard = useCallback((action: () => void) => {
    if (isDirty(docRef.current)) setPending(() => action);
    else action();
  }, []);

  const newFlow = useCallback(
    () =>
      guard(() => {
        backend.starterFlow().then((f) => {
          dispatch({ type: "load", flow: f, path: null, saved: true });
          setSelected([]);
          void files.discardRecovery();
        }, () => undefined);
      }),
    [backend, files, guard],
  );

  const open = useCallback(
    () =>
      guard(() => {
        files.openDialog().then(
          (o) => {
            if (o) loadOpened(o);
            refreshRecent();
          },
          (e: unknown) => setNotice({ kind: "error", key: "openFailed", detail: message(e) }),
        );
      }),
    [files, guard, loadOpened, refreshRecent],
  );

  const openRecent = useCallback((path: string) => guard(() => void openPath(path)), [guard, openPath]);

  // Closing the window with unsaved changes asks first.
  useEffect(
    () => files.onCloseRequested(() => guard(() => void files.closeWindow())),
    [files, guard],
  );

  const answerPending = useCallback(
    async (answer: "save" | "discard" | "cancel") => {
      const action = pending;
      setPending(undefined);
      if (!action || answer === "cancel") return;
      if (answer === "save" && !(await save())) return;
      action();
    },
    [pending, save],
  );

  const restore = useCallback(
    (yes: boolean) => {
      const first = recovery?.[0];
      setRecovery(undefined);
      if (yes && first) {
        // The restored document is unsaved: its file (if any) still has the old content.
        dispatch({ type: "load", flow: first.flow, path: first.path, saved: false });
        // Every other window's document opens in a new window.
        files
          .restoreRecovery()
          .catch((e: unknown) => setNotice({ kind: "error", key: "openFailed", detail: message(e) }));
      } else {
        void files.declineRecovery();
      }
    },
    [files, recovery],
  );

  /** Opens `flows` (imported from a cloud) as new unsaved documents: the first here, asking first about unsaved changes; each other one in a new window. */
  const openDocuments = useCallback(
    (flows: Flow[]) => {
      const [first, ...rest] = flows;
      if (rest.length > 0) {
        files
          .openDocuments(rest.map((f) => ({ flow: f, path: null })))
          .catch((e: unknown) => setNotice({ kind: "error", key: "openFailed", detail: message(e) }));
      }
      if (first) guard(() => loadOpened({ flow: first, path: null, imported_from: null }));
    },
    [files, guard, loadOpened],
  );

  // ----- Edits -----
  const addBlock = useCallback(
    (block: string, position: { x: number; y: number }) => {
      const spec = catalog && blockSpec(catalog, block);
      if (!spec) return;
      const { flow: next, id } = ops.addBlock(docRef.current.flow, spec, position);
      dispatch({ type: "edit", flow: next });
      setSelected([id]);
    },
    [catalog],
  );

  const connect = useCallback(
    (from: { node: string; port: string }, to: string): StringKey | undefined => {
      if (!catalog) return undefined;
      const r = ops.connect(docRef.current.flow, catalog, from, to);
      if ("refused" in r) return r.refused;
      dispatch({ type: "edit", flow: r.flow });
      return undefined;
    },
    [catalog],
  );

  return {
    catalog,
    flow,
    doc,
    dirty,
    loadError,
    checkError,
    problems,
    /** The problems by block, with each block's marks (./problemIndex), built once per result. */
    problemIndex,
    selected,
    setSelected,
    target,
    setTarget,
    notice,
    setNotice,
    /** The first document a crashed run left, when there is an offer; `recoveryCount` says how many. */
    recovery: recovery?.[0],
    recoveryCount: recovery?.length ?? 0,
    restore,
    recent,
    pending: pending !== undefined,
    answerPending,
    files: { newFlow, open, openRecent, save, saveAs },
    undo: () => dispatch({ type: "undo" }),
    redo: () => dispatch({ type: "redo" }),
    canUndo: doc.past.length > 0,
    canRedo: doc.future.length > 0,
    addBlock,
    connect,
    /** Any change as one undo step (`coalesce` merges repeats): paste, nudge (useEditing). */
    edit,
    /** The document's flow now, for commands that continue after an await. */
    currentFlow: () => docRef.current.flow,
    /** Auto-layout (every block) and tidy (the selection): `autoLayout`, `tidy`, `layoutBusy`, `canTidy`. */
    ...layout,
    move: (moved: Map<string, { x: number; y: number }>) => edit((f) => ops.moveBlocks(f, moved)),
    remove: (nodes: string[], edges: string[]) => {
      edit((f) => ops.remove(f, nodes, edges));
      setSelected((s) => s.filter((id) => !nodes.includes(id)));
    },
    setParam: (id: string, key: string, value: unknown) =>
      catalog && edit((f) => ops.setParam(f, catalog, id, key, value), `param:${id}:${key}`),
    setLabel: (id: string, label: string) =>
      catalog &&
      edit((f) => ops.updateBlock(f, catalog, id, (n) => ({ ...n, label })), `label:${id}`),
    setSettings: (patch: Partial<ops.FlowSettings>, tag?: string) =>
      edit((f) => ops.setSettings(f, patch), tag),
    openDocuments,
    /** The document after a publish: `f` carries the binding; `written` when it was also written to the document's file. */
    published: (f: Flow, written: boolean) => {
      edit(() => f);
      const path = docRef.current.path;
      if (written && path !== null) dispatch({ type: "saved", path, flow: f });
    },
  };
}

export type Editor = ReturnType<typeof useEditor>;
