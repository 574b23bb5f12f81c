/**
 * Keyboard shortcuts: Ctrl+N / O / S / Shift+S for files, Ctrl+Z / Shift+Z /
 * Y for undo and redo (left to a text field while one has the focus).
 * Delete is React Flow's own.
 */

import { useEffect, useRef } from "react";
import type { Editor } from "./useEditor";

function inTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest("input, textarea, select") !== null;
}

export function useShortcuts(editor: Editor) {
  const ref = useRef(editor);
  ref.current = editor;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const ed = ref.current;
      const key = e.key.toLowerCase();
      const files: Record<string, () => unknown> = {
        n: ed.files.newFlow,
        o: ed.files.open,
        s: e.shiftKey ? ed.files.saveAs : ed.files.save,
      };
      if (files[key]) {
        e.preventDefault();
        files[key]();
        return;
      }
      if (inTextField(e.target)) return;
      if (key === "z" || key === "y") {
        e.preventDefault();
        if (key === "y" || e.shiftKey) ed.redo();
        else ed.undo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
