/**
 * Autosave: every few seconds, a document with unsaved changes that changed
 * since the last autosave is kept in the app data folder (atomically, in
 * Rust), so a crash loses at most those seconds.
 */

import { useEffect, useRef } from "react";
import type { FilesApi } from "../backend";
import { type DocState, isDirty } from "./history";

export const AUTOSAVE_EVERY_MS = 2000;

export function useAutosave(files: FilesApi, doc: DocState | undefined, enabled: boolean) {
  const latest = useRef(doc);
  latest.current = doc;
  const kept = useRef<number>(-1);
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => {
      const d = latest.current;
      if (!d || !isDirty(d) || kept.current === d.revision) return;
      kept.current = d.revision;
      files.autosave(d.flow, d.path).catch(() => {
        // Try again at the next tick.
        kept.current = -1;
      });
    }, AUTOSAVE_EVERY_MS);
    return () => clearInterval(timer);
  }, [files, enabled]);
}
