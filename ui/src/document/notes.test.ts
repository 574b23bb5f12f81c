import { describe, expect, it } from "vitest";
import fixture from "../backend/fixture.json";
import type { Flow } from "../model";
import { docReducer, initialDoc } from "./history";
import { addBlock, moveBlocks, newNodeId, remove } from "./doc";
import { blockSpec } from "../flow";
import type { Catalog } from "../model";
import {
  NOTE_MIN,
  NOTE_SIZE,
  addNote,
  isNote,
  newNoteId,
  noteCentredAt,
  noteNodes,
  notesBeside,
  notesFollowing,
  resizeNote,
  setNoteText,
} from "./notes";

const starter = fixture.starter_flow as Flow;
const catalog = fixture.catalog as Catalog;

function withNote(text = "Ask sales"): { flow: Flow; id: string } {
  return addNote(starter, { x: 40, y: -100 }, text);
}

describe("addNote", () => {
  it("adds a note of the default size with a fresh id, leaving the old flow alone", () => {
    const { flow, id } = withNote();
    expect(id).toBe("note_1");
    expect(flow.notes).toEqual([{ id, text: "Ask sales", position: { x: 40, y: -100 }, size: NOTE_SIZE }]);
    expect(starter.notes).toEqual([]);
    expect(isNote(flow, id)).toBe(true);
    expect(isNote(flow, "welcome")).toBe(false);
    expect(addNote(flow, { x: 0, y: 0 }).id).toBe("note_2");
  });

  it("never reuses a block's id, and blocks never reuse a note's", () => {
    const { flow } = addBlock(starter, blockSpec(catalog, "menu")!, { x: 0, y: 0 });
    const clash = { ...flow, nodes: flow.nodes.map((n, i) => (i === 0 ? { ...n, id: "note_1" } : n)) };
    expect(newNoteId(clash)).toBe("note_2");
    const noted = { ...starter, notes: [{ id: "menu_1", text: "", position: { x: 0, y: 0 } }] };
    expect(newNodeId(noted, "menu")).toBe("menu_2");
  });

  it("centres a new note on a point, on the grid", () => {
    expect(noteCentredAt({ x: 500, y: 300 }, 20)).toEqual({
      x: 500 - NOTE_SIZE.width / 2,
      y: 300 - NOTE_SIZE.height / 2,
    });
    expect(noteCentredAt({ x: 511, y: 289 }, 20)).toEqual({ x: 420, y: 220 });
  });
});

describe("note edits", () => {
  it("sets the text, and answers the same flow when nothing changes", () => {
    const { flow, id } = withNote();
    const edited = setNoteText(flow, id, "Holiday hours\nfrom 1 May");
    expect(edited.notes[0].text).toBe("Holiday hours\nfrom 1 May");
    expect(flow.notes[0].text).toBe("Ask sales");
    expect(setNoteText(edited, id, "Holiday hours\nfrom 1 May")).toBe(edited);
    expect(setNoteText(edited, "nope", "x")).toBe(edited);
  });

  it("resizes (and moves, from the top-left), never below the minimum", () => {
    const { flow, id } = withNote();
    const big = resizeNote(flow, id, { x: 20, y: -120, width: 320.4, height: 180 });
    expect(big.notes[0].size).toEqual({ width: 320, height: 180 });
    expect(big.notes[0].position).toEqual({ x: 20, y: -120 });
    const tiny = resizeNote(big, id, { x: 20, y: -120, width: 5, height: 5 });
    expect(tiny.notes[0].size).toEqual(NOTE_MIN);
    expect(resizeNote(tiny, id, { x: 20, y: -120, width: 5, height: 5 })).toBe(tiny);
  });

  it("moves notes and blocks together by their canvas ids", () => {
    const { flow, id } = withNote();
    const moved = moveBlocks(flow, new Map([[id, { x: 400, y: 60 }], ["welcome", { x: 0, y: 500 }]]));
    expect(moved.notes[0].position).toEqual({ x: 400, y: 60 });
    expect(moved.nodes.find((n) => n.id === "welcome")?.position).toEqual({ x: 0, y: 500 });
    // Moving only blocks keeps the very same notes list.
    expect(moveBlocks(flow, new Map([["welcome", { x: 1, y: 1 }]])).notes).toBe(flow.notes);
  });

  it("removes notes by canvas id, and unpins a note from a removed block", () => {
    const { flow, id } = withNote();
    const pinned = { ...flow, notes: [...flow.notes, { id: "pin", text: "", position: { x: 0, y: 0 }, node: "welcome" }] };
    const noNote = remove(pinned, [id]);
    expect(noNote.notes.map((n) => n.id)).toEqual(["pin"]);
    expect(noNote.nodes).toEqual(pinned.nodes);
    const noBlock = remove(pinned, ["welcome"]);
    expect(noBlock.notes).toHaveLength(2);
    expect(noBlock.notes[1]).toEqual({ id: "pin", text: "", position: { x: 0, y: 0 } });
    expect(noBlock.nodes.some((n) => n.id === "welcome")).toBe(false);
  });

  it("each edit is one undo step", () => {
    const { flow, id } = withNote();
    let doc = initialDoc(starter);
    doc = docReducer(doc, { type: "edit", flow });
    // Typing coalesces under one tag per editing session.
    doc = docReducer(doc, { type: "edit", flow: setNoteText(doc.flow, id, "A"), coalesce: "note:1" });
    doc = docReducer(doc, { type: "edit", flow: setNoteText(doc.flow, id, "AB"), coalesce: "note:1" });
    doc = docReducer(doc, { type: "edit", flow: moveBlocks(doc.flow, new Map([[id, { x: 0, y: 0 }]])) });
    expect(doc.past).toHaveLength(3);
    doc = docReducer(doc, { type: "undo" });
    expect(doc.flow.notes[0]).toMatchObject({ text: "AB", position: { x: 40, y: -100 } });
    doc = docReducer(doc, { type: "undo" });
    expect(doc.flow.notes[0].text).toBe("Ask sales");
  });
});

describe("noteNodes", () => {
  it("draws each note at its place and size, the default size when it has none", () => {
    const flow: Flow = {
      ...starter,
      notes: [
        { id: "a", text: "sized", position: { x: 1, y: 2 }, size: { width: 300, height: 90 } },
        { id: "b", text: "imported without a size", position: { x: 5, y: 6 } },
      ],
    };
    const nodes = noteNodes(flow, "zh");
    expect(nodes.map((n) => [n.id, n.type, n.position, n.width, n.height])).toEqual([
      ["a", "note", { x: 1, y: 2 }, 300, 90],
      ["b", "note", { x: 5, y: 6 }, NOTE_SIZE.width, NOTE_SIZE.height],
    ]);
    expect(nodes[1].data).toEqual({ note: flow.notes[1], lang: "zh" });
  });
});

describe("the block a note sits beside", () => {
  const size = () => ({ width: 240, height: 100 });
  const blockAt = (id: string, x: number, y: number) => ({ id, block: "play_prompt", label: "", position: { x, y }, params: {} });
  const flow: Flow = {
    ...starter,
    nodes: [blockAt("a", 0, 0), blockAt("b", 400, 0), blockAt("c", 0, 400)],
    notes: [
      // Over a and b, mostly over b.
      { id: "over", text: "", position: { x: 200, y: 20 }, size: { width: 260, height: 60 } },
      // Clear of every block, nearest c (60 px below a's row, 20 px left of... c is 200 px below it).
      { id: "near", text: "", position: { x: -260, y: 420 }, size: { width: 200, height: 80 } },
      // Pinned to a, though it lies nearer b.
      { id: "pinned", text: "", position: { x: 700, y: 0 }, node: "a" },
      // Pinned to a block that is gone: the nearest instead.
      { id: "stale", text: "", position: { x: 660, y: 0 }, node: "gone" },
    ],
  };

  it("is the block it is pinned to, else the one it overlaps most, else the nearest", () => {
    const beside = notesBeside(flow, size);
    expect(Object.fromEntries(beside)).toEqual({ over: "b", near: "c", pinned: "a", stale: "b" });
    expect(notesBeside({ ...flow, nodes: [] }, size).size).toBe(0);
  });

  it("moves each note by the offset of its block, leaving notes whose block stays", () => {
    const beside = notesBeside(flow, size);
    const moved = new Map([
      ["b", { x: 1000, y: 300 }],
      ["c", { x: 0, y: 400 }],
    ]);
    expect(Object.fromEntries(notesFollowing(flow, beside, moved))).toEqual({
      over: { x: 800, y: 320 },
      stale: { x: 1260, y: 300 },
    });
  });
});
