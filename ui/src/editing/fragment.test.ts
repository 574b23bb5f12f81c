import { describe, expect, it } from "vitest";
import fixture from "../backend/fixture.json";
import type { Flow } from "../model";
import {
  FRAGMENT_FORMAT,
  FRAGMENT_VERSION,
  fragmentOf,
  pasteFragment,
  pasteOffset,
  readFragment,
  writeFragment,
} from "./fragment";

const starter = fixture.starter_flow as Flow;
// start -> welcome -> hang_up, with a note pinned to welcome and a loose one.
const flow: Flow = {
  ...starter,
  notes: [
    { id: "n1", text: "say hello", position: { x: 400, y: 60 }, node: "welcome" },
    { id: "n2", text: "loose", position: { x: 0, y: 0 } },
  ],
};

describe("fragmentOf", () => {
  it("takes the blocks, only the lines with both ends inside, and the notes pinned to them", () => {
    const f = fragmentOf(flow, ["welcome", "hang_up", "nope"]);
    expect(f?.format).toBe(FRAGMENT_FORMAT);
    expect(f?.version).toBe(FRAGMENT_VERSION);
    expect(f?.nodes.map((n) => n.id)).toEqual(["welcome", "hang_up"]);
    expect(f?.edges.map((e) => e.id)).toEqual(["e2"]);
    expect(f?.notes.map((n) => n.id)).toEqual(["n1"]);
    expect(fragmentOf(flow, [])).toBeNull();
    expect(fragmentOf(flow, ["nope"])).toBeNull();
  });

  it("is a copy: changing the flow later does not change it", () => {
    const f = fragmentOf(flow, ["welcome"]);
    (flow.nodes[1]!.params as Record<string, unknown>).text = "changed";
    expect(f?.nodes[0]?.params.text).toBe("Welcome to our service. Goodbye.");
    (flow.nodes[1]!.params as Record<string, unknown>).text = "Welcome to our service. Goodbye.";
  });
});

describe("readFragment", () => {
  const good = fragmentOf(flow, ["welcome", "hang_up"])!;

  it("reads back what writeFragment wrote", () => {
    const r = readFragment(writeFragment(good));
    expect(r).toEqual({ fragment: good });
  });

  it("refuses text that is not a fragment", () => {
    for (const text of ["", "hello", "[1,2]", '{"format":"ivr-studio/flow","version":1}', "null"]) {
      expect(readFragment(text)).toEqual({ refused: "pasteNotBlocks" });
    }
  });

  it("refuses a fragment from a newer app, naming the version", () => {
    const r = readFragment(JSON.stringify({ ...good, version: FRAGMENT_VERSION + 1 }));
    expect(r).toMatchObject({ refused: "pasteNewer" });
    expect("detail" in r && r.detail).toContain(String(FRAGMENT_VERSION + 1));
  });

  it("refuses a fragment of the wrong shape, saying what is wrong", () => {
    const bad: [unknown, RegExp][] = [
      [{ ...good, version: "1" }, /version/],
      [{ ...good, nodes: {} }, /lists/],
      [{ ...good, nodes: [] }, /no blocks/],
      [{ ...good, nodes: [{ id: "a", block: "menu" }] }, /a has no position/],
      [{ ...good, nodes: [{ id: "a", block: "menu", position: { x: "1", y: 2 } }] }, /position/],
      [{ ...good, nodes: [{ block: "menu", position: { x: 1, y: 2 } }] }, /no id/],
      [{ ...good, nodes: [{ id: "a", block: "menu", position: { x: 1, y: 2 }, params: [] }] }, /settings/],
      [{ ...good, nodes: [good.nodes[0], good.nodes[0]] }, /two blocks/],
      [{ ...good, edges: [{ id: "e", from: "welcome", to: "hang_up" }] }, /no exit/],
      [{ ...good, notes: [{ id: "n", position: { x: 0, y: 0 } }] }, /no text/],
    ];
    for (const [value, says] of bad) {
      const r = readFragment(JSON.stringify(value));
      expect(r, JSON.stringify(value)).toMatchObject({ refused: "pasteBadBlocks" });
      expect("detail" in r ? r.detail : "").toMatch(says);
    }
  });

  it("drops lines that do not join two of its blocks, and fills a missing label and settings", () => {
    const r = readFragment(
      JSON.stringify({
        format: FRAGMENT_FORMAT,
        version: 1,
        nodes: [{ id: "a", block: "hang_up", position: { x: 0, y: 0 } }],
        edges: [{ id: "x", from: { node: "a", port: "next" }, to: "elsewhere" }],
      }),
    );
    expect(r).toEqual({
      fragment: {
        format: FRAGMENT_FORMAT,
        version: 1,
        nodes: [{ id: "a", block: "hang_up", label: "", position: { x: 0, y: 0 }, params: {} }],
        edges: [],
        notes: [],
      },
    });
  });
});

describe("pasteFragment", () => {
  it("pastes with fresh ids, the inner lines and pinned notes re-pointed, moved by the offset", () => {
    const frag = fragmentOf(flow, ["welcome", "hang_up"])!;
    const { flow: next, ids } = pasteFragment(flow, frag, { x: 40, y: 40 });
    expect(ids).toEqual(["play_prompt_1", "hang_up_1"]);
    expect(next.nodes).toHaveLength(5);
    const ids0 = new Set(flow.nodes.map((n) => n.id));
    expect(ids.every((id) => !ids0.has(id))).toBe(true);
    const pasted = next.nodes.find((n) => n.id === "play_prompt_1")!;
    expect(pasted.position).toEqual({ x: 440, y: 160 });
    expect(pasted.params).toEqual(flow.nodes[1]!.params);
    const line = next.edges[next.edges.length - 1]!;
    expect(next.edges).toHaveLength(3);
    expect(new Set(next.edges.map((e) => e.id)).size).toBe(3);
    expect(line.from).toEqual({ node: "play_prompt_1", port: "next" });
    expect(line.to).toBe("hang_up_1");
    const note = next.notes[next.notes.length - 1]!;
    expect(note).toMatchObject({ node: "play_prompt_1", text: "say hello", position: { x: 440, y: 100 } });
    expect(new Set(next.notes.map((n) => n.id)).size).toBe(3);
    // The original flow is untouched.
    expect(flow.nodes).toHaveLength(3);
  });

  it("pastes twice without an id clash", () => {
    const frag = fragmentOf(flow, ["welcome"])!;
    const once = pasteFragment(flow, frag, { x: 40, y: 40 }).flow;
    const twice = pasteFragment(once, frag, { x: 80, y: 80 });
    expect(twice.ids).toEqual(["play_prompt_2"]);
    expect(new Set(twice.flow.nodes.map((n) => n.id)).size).toBe(5);
  });
});

describe("pasteOffset", () => {
  const frag = fragmentOf(flow, ["welcome", "hang_up"])!;
  it("puts the top-left corner at the pointer, on the grid", () => {
    expect(pasteOffset(frag, { x: 1007, y: 512 }, 0)).toEqual({ x: 1000 - 400, y: 520 - 60 });
  });
  it("steps 40 px per repeated paste without a pointer", () => {
    expect(pasteOffset(frag, null, 1)).toEqual({ x: 40, y: 40 });
    expect(pasteOffset(frag, null, 3)).toEqual({ x: 120, y: 120 });
  });
});
