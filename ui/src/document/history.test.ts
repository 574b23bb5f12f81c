import { describe, expect, it } from "vitest";
import fixture from "../backend/fixture.json";
import type { Flow } from "../model";
import { MAX_UNDO, docReducer, initialDoc, isDirty, windowTitle } from "./history";

const starter = fixture.starter_flow as Flow;
const named = (f: Flow, name: string): Flow => ({ ...f, name });

describe("the document", () => {
  it("is dirty after an edit and clean again when undone to the saved flow", () => {
    let s = initialDoc(starter, "/f/a.ivr.json", true);
    expect(isDirty(s)).toBe(false);
    s = docReducer(s, { type: "edit", flow: named(starter, "B") });
    expect(isDirty(s)).toBe(true);
    expect(windowTitle(s, "IVR Studio")).toBe("• B (a.ivr.json) — IVR Studio");
    s = docReducer(s, { type: "undo" });
    expect(isDirty(s)).toBe(false);
    s = docReducer(s, { type: "redo" });
    expect(s.flow.name).toBe("B");
    s = docReducer(s, { type: "saved", path: "/f/b.ivr.json", flow: s.flow });
    expect(isDirty(s)).toBe(false);
    expect(windowTitle(s, "IVR Studio")).toBe("B (b.ivr.json) — IVR Studio");
  });

  it("merges edits with the same tag into one undo step", () => {
    let s = initialDoc(starter);
    for (const name of ["M", "Me", "Men", "Menu"]) {
      s = docReducer(s, { type: "edit", flow: named(s.flow, name), coalesce: "flow-name" });
    }
    expect(s.past).toHaveLength(1);
    s = docReducer(s, { type: "edit", flow: named(s.flow, "Menu!") });
    expect(s.past).toHaveLength(2);
    s = docReducer(s, { type: "undo" });
    s = docReducer(s, { type: "undo" });
    expect(s.flow).toBe(starter);
    expect(docReducer(s, { type: "undo" })).toBe(s);
  });

  it("starts a new history on load, and a new document is unsaved", () => {
    let s = docReducer(initialDoc(starter), { type: "edit", flow: named(starter, "X") });
    s = docReducer(s, { type: "load", flow: starter, path: null, saved: false });
    expect(s.past).toEqual([]);
    expect(isDirty(s)).toBe(true);
    expect(s.revision).toBeGreaterThan(1);
  });
});

describe("the undo history", () => {
  it("keeps at least 200 steps, dropping only the oldest beyond MAX_UNDO", () => {
    expect(MAX_UNDO).toBeGreaterThanOrEqual(200);
    let s = initialDoc(starter);
    const steps = MAX_UNDO + 30;
    for (let i = 1; i <= steps; i++) s = docReducer(s, { type: "edit", flow: named(s.flow, `n${i}`) });
    expect(s.past).toHaveLength(MAX_UNDO);
    for (let i = 0; i < MAX_UNDO; i++) s = docReducer(s, { type: "undo" });
    // The oldest kept step: 30 edits were dropped off the far end.
    expect(s.flow.name).toBe("n30");
    expect(docReducer(s, { type: "undo" })).toBe(s);
    for (let i = 0; i < MAX_UNDO; i++) s = docReducer(s, { type: "redo" });
    expect(s.flow.name).toBe(`n${steps}`);
  });

  it("takes no step for an edit that returns the same flow", () => {
    const s = initialDoc(starter);
    expect(docReducer(s, { type: "edit", flow: s.flow })).toBe(s);
  });
});
