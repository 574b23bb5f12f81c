/**
 * The document's files: new, open, save, save as, recent files, the
 * command-line file, crash recovery, imported documents (the first here,
 * the others in new windows), and asking before unsaved changes are
 * dropped (`guard`, `pending`), also when the window is closed.
 */

import { useCallback, useEffect, useState } from "react";
import type { AutosavedFlow, Backend, OpenedFlow } from "../backend";
import type { Flow } from "../model";
import { isDirty } from "./history";
import { markOpenStart, markOpened } from "./openTiming";
import type { OpenDocument } from "./useDocument";
import type { Notices } from "./useNotices";

type Options = {
  backend: Backend;
  openDoc: OpenDocument;
  notices: Notices;
  /** Sets the selected blocks and notes (cleared when another document loads). */
  setSelected: (ids: string[]) => void;
};

export function useFileActions({ backend, openDoc, notices, setSelected }: Options) {
  const files = backend.files;
  const { docRef, dispatch } = openDoc;
  const { setNotice, fail } = notices;
  /** What a crashed run left (every window's), offered until answered. */
  const [recovery, setRecovery] = useState<AutosavedFlow[]>();
  const [recent, setRecent] = useState<string[]>([]);
  /** The action waiting for the "save changes?" answer. */
  const [pending, setPending] = useState<() => void>();

  const refreshRecent = useCallback(() => {
    files.recent().then(setRecent, () => setRecent([]));
  }, [files]);

  const loadOpened = useCallback(
    (o: OpenedFlow) => {
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
    },
    [dispatch, setSelected, setNotice],
  );

  /** Opens the file at `path` as this window's document; false (and a notice) when it cannot. */
  const openPath = useCallback(
    async (path: string) => {
      markOpenStart();
      let opened = false;
      try {
        loadOpened(await files.open(path));
        opened = true;
      } catch (e) {
        fail("openFailed", e);
      }
      refreshRecent();
      return opened;
    },
    [files, loadOpened, refreshRecent, fail],
  );

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
        fail("saveFailed", e);
        return false;
      }
    },
    [docRef, dispatch, files, refreshRecent, fail],
  );

  const saveAs = useCallback(() => saveWith((flow) => files.saveDialog(flow)), [files, saveWith]);

  const save = useCallback(() => {
    const path = docRef.current.path;
    if (path === null) return saveAs();
    return saveWith((flow) => files.save(path, flow).then(() => path));
  }, [docRef, files, saveAs, saveWith]);

  /** Runs `action` now, or after asking when there are unsaved changes. */
  const guard = useCallback(
    (action: () => void) => {
      if (isDirty(docRef.current)) setPending(() => action);
      else action();
    },
    [docRef],
  );

  const newFlow = useCallback(
    () =>
      guard(() => {
        backend.starterFlow().then((f) => {
          dispatch({ type: "load", flow: f, path: null, saved: true });
          setSelected([]);
          void files.discardRecovery();
        }, () => undefined);
      }),
    [backend, dispatch, files, guard, setSelected],
  );

  /** A new, unsaved document holding the flow of template `id` (New from template). */
  const fromTemplate = useCallback(
    (id: string) =>
      guard(() => {
        backend.openTemplate(id).then(
          (f) => {
            dispatch({ type: "load", flow: f, path: null, saved: true });
            setSelected([]);
            void files.discardRecovery();
          },
          (e: unknown) => fail("templateFailed", e),
        );
      }),
    [backend, dispatch, files, guard, setSelected, fail],
  );

  const open = useCallback(
    () =>
      guard(() => {
        files.openDialog().then(
          (o) => {
            if (o) loadOpened(o);
            refreshRecent();
          },
          (e: unknown) => fail("openFailed", e),
        );
      }),
    [files, guard, loadOpened, refreshRecent, fail],
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
        files.restoreRecovery().catch((e: unknown) => fail("openFailed", e));
      } else {
        void files.declineRecovery();
      }
    },
    [dispatch, files, recovery, fail],
  );

  /** Opens `flows` (imported from a cloud) as new unsaved documents: the first here, asking first about unsaved changes; each other one in a new window. */
  const openDocuments = useCallback(
    (flows: Flow[]) => {
      const [first, ...rest] = flows;
      if (rest.length > 0) {
        files.openDocuments(rest.map((f) => ({ flow: f, path: null }))).catch((e: unknown) => fail("openFailed", e));
      }
      if (first) guard(() => loadOpened({ flow: first, path: null, imported_from: null, named_from_file: null }));
    },
    [files, guard, loadOpened, fail],
  );

  return {
    /** Offers what a crashed run left (`restore` answers the offer). */
    offerRecovery: setRecovery,
    refreshRecent,
    openPath,
    /** The first document a crashed run left, when there is an offer; `recoveryCount` says how many. */
    recovery: recovery?.[0],
    recoveryCount: recovery?.length ?? 0,
    restore,
    recent,
    pending: pending !== undefined,
    answerPending,
    files: { newFlow, fromTemplate, open, openRecent, save, saveAs },
    openDocuments,
  };
}
