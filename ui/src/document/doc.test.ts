import { describe, expect, it } from "vitest";
import fixture from "../backend/fixture.json";
import { blockSpec, portsOf } from "../flow";
import type { Catalog, Flow } from "../model";
import { addBlock, connect, moveBlocks, newVariable, pruneEdges, refusal, remove, setParam } from "./doc";

const catalog = fixture.catalog as Catalog;
const starter = fixture.starter_flow as Flow;
const spec = (id: string) => {
  const s = blockSpec(catalog, id);
  if (!s) throw new Error(id);
  return s;
};

/** The starter flow with a menu (keys 1 and 2) after the welcome prompt. */
function withMenu(): { flow: Flow; menu: string } {
  const { flow, id } = addBlock(starter, spec("menu"), { x: 400, y: 300 });
  return { flow, menu: id };
}

describe("addBlock", () => {
  it("adds a block with the catalog's defaults and a fresh id, leaving the old flow alone", () => {
    const { flow, menu } = withMenu();
    expect(menu).toBe("menu_1");
    const node = flow.nodes.find((n) => n.id === menu);
    expect(node?.params.keys).toEqual(["1", "2"]);
    expect(node?.position).toEqual({ x: 400, y: 300 });
    expect(starter.nodes.some((n) => n.id === menu)).toBe(false);
    expect(addBlock(flow, spec("menu"), { x: 0, y: 0 }).id).toBe("menu_2");
  });
});

describe("connect", () => {
  it("draws one line per exit: a new line from a wired exit replaces the old one", () => {
    const { flow, menu } = withMenu();
    const r = connect(flow, catalog, { node: "welcome", port: "next" }, menu);
    if (!("flow" in r)) throw new Error("refused");
    const from = r.flow.edges.filter((e) => e.from.node === "welcome" && e.from.port === "next");
    expect(from).toHaveLength(1);
    expect(from[0].to).toBe(menu);
    expect(r.flow.edges).toHaveLength(starter.edges.length);
  });

  it("refuses a line into the start block or out of a terminal block, saying why", () => {
    expect(refusal(starter, catalog, { node: "welcome", port: "error" }, "start")).toBe("refuseIntoStart");
    expect(connect(starter, catalog, { node: "hang_up", port: "next" }, "welcome")).toEqual({
      refused: "refuseFromTerminal",
    });
    expect(refusal(starter, catalog, { node: "welcome", port: "nope" }, "hang_up")).toBe("refuseNoExit");
    expect(refusal(starter, catalog, { node: "welcome", port: "error" }, "gone")).toBe("refuseMissing");
    expect(refusal(starter, catalog, { node: "welcome", port: "error" }, "hang_up")).toBeUndefined();
  });
});

describe("exits derived from settings", () => {
  it("adding key 3 to a menu adds exit key:3; removing key 2 removes its line", () => {
    const { flow: f0, menu } = withMenu();
    const r = connect(f0, catalog, { node: menu, port: "key:2" }, "hang_up");
    if (!("flow" in r)) throw new Error("refused");
    const f1 = setParam(r.flow, catalog, menu, "keys", ["1", "2", "3"]);
    const node = f1.nodes.find((n) => n.id === menu);
    if (!node) throw new Error("menu");
    expect(portsOf(spec("menu"), node).map((p) => p.id)).toContain("key:3");
    expect(f1.edges.some((e) => e.from.port === "key:2")).toBe(true);
    const f2 = setParam(f1, catalog, menu, "keys", ["1", "3"]);
    expect(f2.edges.some((e) => e.from.node === menu && e.from.port === "key:2")).toBe(false);
    // The flow before the change still has the line: undo gives it back.
    expect(f1.edges.some((e) => e.from.port === "key:2")).toBe(true);
  });

  it("keeps lines of blocks the catalog does not know", () => {
    const flow: Flow = {
      ...starter,
      nodes: [...starter.nodes, { id: "x", block: "mystery", label: "", position: { x: 0, y: 0 }, params: {} }],
      edges: [...starter.edges, { id: "ex", from: { node: "x", port: "out" }, to: "hang_up" }],
    };
    expect(pruneEdges(flow, catalog)).toBe(flow);
  });
});

describe("remove and move", () => {
  it("removes blocks with their lines, and lines alone", () => {
    const f = remove(starter, ["welcome"]);
    expect(f.nodes.map((n) => n.id)).toEqual(["start", "hang_up"]);
    expect(f.edges).toEqual([]);
    expect(remove(starter, [], ["e1"]).edges.map((e) => e.id)).toEqual(["e2"]);
    expect(remove(starter, [])).toBe(starter);
  });

  it("moves blocks", () => {
    const f = moveBlocks(starter, new Map([["welcome", { x: 1, y: 2 }]]));
    expect(f.nodes.find((n) => n.id === "welcome")?.position).toEqual({ x: 1, y: 2 });
    // A drag that ends where it began (or is committed twice) is no edit: no extra undo step.
    expect(moveBlocks(f, new Map([["welcome", { x: 1, y: 2 }]]))).toBe(f);
  });
});

describe("newVariable", () => {
  it("names a new variable that is not taken", () => {
    const v = newVariable([{ name: "var_1", type: "string", initial: "", description: "" }]);
    expect(v.name).toBe("var_2");
  });
});
