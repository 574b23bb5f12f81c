import { describe, expect, it } from "vitest";
import { LANGS, t } from "../i18n";
import { GROUPS, SHORTCUTS, groupLabel, keysOf, labelOf, matches, nudgeStep, shortcutFor, showCombo } from "./shortcuts";

const key = (k: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe("the shortcut table", () => {
  it("has a label in both languages for every shortcut and group", () => {
    for (const lang of LANGS) {
      for (const s of SHORTCUTS) expect(t(lang, labelOf(s.id))).not.toBe("");
      for (const g of GROUPS) expect(t(lang, groupLabel(g))).not.toBe("");
    }
  });

  it("gives no two app shortcuts the same keys", () => {
    const seen = new Map<string, string>();
    for (const s of SHORTCUTS.filter((s) => s.handler === "app")) {
      for (const k of s.keys) {
        expect(seen.get(k), `${k} is ${seen.get(k)} and ${s.id}`).toBeUndefined();
        seen.set(k, s.id);
      }
    }
  });
});

describe("matching key presses", () => {
  it("tells undo from redo, and takes Cmd for Ctrl", () => {
    expect(shortcutFor(key("z", { ctrl: true }))?.shortcut.id).toBe("undo");
    expect(shortcutFor(key("z", { meta: true }))?.shortcut.id).toBe("undo");
    expect(shortcutFor(key("Z", { ctrl: true, shift: true }))?.shortcut.id).toBe("redo");
    expect(shortcutFor(key("y", { ctrl: true }))?.shortcut.id).toBe("redo");
    expect(shortcutFor(key("z"))).toBeUndefined();
    expect(shortcutFor(key("z", { ctrl: true, alt: true }))).toBeUndefined();
  });

  it("tells a nudge from a far nudge, and Tab from Shift+Tab", () => {
    expect(shortcutFor(key("ArrowLeft"))).toMatchObject({ shortcut: { id: "nudge" }, combo: "ArrowLeft" });
    expect(shortcutFor(key("ArrowUp", { shift: true }))).toMatchObject({ shortcut: { id: "nudgeFar" } });
    expect(shortcutFor(key("Tab"))?.shortcut.id).toBe("nextBlock");
    expect(shortcutFor(key("Tab", { shift: true }))?.shortcut.id).toBe("prevBlock");
  });

  it("takes ? with the Shift that typing it needs", () => {
    expect(shortcutFor(key("?", { shift: true }))?.shortcut.id).toBe("help");
    expect(matches("?", key("/", { shift: true }))).toBe(false);
  });

  it("takes Delete itself, and leaves Enter to the find bar", () => {
    expect(shortcutFor(key("Backspace"))?.shortcut.id).toBe("delete");
    expect(keysOf("delete")).toEqual(["Delete", "Backspace"]);
    expect(shortcutFor(key("Enter", { shift: true }), "search")?.shortcut.id).toBe("findPrev");
    expect(shortcutFor(key("F3"), "search")?.shortcut.id).toBe("findNext");
  });
});

describe("showing and stepping", () => {
  it("shows combinations readably, with Mac symbols on a Mac", () => {
    expect(showCombo("Ctrl+Shift+Z")).toBe("Ctrl+Shift+Z");
    expect(showCombo("Ctrl+Shift+Z", true)).toBe("⌘+Shift+Z");
    expect(showCombo("Shift+ArrowLeft")).toBe("Shift+←");
    expect(showCombo("Escape")).toBe("Esc");
  });
  it("nudges one grid step, five with Shift", () => {
    expect(nudgeStep("ArrowLeft", 20)).toEqual({ x: -20, y: 0 });
    expect(nudgeStep("Shift+ArrowDown", 20)).toEqual({ x: 0, y: 100 });
  });
});
