/**
 * Every keyboard shortcut of the editor, in one table: the key handler
 * (`useShortcuts`) matches key presses against it and the `?` overlay lists
 * it, so the two cannot disagree. A key combination is written once, as
 * text ("Ctrl+Shift+Z"), and both parsed for matching and shown as is.
 * "Ctrl" also means Cmd on macOS.
 */

import type { StringKey } from "../i18n";

export type ShortcutId =
  | "new"
  | "open"
  | "save"
  | "saveAs"
  | "undo"
  | "redo"
  | "copy"
  | "cut"
  | "paste"
  | "duplicate"
  | "delete"
  | "nudge"
  | "nudgeFar"
  | "autoLayout"
  | "selectAll"
  | "clearSelection"
  | "nextBlock"
  | "prevBlock"
  | "multiSelect"
  | "find"
  | "findNext"
  | "findPrev"
  | "help"
  | "simulate";

export type ShortcutGroup = "file" | "edit" | "select" | "view";

/**
 * Who handles the keys: `app` (useShortcuts), `search` (the find bar, while
 * it has the focus), `mouse` (listed for reference: a modifier held while clicking).
 */
export type Handler = "app" | "search" | "mouse";

/**
 * Where an `app` shortcut works: `anywhere` (even while typing in a field:
 * files), `notTyping` (not while a text field has the focus), `canvas`
 * (the focus is on the canvas or nowhere in particular: not on a button,
 * where Tab and the arrows keep their usual meaning).
 */
export type Scope = "anywhere" | "notTyping" | "canvas";

export type Shortcut = {
  id: ShortcutId;
  group: ShortcutGroup;
  /** The key combinations, as shown: modifiers then the key (`KeyboardEvent.key`), joined by "+". */
  keys: readonly string[];
  handler: Handler;
  scope: Scope;
  /** Not implemented here (another part of the app provides it); listed when it exists. */
  optional?: boolean;
};

const app = (id: ShortcutId, group: ShortcutGroup, keys: string[], scope: Scope = "notTyping"): Shortcut => ({
  id,
  group,
  keys,
  handler: "app",
  scope,
});

const ARROWS = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"];

export const SHORTCUTS: readonly Shortcut[] = [
  app("new", "file", ["Ctrl+N"], "anywhere"),
  app("open", "file", ["Ctrl+O"], "anywhere"),
  app("save", "file", ["Ctrl+S"], "anywhere"),
  app("saveAs", "file", ["Ctrl+Shift+S"], "anywhere"),
  app("undo", "edit", ["Ctrl+Z"]),
  app("redo", "edit", ["Ctrl+Shift+Z", "Ctrl+Y"]),
  app("copy", "edit", ["Ctrl+C"]),
  app("cut", "edit", ["Ctrl+X"]),
  app("paste", "edit", ["Ctrl+V"]),
  app("duplicate", "edit", ["Ctrl+D"]),
  // Ours, not React Flow's: its key tracking sticks after Ctrl+Shift+Z ("Z" down, "z" up) and Delete stops.
  app("delete", "edit", ["Delete", "Backspace"]),
  app("nudge", "edit", ARROWS),
  app("nudgeFar", "edit", ARROWS.map((k) => `Shift+${k}`)),
  // Auto-layout is another part of the editor: it is listed (and the key
  // handled) only when the editor offers `autoLayout`.
  { ...app("autoLayout", "edit", ["Ctrl+Shift+L"]), optional: true },
  app("selectAll", "select", ["Ctrl+A"]),
  app("clearSelection", "select", ["Escape"]),
  app("nextBlock", "select", ["Tab"], "canvas"),
  app("prevBlock", "select", ["Shift+Tab"], "canvas"),
  { id: "multiSelect", group: "select", keys: ["Shift"], handler: "mouse", scope: "canvas" },
  app("find", "view", ["Ctrl+F"], "anywhere"),
  { id: "findNext", group: "view", keys: ["Enter", "F3"], handler: "search", scope: "anywhere" },
  { id: "findPrev", group: "view", keys: ["Shift+Enter", "Shift+F3"], handler: "search", scope: "anywhere" },
  app("help", "view", ["?"]),
  app("simulate", "view", ["F5"], "anywhere"),
];

export const GROUPS: readonly ShortcutGroup[] = ["file", "edit", "select", "view"];

/** The UI string describing `id`. */
export const labelOf = (id: ShortcutId): StringKey => `sc_${id}`;
export const groupLabel = (g: ShortcutGroup): StringKey => `sgroup_${g}`;

type Combo = { ctrl: boolean; shift: boolean; alt: boolean; key: string };

/** "Ctrl+Shift+Z" as modifiers and a key. */
export function parseCombo(text: string): Combo {
  const parts = text.split("+");
  // "Ctrl++" would be the plus key; no shortcut uses it.
  const key = parts.pop() ?? "";
  const mods = new Set(parts);
  return { ctrl: mods.has("Ctrl"), shift: mods.has("Shift"), alt: mods.has("Alt"), key };
}

type KeyEventLike = Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">;

/** Whether `e` is the combination `text`. A printable symbol (`?`) ignores Shift, which typing it needs. */
export function matches(text: string, e: KeyEventLike): boolean {
  const c = parseCombo(text);
  const symbol = c.key.length === 1 && !/[a-z0-9]/i.test(c.key);
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (key !== c.key.toLowerCase() && key !== c.key) return false;
  if ((e.ctrlKey || e.metaKey) !== c.ctrl || e.altKey !== c.alt) return false;
  return symbol || e.shiftKey === c.shift;
}

/** The first shortcut of `handler` that `e` is, and which of its key combinations. */
export function shortcutFor(
  e: KeyEventLike,
  handler: Handler = "app",
  table: readonly Shortcut[] = SHORTCUTS,
): { shortcut: Shortcut; combo: string } | undefined {
  for (const shortcut of table) {
    if (shortcut.handler !== handler) continue;
    const combo = shortcut.keys.find((k) => matches(k, e));
    if (combo) return { shortcut, combo };
  }
  return undefined;
}

/** The key combinations of `id` (e.g. for React Flow's `deleteKeyCode`). */
export function keysOf(id: ShortcutId): string[] {
  return [...(SHORTCUTS.find((s) => s.id === id)?.keys ?? [])];
}

const KEY_NAMES: Record<string, string> = {
  ArrowLeft: "←",
  ArrowRight: "→",
  ArrowUp: "↑",
  ArrowDown: "↓",
  Escape: "Esc",
  Delete: "Del",
};

/** A combination as shown in the overlay and tooltips: "Ctrl+Shift+Z", "Shift+←". */
export function showCombo(text: string, mac = false): string {
  const c = parseCombo(text);
  const key = KEY_NAMES[c.key] ?? (c.key.length === 1 ? c.key.toUpperCase() : c.key);
  const mods = [c.ctrl && (mac ? "⌘" : "Ctrl"), c.alt && (mac ? "⌥" : "Alt"), c.shift && "Shift"].filter(Boolean);
  return [...mods, key].join("+");
}

/** How far one arrow press moves the selection, for a nudge combination. */
export function nudgeStep(combo: string, grid: number): { x: number; y: number } {
  const c = parseCombo(combo);
  const n = c.shift ? 5 * grid : grid;
  const dir: Record<string, [number, number]> = {
    ArrowLeft: [-1, 0],
    ArrowRight: [1, 0],
    ArrowUp: [0, -1],
    ArrowDown: [0, 1],
  };
  const [dx, dy] = dir[c.key] ?? [0, 0];
  return { x: dx * n, y: dy * n };
}
