/**
 * The editor's key handler: matches each key press against the shortcut
 * table (./shortcuts.ts) and runs the command bound to it, in the scope the
 * table gives: file shortcuts anywhere, editing ones not while typing in a
 * text field (where the keys keep their text meaning), Tab only on the
 * canvas (elsewhere it moves the focus as usual).
 */

import { useEffect, useRef } from "react";
import { type Scope, type ShortcutId, shortcutFor } from "./shortcuts";
import type { Action } from "./useEditing";

export function inTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target.closest("input, textarea, select") !== null)
  );
}

/** Whether the focus is on the canvas or on nothing in particular (the page itself). */
function onCanvas(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return true;
  if (target === document.body || target === document.documentElement) return true;
  return target.closest('.react-flow, [data-testid="canvas"]') !== null;
}

export function inScope(scope: Scope, target: EventTarget | null): boolean {
  if (scope === "anywhere") return true;
  if (inTextField(target)) return false;
  return scope === "notTyping" || onCanvas(target);
}

/** Runs `actions[id]` when a key press is shortcut `id` in its scope. */
export function useShortcuts(actions: Partial<Record<ShortcutId, Action>>) {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const hit = shortcutFor(e);
      if (!hit) return;
      const run = ref.current[hit.shortcut.id];
      if (!run || !inScope(hit.shortcut.scope, e.target)) return;
      e.preventDefault();
      run(hit.combo, e.repeat);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
