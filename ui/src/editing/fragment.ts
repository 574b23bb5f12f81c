/**
 * A piece of a flow on the clipboard: the selected blocks, the lines between
 * them (both ends selected) and the notes pinned to them, as a small
 * versioned JSON envelope, so blocks can be copied between flows, files and
 * windows through the system clipboard. Pure functions: take a fragment out
 * of a flow, write it, read and check clipboard text (anything else is a
 * clear refusal, never a half paste), and paste it with fresh ids.
 */

import type { StringKey } from "../i18n";
import type { Edge, Flow, Node, Note } from "../model";
import { newEdgeId, newNodeId } from "../document/doc";

export const FRAGMENT_FORMAT = "ivr-studio/fragment";
/** The fragment version this app writes and the newest it reads. */
export const FRAGMENT_VERSION = 1;
/** How far a repeated paste (or a duplicate) lands from the last one, in px. */
export const PASTE_STEP = 40;
/** The most blocks one paste may bring (a bigger clipboard is refused, not half pasted). */
export const MAX_FRAGMENT_NODES = 5000;

export type Fragment = {
  format: typeof FRAGMENT_FORMAT;
  version: number;
  nodes: Node[];
  edges: Edge[];
  notes: Note[];
};

type XY = { x: number; y: number };

/** The blocks `ids` of `flow` with their inner lines and pinned notes; null when none of them is in the flow. */
export function fragmentOf(flow: Flow, ids: Iterable<string>): Fragment | null {
  const wanted = new Set(ids);
  const nodes = flow.nodes.filter((n) => wanted.has(n.id));
  if (nodes.length === 0) return null;
  const inside = new Set(nodes.map((n) => n.id));
  return {
    format: FRAGMENT_FORMAT,
    version: FRAGMENT_VERSION,
    nodes: structuredClone(nodes),
    edges: structuredClone(flow.edges.filter((e) => inside.has(e.from.node) && inside.has(e.to))),
    notes: structuredClone(flow.notes.filter((n) => wanted.has(n.id) || (n.node !== undefined && inside.has(n.node)))),
  };
}

/** The clipboard text of `fragment`. */
export function writeFragment(fragment: Fragment): string {
  return JSON.stringify(fragment);
}

/** A fragment read from clipboard text, or why it is not one (a UI string key, and a detail). */
export type ReadFragment = { fragment: Fragment } | { refused: StringKey; detail?: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isXY = (v: unknown): v is XY =>
  isObject(v) && Number.isFinite(v.x) && Number.isFinite(v.y);

/** What is wrong with item `i` of a fragment's blocks, lines or notes; undefined when it is well formed. */
function nodeFault(n: unknown): string | undefined {
  if (!isObject(n)) return "a block is not an object";
  if (typeof n.id !== "string" || n.id === "") return "a block has no id";
  if (typeof n.block !== "string" || n.block === "") return `block ${n.id} has no type`;
  if (n.label !== undefined && typeof n.label !== "string") return `block ${n.id} has a label that is not text`;
  if (!isXY(n.position)) return `block ${n.id} has no position`;
  if (n.params !== undefined && !isObject(n.params)) return `block ${n.id} has settings that are not an object`;
  return undefined;
}

function edgeFault(e: unknown): string | undefined {
  if (!isObject(e)) return "a line is not an object";
  if (typeof e.id !== "string") return "a line has no id";
  if (!isObject(e.from) || typeof e.from.node !== "string" || typeof e.from.port !== "string") {
    return `line ${e.id} has no exit`;
  }
  if (typeof e.to !== "string") return `line ${e.id} has no target`;
  return undefined;
}

function noteFault(n: unknown): string | undefined {
  if (!isObject(n)) return "a note is not an object";
  if (typeof n.id !== "string") return "a note has no id";
  if (typeof n.text !== "string") return `note ${n.id} has no text`;
  if (!isXY(n.position)) return `note ${n.id} has no position`;
  if (n.node !== undefined && typeof n.node !== "string") return `note ${n.id} is pinned to something that is not a block id`;
  return undefined;
}

/**
 * Reads clipboard text as a fragment. Text that is not a fragment at all,
 * a fragment from a newer app, or one with a wrong shape is refused with a
 * reason; lines that do not join two of its blocks are dropped.
 */
export function readFragment(text: string): ReadFragment {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { refused: "pasteNotBlocks" };
  }
  if (!isObject(value) || value.format !== FRAGMENT_FORMAT) return { refused: "pasteNotBlocks" };
  if (typeof value.version !== "number" || !Number.isInteger(value.version) || value.version < 1) {
    return { refused: "pasteBadBlocks", detail: "the version is not a whole number" };
  }
  if (value.version > FRAGMENT_VERSION) {
    return { refused: "pasteNewer", detail: `version ${value.version} > ${FRAGMENT_VERSION}` };
  }
  const { nodes, edges = [], notes = [] } = value;
  if (!Array.isArray(nodes) || !Array.isArray(edges) || !Array.isArray(notes)) {
    return { refused: "pasteBadBlocks", detail: "blocks, lines and notes must be lists" };
  }
  if (nodes.length === 0) return { refused: "pasteBadBlocks", detail: "there are no blocks" };
  if (nodes.length > MAX_FRAGMENT_NODES) {
    return { refused: "pasteBadBlocks", detail: `${nodes.length} blocks > ${MAX_FRAGMENT_NODES}` };
  }
  const fault = nodes.map(nodeFault).find(Boolean) ?? edges.map(edgeFault).find(Boolean) ?? notes.map(noteFault).find(Boolean);
  if (fault) return { refused: "pasteBadBlocks", detail: fault };
  const ids = new Set<string>();
  for (const n of nodes as Node[]) {
    if (ids.has(n.id)) return { refused: "pasteBadBlocks", detail: `two blocks are called ${n.id}` };
    ids.add(n.id);
  }
  return {
    fragment: {
      format: FRAGMENT_FORMAT,
      version: value.version,
      nodes: (nodes as Node[]).map((n) => ({ ...n, label: n.label ?? "", params: n.params ?? {} })),
      edges: (edges as Edge[]).filter((e) => ids.has(e.from.node) && ids.has(e.to)),
      notes: notes as Note[],
    },
  };
}

/** The top-left corner of the fragment's blocks and notes. */
export function topLeft(fragment: Fragment): XY {
  const points = [...fragment.nodes, ...fragment.notes].map((n) => n.position);
  return {
    x: Math.min(...points.map((p) => p.x)),
    y: Math.min(...points.map((p) => p.y)),
  };
}

/** A fresh note id not yet used in `flow`. */
function newNoteId(flow: Flow): string {
  const used = new Set(flow.notes.map((n) => n.id));
  for (let i = flow.notes.length + 1; ; i++) {
    const id = `note_${i}`;
    if (!used.has(id)) return id;
  }
}

/**
 * `flow` with `fragment` pasted, moved by `offset`: every block, line and
 * note gets a fresh id, lines and pinned notes follow their blocks. Answers
 * the new block ids (to select them).
 */
export function pasteFragment(flow: Flow, fragment: Fragment, offset: XY): { flow: Flow; ids: string[] } {
  let next: Flow = { ...flow, nodes: [...flow.nodes], edges: [...flow.edges], notes: [...flow.notes] };
  const renamed = new Map<string, string>();
  const at = (p: XY) => ({ x: p.x + offset.x, y: p.y + offset.y });
  for (const n of fragment.nodes) {
    const id = newNodeId(next, n.block);
    renamed.set(n.id, id);
    next.nodes.push({ ...structuredClone(n), id, position: at(n.position) });
  }
  for (const e of fragment.edges) {
    const from = renamed.get(e.from.node);
    const to = renamed.get(e.to);
    if (from === undefined || to === undefined) continue;
    next.edges.push({ ...structuredClone(e), id: newEdgeId(next), from: { node: from, port: e.from.port }, to });
  }
  for (const n of fragment.notes) {
    const note: Note = { ...structuredClone(n), id: newNoteId(next), position: at(n.position) };
    if (n.node !== undefined) {
      const pinned = renamed.get(n.node);
      if (pinned === undefined) delete note.node;
      else note.node = pinned;
    }
    next = { ...next, notes: [...next.notes, note] };
  }
  return { flow: next, ids: fragment.nodes.map((n) => renamed.get(n.id) ?? n.id) };
}

/**
 * How far to move a pasted fragment: its top-left to `pointer` (on the grid)
 * when given, else `repeat` steps of PASTE_STEP from where it was copied.
 */
export function pasteOffset(fragment: Fragment, pointer: XY | null, repeat: number, grid = 20): XY {
  if (pointer) {
    const corner = topLeft(fragment);
    const snap = (v: number) => Math.round(v / grid) * grid;
    return { x: snap(pointer.x) - corner.x, y: snap(pointer.y) - corner.y };
  }
  return { x: PASTE_STEP * repeat, y: PASTE_STEP * repeat };
}
