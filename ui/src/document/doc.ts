/**
 * Pure edits of a flow document, as the canvas and the inspector make them:
 * add, move, delete, connect, change a setting. Each returns a new flow and
 * leaves the old one as it was (so undo is a stack of flows). Lines whose exit
 * has gone (a key removed from a menu) are removed with it. Whether a line
 * may be drawn at all is what the catalog says (`entry`, `terminal`); whether
 * the flow is valid is the engine's job, never decided here.
 */

import { blockSpec, portsOf } from "../flow";
import type { StringKey } from "../i18n";
import type { BlockSpec, Catalog, Edge, Flow, Node, Variable } from "../model";
import { moveNotes, removeNotes } from "./notes";

/** A fresh id for a block of `block` not yet used in `flow` (by a block or a note): `menu_2`. */
export function newNodeId(flow: Flow, block: string): string {
  const used = new Set([...flow.nodes.map((n) => n.id), ...flow.notes.map((n) => n.id)]);
  for (let i = 1; ; i++) {
    const id = `${block}_${i}`;
    if (!used.has(id)) return id;
  }
}

/** A fresh line id not yet used in `flow`. */
export function newEdgeId(flow: Flow): string {
  const used = new Set(flow.edges.map((e) => e.id));
  for (let i = flow.edges.length + 1; ; i++) {
    const id = `e${i}`;
    if (!used.has(id)) return id;
  }
}

/** A new block of `spec` at `position`, with the catalog's default settings. */
export function addBlock(
  flow: Flow,
  spec: BlockSpec,
  position: { x: number; y: number },
): { flow: Flow; id: string } {
  const id = newNodeId(flow, spec.id);
  const params: Record<string, unknown> = {};
  for (const p of spec.params) {
    if (p.default !== null && p.default !== undefined) params[p.key] = structuredClone(p.default);
  }
  const node: Node = { id, block: spec.id, label: "", position: { ...position }, params };
  return { flow: { ...flow, nodes: [...flow.nodes, node] }, id };
}

/** `flow` with the given blocks and sticky notes (canvas ids) moved. */
export function moveBlocks(flow: Flow, moved: Map<string, { x: number; y: number }>): Flow {
  // Nothing actually moved (a click, or a drag committed twice): the same flow, so no undo step.
  const changed = (items: { id: string; position: { x: number; y: number } }[]) =>
    items.some((item) => {
      const p = moved.get(item.id);
      return p !== undefined && (item.position.x !== p.x || item.position.y !== p.y);
    });
  if (!changed(flow.nodes) && !changed(flow.notes)) return flow;
  return {
    ...flow,
    nodes: flow.nodes.map((n) => {
      const p = moved.get(n.id);
      return p ? { ...n, position: { x: p.x, y: p.y } } : n;
    }),
    notes: moveNotes(flow, moved),
  };
}

/**
 * `flow` without these blocks, sticky notes (canvas ids) and lines, and
 * without the lines into or out of the removed blocks.
 */
export function remove(flow: Flow, nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): Flow {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  if (nodes.size === 0 && edges.size === 0) return flow;
  return {
    ...flow,
    nodes: flow.nodes.filter((n) => !nodes.has(n.id)),
    notes: removeNotes(flow, nodes),
    edges: flow.edges.filter(
      (e) => !edges.has(e.id) && !nodes.has(e.from.node) && !nodes.has(e.to),
    ),
  };
}

/** Why a line may not be drawn, as a UI string key; undefined when it may. */
export function refusal(
  flow: Flow,
  catalog: Catalog,
  from: { node: string; port: string },
  to: string,
): StringKey | undefined {
  const source = flow.nodes.find((n) => n.id === from.node);
  const target = flow.nodes.find((n) => n.id === to);
  if (!source || !target) return "refuseMissing";
  const sourceSpec = blockSpec(catalog, source.block);
  const targetSpec = blockSpec(catalog, target.block);
  if (sourceSpec?.terminal) return "refuseFromTerminal";
  if (targetSpec && !targetSpec.entry) return "refuseIntoStart";
  if (sourceSpec && !portsOf(sourceSpec, source).some((p) => p.id === from.port)) {
    return "refuseNoExit";
  }
  return undefined;
}

/**
 * `flow` with a line from the exit `from` to the block `to`, replacing the
 * line that exit had (one line per exit); or the reason it may not be drawn.
 */
export function connect(
  flow: Flow,
  catalog: Catalog,
  from: { node: string; port: string },
  to: string,
): { flow: Flow } | { refused: StringKey } {
  const why = refusal(flow, catalog, from, to);
  if (why) return { refused: why };
  const kept = flow.edges.filter((e) => !(e.from.node === from.node && e.from.port === from.port));
  const edge: Edge = { id: newEdgeId(flow), from: { ...from }, to };
  return { flow: { ...flow, edges: [...kept, edge] } };
}

/** `flow` without lines from exits their block no longer has (a menu key was removed). */
export function pruneEdges(flow: Flow, catalog: Catalog): Flow {
  const ports = new Map<string, Set<string>>();
  for (const n of flow.nodes) {
    const spec = blockSpec(catalog, n.block);
    // An unknown block keeps its lines: nothing here knows its exits.
    if (spec) ports.set(n.id, new Set(portsOf(spec, n).map((p) => p.id)));
  }
  const edges = flow.edges.filter((e) => ports.get(e.from.node)?.has(e.from.port) ?? true);
  return edges.length === flow.edges.length ? flow : { ...flow, edges };
}

/** `flow` with one block changed by `change` (its settings or label), and lines from vanished exits removed. */
export function updateBlock(
  flow: Flow,
  catalog: Catalog,
  id: string,
  change: (node: Node) => Node,
): Flow {
  const next = { ...flow, nodes: flow.nodes.map((n) => (n.id === id ? change(n) : n)) };
  return pruneEdges(next, catalog);
}

/** `flow` with setting `key` of block `id` set to `value` (undefined removes it). */
export function setParam(flow: Flow, catalog: Catalog, id: string, key: string, value: unknown): Flow {
  return updateBlock(flow, catalog, id, (n) => {
    const params = { ...n.params };
    if (value === undefined) delete params[key];
    else params[key] = value;
    return { ...n, params };
  });
}

/** The flow-level settings the flow form edits. */
export type FlowSettings = Pick<Flow, "name" | "description" | "kind" | "variables">;

/** `flow` with some flow-level settings changed. */
export function setSettings(flow: Flow, patch: Partial<FlowSettings>): Flow {
  return { ...flow, ...patch };
}

/** A new variable named `var_N`, not yet declared in `variables`. */
export function newVariable(variables: Variable[]): Variable {
  const used = new Set(variables.map((v) => v.name));
  let i = variables.length + 1;
  while (used.has(`var_${i}`)) i++;
  return { name: `var_${i}`, type: "string", initial: "", description: "" };
}
