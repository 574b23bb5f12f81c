/**
 * The editor's state and commands, composed of hooks that each own one
 * concern: the open document with undo (./useDocument), its files and crash
 * recovery (./useFileActions), the notice bar (./useNotices), live
 * validation (../problems) and autosave; this hook adds the catalog, the
 * selection, the start-up and the edits (auto-layout, which works on them,
 * is ../editing/layout/useLayout, composed beside this in the app). The
 * window holds one document; more open in new windows (each with its own
 * editor).
 */

import { useCallback, useEffect, useState } from "react";
import type { Backend } from "../backend";
import { blockSpec, registerProviderNames } from "../flow";
import type { Lang, StringKey } from "../i18n";
import type { Catalog, Flow, Provider } from "../model";
import { useProblemIndex } from "../problems/problemIndex";
import { useValidation } from "../problems/useValidation";
import * as ops from "./doc";
import { useAutosave } from "./useAutosave";
import { useDocument, useWindowTitle } from "./useDocument";
import { useFileActions } from "./useFileActions";
import { message, useNotices } from "./useNotices";

export type { Notice } from "./useNotices";

export function useEditor(backend: Backend, lang: Lang) {
  const files = backend.files;
  const [catalog, setCatalog] = useState<Catalog>();
  const openDoc = useDocument();
  const { doc, docRef, dispatch, edit, ready, setReady, dirty } = openDoc;
  const [loadError, setLoadError] = useState<string>();
  const [selected, setSelected] = useState<string[]>([]);
  const [target, setTarget] = useState<Provider | null>(null);
  const notices = useNotices();
  const { notice, setNotice } = notices;
  const fileActions = useFileActions({ backend, openDoc, notices, setSelected });
  const { offerRecovery, openPath, refreshRecent } = fileActions;

  const flow = ready ? doc.flow : undefined;
  const { problems, error: checkError } = useValidation(backend, flow, target, doc.loads);
  const problemIndex = useProblemIndex(problems);
  useAutosave(files, ready ? doc : undefined, ready);

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
      // The window's document is drawn first and alone: the starter flow only
      // when there is none, or its file would not open (the notice says why).
      const opened = startup?.kind === "file" && (await openPath(startup.path));
      if (!live) return;
      // A document opened for this window is unsaved, even when it has a file.
      if (startup?.kind === "document") dispatch({ type: "load", flow: startup.flow, path: startup.path, saved: false });
      else if (!opened) dispatch({ type: "load", flow: starter, path: null, saved: true });
      setReady(true);
      if (kept.length > 0) offerRecovery(kept);
      // Opening a file refreshed them already.
      if (startup?.kind !== "file") refreshRecent();
    })().catch((e: unknown) => live && setLoadError(message(e)));
    return () => {
      live = false;
    };
  }, [backend, files, dispatch, setReady, offerRecovery, openPath, refreshRecent]);

  useWindowTitle(files, openDoc, lang);

  // ----- Edits -----
  const addBlock = useCallback(
    (block: string, position: { x: number; y: number }) => {
      const spec = catalog && blockSpec(catalog, block);
      if (!spec) return;
      const { flow: next, id } = ops.addBlock(docRef.current.flow, spec, position);
      dispatch({ type: "edit", flow: next });
      setSelected([id]);
    },
    [catalog, docRef, dispatch],
  );

  const connect = useCallback(
    (from: { node: string; port: string }, to: string): StringKey | undefined => {
      if (!catalog) return undefined;
      const r = ops.connect(docRef.current.flow, catalog, from, to);
      if ("refused" in r) return r.refused;
      dispatch({ type: "edit", flow: r.flow });
      return undefined;
    },
    [catalog, docRef, dispatch],
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
    /** Files, recent files, crash recovery and the "save changes?" question: `recovery`, `recoveryCount`, `restore`, `recent`, `pending`, `answerPending`, `files` (new, open, open recent, save, save as). */
    recovery: fileActions.recovery,
    recoveryCount: fileActions.recoveryCount,
    restore: fileActions.restore,
    recent: fileActions.recent,
    pending: fileActions.pending,
    answerPending: fileActions.answerPending,
    files: fileActions.files,
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
    openDocuments: fileActions.openDocuments,
    /** The document after a publish: `f` carries the binding; `written` when it was also written to the document's file. */
    published: (f: Flow, written: boolean) => {
      edit(() => f);
      const path = docRef.current.path;
      if (written && path !== null) dispatch({ type: "saved", path, flow: f });
    },
  };
}

export type Editor = ReturnType<typeof useEditor>;
