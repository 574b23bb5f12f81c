/**
 * Auto-layout's pure half: the flow (or a selection of it) as an ELK graph
 * (layered, left to right, a block's exits on its east side in the block's
 * exit order, its entry on the west), and ELK's answer back as grid-snapped
 * block positions, anchored where the laid-out blocks were. No ELK and no
 * React here: the worker runs ELK, these run on either side and in tests.
 */

import { blockGeometry } from "../../canvas/blockGeometry";
import { blockSpec, hasEntry, portsOf } from "../../flow";
import type { Catalog, Flow, Node } from "../../model";

/** The canvas grid: positions land on it. */
export const LAYOUT_GRID = 20;

export type Size = { width: number; height: number };
export type Point = { x: number; y: number };

/** The subset of ELK's JSON graph this module writes and reads. */
export type ElkPortIn = { id: string; width: number; height: number; layoutOptions: Record<string, string> };
export type ElkNodeIn = {
  id: string;
  width: number;
  height: number;
  layoutOptions?: Record<string, string>;
  ports?: ElkPortIn[];
  children?: ElkNodeIn[];
  edges?: { id: string; sources: string[]; targets: string[] }[];
};
export type ElkNodeOut = { id: string; x?: number; y?: number; children?: ElkNodeOut[] };

/** Gaps between blocks: wide enough that snapping to the grid (±10 px) never makes blocks touch. */
export const LAYOUT_OPTIONS: Record<string, string> = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.spacing.nodeNode": "40",
  "elk.layered.spacing.nodeNodeBetweenLayers": "80",
  "elk.spacing.edgeNode": "20",
  "elk.spacing.componentComponent": "60",
  // Not "considerModelOrder": it made a 200-block flow 4x slower (8.5 s against 2 s in Node) for the same
  // drawing. ELK is deterministic: the same flow gives the same layout.
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
};

/** A block's size when the canvas has not measured it: computed exactly from its catalog entry and exits. */
export function estimateSize(node: Node, catalog: Catalog): Size {
  const { width, height } = blockGeometry(blockSpec(catalog, node.block), node);
  return { width, height };
}

const portId = (node: string, port: string) => `${node}\u0000${port}`;
const ENTRY = "\u0000entry";

/**
 * The ELK graph for the blocks `ids` of `flow` (all blocks when omitted) and
 * the lines between them. `measured` sizes win over the estimate.
 */
export function toElkGraph(
  flow: Flow,
  catalog: Catalog,
  measured: Map<string, Size> = new Map(),
  ids?: Iterable<string>,
): ElkNodeIn {
  const keep = ids ? new Set(ids) : undefined;
  const nodes = keep ? flow.nodes.filter((n) => keep.has(n.id)) : flow.nodes;
  const inGraph = new Set(nodes.map((n) => n.id));
  // Exits a line leaves from that the catalog does not list (an unknown block): still ports, after the known ones.
  const extraPorts = new Map<string, string[]>();
  const known = new Map<string, Set<string>>();
  const withEntry = new Set<string>();
  const children: ElkNodeIn[] = nodes.map((node) => {
    const spec = blockSpec(catalog, node.block);
    const exits = spec ? portsOf(spec, node).map((p) => p.id) : [];
    known.set(node.id, new Set(exits));
    const size = measured.get(node.id) ?? estimateSize(node, catalog);
    const ports: ElkPortIn[] = [];
    if (hasEntry(spec)) {
      withEntry.add(node.id);
      ports.push({
        id: portId(node.id, ENTRY),
        width: 1,
        height: 1,
        // Ports are numbered clockwise (north, east, south, west): the entry comes after every exit.
        layoutOptions: { "elk.port.side": "WEST", "elk.port.index": "100000" },
      });
    }
    return {
      id: node.id,
      width: Math.max(1, Math.round(size.width)),
      height: Math.max(1, Math.round(size.height)),
      layoutOptions: { "elk.portConstraints": "FIXED_ORDER" },
      ports: ports.concat(exits.map((p, i) => eastPort(node.id, p, i))),
    };
  });
  const edges: NonNullable<ElkNodeIn["edges"]> = [];
  for (const e of flow.edges) {
    if (!inGraph.has(e.from.node) || !inGraph.has(e.to)) continue;
    if (!known.get(e.from.node)?.has(e.from.port)) {
      const extra = extraPorts.get(e.from.node) ?? [];
      if (!extra.includes(e.from.port)) extra.push(e.from.port);
      extraPorts.set(e.from.node, extra);
    }
    edges.push({
      id: e.id,
      sources: [portId(e.from.node, e.from.port)],
      // A line into a block without an entry (the start) ends on the block itself.
      targets: [withEntry.has(e.to) ? portId(e.to, ENTRY) : e.to],
    });
  }
  for (const child of children) {
    const extra = extraPorts.get(child.id);
    if (!extra) continue;
    const offset = known.get(child.id)?.size ?? 0;
    child.ports = [...(child.ports ?? []), ...extra.map((p, i) => eastPort(child.id, p, offset + i))];
  }
  return { id: "root", width: 0, height: 0, layoutOptions: LAYOUT_OPTIONS, children, edges };
}

/** Exit `i` of a block: on the east side, in the block's order from the top. */
function eastPort(node: string, port: string, i: number): ElkPortIn {
  return {
    id: portId(node, port),
    width: 1,
    height: 1,
    // ELK numbers ports clockwise from the top-left corner: on the east side, top to bottom.
    layoutOptions: { "elk.port.side": "EAST", "elk.port.index": String(i) },
  };
}

const snap = (v: number) => Math.round(v / LAYOUT_GRID) * LAYOUT_GRID || 0;

/** The top-left corner of the blocks `ids` of `flow` (all when omitted), on the grid. */
export function anchorOf(flow: Flow, ids?: Iterable<string>): Point {
  const keep = ids ? new Set(ids) : undefined;
  let x = Infinity;
  let y = Infinity;
  for (const n of flow.nodes) {
    if (keep && !keep.has(n.id)) continue;
    x = Math.min(x, n.position.x);
    y = Math.min(y, n.position.y);
  }
  return Number.isFinite(x) ? { x: snap(x), y: snap(y) } : { x: 0, y: 0 };
}

/**
 * ELK's answer as block positions: moved so the laid-out blocks' top-left
 * corner is `anchor`, and snapped to the grid.
 */
export function fromElk(result: ElkNodeOut, anchor: Point): Map<string, Point> {
  const children = result.children ?? [];
  let minX = Infinity;
  let minY = Infinity;
  for (const c of children) {
    minX = Math.min(minX, c.x ?? 0);
    minY = Math.min(minY, c.y ?? 0);
  }
  const out = new Map<string, Point>();
  for (const c of children) {
    out.set(c.id, {
      x: anchor.x + snap((c.x ?? 0) - minX),
      y: anchor.y + snap((c.y ?? 0) - minY),
    });
  }
  return out;
}

/** What the worker is asked and answers. */
export type LayoutRequest = { id: number; graph: ElkNodeIn };
export type LayoutResponse = { id: number; result: ElkNodeOut } | { id: number; error: string };

/** The box around the blocks `ids` of `flow` (all when omitted), with their sizes as `toElkGraph` takes them. */
export function boundsOf(
  flow: Flow,
  catalog: Catalog,
  measured: Map<string, Size> = new Map(),
  ids?: Iterable<string>,
): { x: number; y: number; width: number; height: number } {
  const keep = ids ? new Set(ids) : undefined;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const n of flow.nodes) {
    if (keep && !keep.has(n.id)) continue;
    const size = measured.get(n.id) ?? estimateSize(n, catalog);
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + size.width);
    y1 = Math.max(y1, n.position.y + size.height);
  }
  return Number.isFinite(x0) ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : { x: 0, y: 0, width: 0, height: 0 };
}
