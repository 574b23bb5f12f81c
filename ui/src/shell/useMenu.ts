/**
 * The native menu bar's items run the editor's own actions: an item whose
 * id is a shortcut's (src/editing/shortcuts.ts) runs that shortcut's action;
 * the others are given by the shell (zoom, theme, language, Export picture)
 * or press the toolbar's own button (Open recent, Import, Publish), so the
 * menu, the toolbar and the keys cannot drift apart. The menu itself is
 * built by Rust (src-tauri/src/menu.rs).
 */

import { useEffect, useRef } from "react";
import type { MenuApi } from "../backend/menu";
import { SHORTCUTS, type ShortcutId } from "../editing/shortcuts";
import type { Action } from "../editing/useEditing";

export type MenuHandlers = Partial<Record<string, () => void>>;

/** A handler per shortcut the editor runs, keyed by the shortcut's id (the menu item's). */
export function shortcutItems(actions: Partial<Record<ShortcutId, Action>>): MenuHandlers {
  const out: MenuHandlers = {};
  for (const s of SHORTCUTS) {
    const run = actions[s.id];
    if (s.handler === "app" && run) out[s.id] = () => run(s.keys[0] ?? "", false);
  }
  return out;
}

/** Presses the toolbar button with this test id, as a click would, unless it is disabled. */
export function pressToolbar(testId: string): void {
  const b = document.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`);
  if (b && !b.disabled) b.click();
}

/** Runs `handlers[id]` for each menu item chosen in this window. */
export function useMenu(menu: MenuApi, handlers: MenuHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => menu.onMenu((id) => ref.current[id]?.()), [menu]);
}
