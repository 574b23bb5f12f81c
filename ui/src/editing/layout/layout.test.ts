/**
 * Auto-layout's pure parts: the ELK graph a flow becomes (ports in exit
 * order, entry west, lines to ports), ELK's answer as snapped, anchored
 * positions, and whole runs through ELK itself (no worker) with no blocks
 * overlapping, exits kept in order, and tidy leaving other blocks alone.
 */

import { describe, expect, it } from "vitest";
import fixture from "../../backend/fixture.json";
import type { Catalog, Edge, Flow, Node } from "../../model";
import { docReducer, initialDoc } from "../../document/history";
import { arrange } from "./arrange";
import { runElk } from "./elk";
import { LAYOUT_GRID, anchorOf, estimateSize, fromElk, toElkGraph, type Size } from "./graph";

const catalog = fixture.catalog as Catalog;

function node(id: string, block: string, x: number, y: number, params: Record<string, unknown> = {}): Node {
  return { id, block, label: "", position: { x, y }, params };
}
function edge(id: string, from: string, port: string, to: string): Edge {
  return { id, from: { node: from, port }, to };
}
function flowOf(nodes: Node[], edges: Edge[]): Flow {
  return { name: "t", description: "", kind: "main", variables: [], nodes, edges, notes: [], bindings: [] };
}

/** start -> menu (keys 1, 2, 3) -> a prompt per key -> hang up; blocks piled up at one point. */
function menuFlow(): Flow {
  return flowOf(
    [
      node("start", "start", 0, 0),
      node("menu", "menu", 0, 0, { keys: ["1", "2", "3"], prompt: "Press." }),
      node("p1", "play_prompt", 0, 0, { text: "one" }),
      node("p2", "play_prompt", 0, 0, { text: "two" }),
      node("p3", "play_prompt", 0, 0, { text: "three" }),
      node("bye", "hang_up", 0, 0),
    ],
    [
      edge("e1", "start", "next", "menu"),
      // Written in reverse, so order on the canvas can only come from the exits' order.
      edge("e4", "menu", "key:3", "p3"),
      edge("e3", "menu", "key:2", "p2"),
      edge("e2", "menu", "key:1", "p1"),
      edge("e5", "p1", "next", "bye"),
      edge("e6", "p2", "next", "bye"),
      edge("e7", "p3", "next", "bye"),
      edge("e8", "menu", "no_match", "menu"),
    ],
  );
}

/** `units` menus in a chain, each with three prompts; like ivr-flow's synthetic flows. */
function bigFlow(units: number): Flow {
  const nodes = [node("start", "start", 0, 0)];
  const edges: Edge[] = [];
  let prev = { node: "start", port: "next" };
  for (let u = 0; u < units; u++) {
    nodes.push(node(`m${u}`, "menu", 300, u * 10, { keys: ["1", "2", "3"] }));
    nodes.push(node(`a${u}`, "play_prompt", 600, u * 10, { text: "a" }));
    nodes.push(node(`q${u}`, "transfer_queue", 600, u * 10 + 5, { queue: "q" }));
    nodes.push(node(`c${u}`, "collect_digits", 900, u * 10, { variable: "x" }));
    edges.push(edge(`p${u}`, prev.node, prev.port, `m${u}`));
    edges.push(edge(`k1${u}`, `m${u}`, "key:1", `a${u}`));
    edges.push(edge(`k2${u}`, `m${u}`, "key:2", `q${u}`));
    edges.push(edge(`k3${u}`, `m${u}`, "key:3", `c${u}`));
    edges.push(edge(`t${u}`, `m${u}`, "timeout", "bye"));
    edges.push(edge(`n${u}`, `c${u}`, "next", "bye"));
    prev = { node: `a${u}`, port: "next" };
  }
  nodes.push(node("bye", "hang_up", 1500, 0));
  edges.push(edge("last", prev.node, prev.port, "bye"));
  return flowOf(nodes, edges);
}

/** The pairs of blocks of `flow` whose boxes overlap. */
function overlaps(flow: Flow, sizes: (n: Node) => Size): string[] {
  const out: string[] = [];
  const ns = flow.nodes;
  for (let i = 0; i < ns.length; i++) {
    for (let j = i + 1; j < ns.length; j++) {
      const a = ns[i]!;
      const b = ns[j]!;
      const sa = sizes(a);
      const sb = sizes(b);
      const apart =
        a.position.x + sa.width <= b.position.x ||
        b.position.x + sb.width <= a.position.x ||
        a.position.y + sa.height <= b.position.y ||
        b.position.y + sb.height <= a.position.y;
      if (!apart) out.push(`${a.id}/${b.id}`);
    }
  }
  return out;
}

const byId = (flow: Flow) => new Map(flow.nodes.map((n) => [n.id, n]));

describe("toElkGraph", () => {
  it("gives each block its exits on the east in the block's order and its entry on the west", () => {
    const g = toElkGraph(menuFlow(), catalog);
    expect(g.layoutOptions?.["elk.algorithm"]).toBe("layered");
    expect(g.layoutOptions?.["elk.direction"]).toBe("RIGHT");
    const menu = g.children?.find((c) => c.id === "menu");
    expect(menu?.layoutOptions?.["elk.portConstraints"]).toBe("FIXED_ORDER");
    const east = (menu?.ports ?? []).filter((p) => p.layoutOptions["elk.port.side"] === "EAST");
    expect(east.map((p) => p.id.split("\u0000")[1])).toEqual(["key:1", "key:2", "key:3", "timeout", "no_match", "error"]);
    expect(east.map((p) => Number(p.layoutOptions["elk.port.index"]))).toEqual([0, 1, 2, 3, 4, 5]);
    const west = (menu?.ports ?? []).filter((p) => p.layoutOptions["elk.port.side"] === "WEST");
    expect(west).toHaveLength(1);
    // The start has no entry; the hang-up has no exits.
    const start = g.children?.find((c) => c.id === "start");
    expect(start?.ports?.map((p) => p.layoutOptions["elk.port.side"])).toEqual(["EAST"]);
    const bye = g.children?.find((c) => c.id === "bye");
    expect(bye?.ports?.map((p) => p.layoutOptions["elk.port.side"])).toEqual(["WEST"]);
  });

  it("joins lines from exit ports to entry ports", () => {
    const g = toElkGraph(menuFlow(), catalog);
    const e2 = g.edges?.find((e) => e.id === "e2");
    expect(e2).toEqual({ id: "e2", sources: ["menu\u0000key:1"], targets: ["p1\u0000\u0000entry"] });
    expect(g.edges).toHaveLength(8);
  });

  it("uses measured sizes, else estimates from the catalog", () => {
    const flow = menuFlow();
    const g = toElkGraph(flow, catalog, new Map([["p1", { width: 300, height: 123.4 }]]));
    const p1 = g.children?.find((c) => c.id === "p1");
    expect([p1?.width, p1?.height]).toEqual([300, 123]);
    const menu = g.children?.find((c) => c.id === "menu");
    const est = estimateSize(flow.nodes[1]!, catalog);
    expect([menu?.width, menu?.height]).toEqual([est.width, est.height]);
    // A menu with six exits is taller than a prompt with one, which is taller than a hang-up.
    const prompt = estimateSize(flow.nodes[2]!, catalog);
    const bye = estimateSize(flow.nodes[5]!, catalog);
    expect(est.height).toBeGreaterThan(prompt.height);
    expect(prompt.height).toBeGreaterThan(bye.height);
  });

  it("takes only the selected blocks and the lines between them", () => {
    const g = toElkGraph(menuFlow(), catalog, new Map(), ["menu", "p1", "p2"]);
    expect(g.children?.map((c) => c.id)).toEqual(["menu", "p1", "p2"]);
    expect(g.edges?.map((e) => e.id).sort()).toEqual(["e2", "e3", "e8"]);
  });

  it("gives an exit the catalog does not know a port of its own", () => {
    const flow = menuFlow();
    flow.edges.push(edge("odd", "p1", "mystery", "bye"));
    const p1 = toElkGraph(flow, catalog).children?.find((c) => c.id === "p1");
    expect(p1?.ports?.map((p) => p.id)).toContain("p1\u0000mystery");
  });
});

describe("fromElk and anchorOf", () => {
  it("snaps to the grid and puts the top-left block corner at the anchor", () => {
    const out = fromElk(
      { id: "root", children: [ { id: "a", x: 12, y: 31 }, { id: "b", x: 345, y: 12 } ] },
      { x: 100, y: -40 },
    );
    expect(out.get("a")).toEqual({ x: 100, y: -20 });
    expect(out.get("b")).toEqual({ x: 100 + 340, y: -40 });
    for (const p of out.values()) {
      expect(Math.abs(p.x % LAYOUT_GRID)).toBe(0);
      expect(Math.abs(p.y % LAYOUT_GRID)).toBe(0);
    }
  });

  it("anchors at the selection's top-left corner, on the grid", () => {
    const flow = flowOf([node("a", "start", 55, 300), node("b", "hang_up", 400, 42), node("c", "hang_up", -500, -500)], []);
    expect(anchorOf(flow, ["a", "b"])).toEqual({ x: 60, y: 40 });
    expect(anchorOf(flow)).toEqual({ x: -500, y: -500 });
    expect(anchorOf(flow, [])).toEqual({ x: 0, y: 0 });
  });
});

describe("arrange with ELK", () => {
  const size = (n: Node) => estimateSize(n, catalog);

  it("lays out a menu left to right, its keys top to bottom, nothing overlapping", async () => {
    const flow = menuFlow();
    const next = await arrange(flow, catalog, runElk);
    const at = byId(next);
    const x = (id: string) => at.get(id)!.position.x;
    const y = (id: string) => at.get(id)!.position.y;
    expect(x("start")).toBeLessThan(x("menu"));
    expect(x("menu")).toBeLessThan(x("p1"));
    expect(x("p1")).toBeLessThan(x("bye"));
    expect(y("p1")).toBeLessThan(y("p2"));
    expect(y("p2")).toBeLessThan(y("p3"));
    expect(overlaps(next, size)).toEqual([]);
    // The top-left corner stays where the blocks were; everything on the grid.
    expect(anchorOf(next)).toEqual(anchorOf(flow));
    for (const n of next.nodes) {
      expect(Math.abs(n.position.x % LAYOUT_GRID)).toBe(0);
      expect(Math.abs(n.position.y % LAYOUT_GRID)).toBe(0);
    }
    // Nothing else changed.
    expect(next.edges).toBe(flow.edges);
    expect(next.nodes.map((n) => n.params)).toEqual(flow.nodes.map((n) => n.params));
  });

  it("separates 200 piled-up blocks", async () => {
    const flow = bigFlow(50);
    expect(flow.nodes).toHaveLength(202);
    expect(overlaps(flow, size).length).toBeGreaterThan(0);
    const next = await arrange(flow, catalog, runElk);
    expect(overlaps(next, size)).toEqual([]);
  }, 60_000);

  it("tidies only the selection, keeping its top-left corner", async () => {
    const flow = menuFlow();
    flow.nodes = flow.nodes.map((n, i) => ({ ...n, position: { x: 400 + i * 7, y: 200 + i * 3 } }));
    const ids = ["menu", "p1", "p2", "p3"];
    const next = await arrange(flow, catalog, runElk, new Map(), ids);
    const before = byId(flow);
    for (const n of next.nodes) {
      if (!ids.includes(n.id)) expect(n).toBe(before.get(n.id));
    }
    expect(anchorOf(next, ids)).toEqual(anchorOf(flow, ids));
    const sel = flowOf(next.nodes.filter((n) => ids.includes(n.id)), []);
    expect(overlaps(sel, size)).toEqual([]);
  });

  it("moves each sticky note with the block it sits beside, and one undo puts both back", async () => {
    const flow = menuFlow();
    // Spread out as an import would leave them, each note beside (or over) a block.
    flow.nodes = flow.nodes.map((n, i) => ({ ...n, position: { x: (i % 3) * 500, y: Math.floor(i / 3) * 400 } }));
    const pos = byId(flow);
    const p = (id: string) => pos.get(id)!.position;
    flow.notes = [
      // Over p2's card.
      { id: "n_over", text: "Check the queue", position: { x: p("p2").x + 100, y: p("p2").y + 40 }, size: { width: 200, height: 120 } },
      // Just below the hang-up, touching nothing.
      { id: "n_below", text: "Ends here", position: { x: p("bye").x, y: p("bye").y + 160 } },
      // Left of the start.
      { id: "n_left", text: "Entry", position: { x: p("start").x - 260, y: p("start").y }, size: { width: 200, height: 80 } },
    ];
    const beside = { n_over: "p2", n_below: "bye", n_left: "start" };
    const offsets = (f: Flow) => {
      const at = byId(f);
      return Object.fromEntries(
        f.notes.map((n) => {
          const b = at.get(beside[n.id as keyof typeof beside])!.position;
          return [n.id, { dx: n.position.x - b.x, dy: n.position.y - b.y }];
        }),
      );
    };
    const next = await arrange(flow, catalog, runElk);
    // The blocks moved (the layout is not where they were)...
    expect(next.nodes.some((n) => n.position.x !== p(n.id).x || n.position.y !== p(n.id).y)).toBe(true);
    // ...and every note with its own block: the same place beside it.
    expect(offsets(next)).toEqual(offsets(flow));
    expect(next.notes.every((n, i) => n.text === flow.notes[i].text && n.size === flow.notes[i].size)).toBe(true);
    // The layout is one edit: one undo restores blocks and notes, redo brings both back.
    let doc = docReducer(initialDoc(flow), { type: "edit", flow: next });
    doc = docReducer(doc, { type: "undo" });
    expect(doc.flow.nodes).toEqual(flow.nodes);
    expect(doc.flow.notes).toEqual(flow.notes);
    doc = docReducer(doc, { type: "redo" });
    expect(doc.flow.notes).toEqual(next.notes);
  });

  it("tidying moves only the notes beside the tidied blocks", async () => {
    const flow = menuFlow();
    flow.nodes = flow.nodes.map((n, i) => ({ ...n, position: { x: 400 + i * 7, y: 200 + i * 300 } }));
    const pos = byId(flow);
    flow.notes = [
      { id: "n_p1", text: "", position: { x: pos.get("p1")!.position.x + 300, y: pos.get("p1")!.position.y } },
      { id: "n_bye", text: "", position: { x: pos.get("bye")!.position.x + 300, y: pos.get("bye")!.position.y } },
    ];
    const next = await arrange(flow, catalog, runElk, new Map(), ["menu", "p1", "p2", "p3"]);
    const p1 = byId(next).get("p1")!.position;
    expect(next.notes[0].position).toEqual({ x: p1.x + 300, y: p1.y });
    expect(next.notes[1]).toBe(flow.notes[1]);
  });

  it("changes nothing when the layout fails", async () => {
    const flow = menuFlow();
    await expect(arrange(flow, catalog, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(arrange(flow, catalog, async () => ({ id: "root", children: [] }))).rejects.toThrow(
      /placed 0 of 6/,
    );
  });
});
