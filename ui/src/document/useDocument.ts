/**
 * The open document: the flow with its undo history (./history.ts), read at
 * once through a ref by commands that continue after an await, whether it
 * is loaded (`ready`), and the window's title with its dirty marker.
 */

import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import type { FilesApi } from "../backend";
import { type Lang, t } from "../i18n";
import type { Flow } from "../model";
import { type DocAction, type DocState, docReducer, initialDoc, isDirty, windowTitle } from "./history";

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

export function useDocument() {
  const [doc, dispatchDoc] = useReducer(docReducer, EMPTY);
  const [ready, setReady] = useState(false);
  const docRef = useRef(doc);
  docRef.current = doc;
  // The ref follows each action at once, not at the next render: two edits in
  // one event (a drag's last move and its drag-stop) must each see the other.
  const dispatch = useCallback((action: DocAction) => {
    docRef.current = docReducer(docRef.current, action);
    dispatchDoc(action);
  }, []);

  /** Any change as one undo step (`coalesce` merges repeats). */
  const edit = useCallback((change: (f: Flow) => Flow, coalesce?: string) => {
    dispatch({ type: "edit", flow: change(docRef.current.flow), coalesce });
  }, [dispatch]);

  return { doc, docRef, dispatch, edit, ready, setReady, dirty: isDirty(doc) };
}

export type OpenDocument = ReturnType<typeof useDocument>;

/** Keeps the window's title (the document's name, a dirty marker) and whether closing must ask, once the document is loaded. */
export function useWindowTitle(files: FilesApi, { doc, ready, dirty }: OpenDocument, lang: Lang) {
  const title = windowTitle(doc, t(lang, "appName"));
  useEffect(() => {
    if (!ready) return;
    document.title = title;
    files.setDocument(title, dirty).catch(() => undefined);
  }, [files, ready, title, dirty]);
}
