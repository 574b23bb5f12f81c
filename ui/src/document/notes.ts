/**
 * Sticky notes: pure edits of a flow's `notes` (add, change text, resize) and
 * the canvas nodes that draw them. Notes share the canvas with blocks, so a
 * note's id is never a block's id: moving and removing in `doc.ts` take either.
 * Notes take no part in lines or validation.
 */

import type { Node as FlowNode } from "@xyflow/react";
import type { Lang } from "../i18n";
import type { Flow, Node as Block, Note, Size } from "../model";

/** The size a new note gets (the model allows none; the canvas then uses this). */
export const NOTE_SIZE: Size = { width: 200, height: 120 };
/** The smallest a note can be resized to. */
export const NOTE_MIN: Size = { width: 100, height: 60 };

/** What a note node on the canvas carries. */
export type NoteData = { note: Note; lang: Lang };
export type NoteNodeType = FlowNode<NoteData, "note">;

/** Whether `id` names a note of `flow`. */
export function isNote(flow: Flow, id: string): boolean {
  return flow.notes.some((n) => n.id === id);
}

/** A fresh note id used by no note and no block of `flow`: `note_3`. */
export function newNoteId(flow: Flow): string {
  const used = new Set([...flow.notes.map((n) => n.id), ...flow.nodes.map((n) => n.id)]);
  for (let i = flow.notes.length + 1; ; i++) {
    const id = `note_${i}`;
    if (!used.has(id)) return id;
  }
}

/** A new note whose top-left is `position`, with `text`, at the default size. */
export function addNote(
  flow: Flow,
  position: { x: number; y: number },
  text = "",
): { flow: Flow; id: string } {
  const id = newNoteId(flow);
  const note: Note = { id, text, position: { x: position.x, y: position.y }, size: { ...NOTE_SIZE } };
  return { flow: { ...flow, notes: [...flow.notes, note] }, id };
}

/** The top-left for a note of the default size centred on `centre`, on a `grid`. */
export function noteCentredAt(centre: { x: number; y: number }, grid: number) {
  const snap = (v: number) => Math.round(v / grid) * grid;
  return { x: snap(centre.x - NOTE_SIZE.width / 2), y: snap(centre.y - NOTE_SIZE.height / 2) };
}

function update(flow: Flow, id: string, change: (n: Note) => Note): Flow {
  let changed = false;
  const notes = flow.notes.map((n) => {
    if (n.id !== id) return n;
    const next = change(n);
    changed ||= next !== n;
    return next;
  });
  return changed ? { ...flow, notes } : flow;
}

/** `flow` with note `id`'s text set; the same flow when nothing changes. */
export function setNoteText(flow: Flow, id: string, text: string): Flow {
  return update(flow, id, (n) => (n.text === text ? n : { ...n, text }));
}

/** `flow` with note `id` resized (and moved, when resized from its top or left edge). */
export function resizeNote(
  flow: Flow,
  id: string,
  box: { x: number; y: number; width: number; height: number },
): Flow {
  const width = Math.max(NOTE_MIN.width, Math.round(box.width));
  const height = Math.max(NOTE_MIN.height, Math.round(box.height));
  return update(flow, id, (n) =>
    n.size?.width === width &&
    n.size.height === height &&
    n.position.x === box.x &&
    n.position.y === box.y
      ? n
      : { ...n, size: { width, height }, position: { x: box.x, y: box.y } },
  );
}

/** `flow`'s notes moved by `moved` (ids that are not notes are ignored). */
export function moveNotes(flow: Flow, moved: Map<string, { x: number; y: number }>): Note[] {
  if (!flow.notes.some((n) => moved.has(n.id))) return flow.notes;
  return flow.notes.map((n) => {
    const p = moved.get(n.id);
    return p ? { ...n, position: { x: p.x, y: p.y } } : n;
  });
}

/**
 * `flow`'s notes without the removed ones; a note pinned to a removed block
 * stays, unpinned (a provider would refuse a note on an action that is gone).
 */
export function removeNotes(flow: Flow, ids: Set<string>): Note[] {
  if (!flow.notes.some((n) => ids.has(n.id) || (n.node !== undefined && ids.has(n.node)))) {
    return flow.notes;
  }
  return flow.notes
    .filter((n) => !ids.has(n.id))
    .map((n) => {
      if (n.node === undefined || !ids.has(n.node)) return n;
      const { node: _pinned, ...rest } = n;
      return rest;
    });
}

type Box = { x: number; y: number; width: number; height: number };

/** How far apart two boxes are: 0 when they touch or overlap, else the gap between their nearest edges. */
function gap(a: Box, b: Box): number {
  const dx = Math.max(0, a.x - (b.x + b.width), b.x - (a.x + a.width));
  const dy = Math.max(0, a.y - (b.y + b.height), b.y - (a.y + a.height));
  return Math.hypot(dx, dy);
}

/** The area two boxes share (0 when they do not overlap). */
function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The block each note of `flow` sits beside: the block it is pinned to (an
 * imported note's `node`), else the block it overlaps most, else the nearest
 * block (the least gap between the note's box and the block's). Blocks'
 * sizes come from `sizeOf`; a flow with no block attaches no note.
 */
export function notesBeside(flow: Flow, sizeOf: (block: Block) => Size): Map<string, string> {
  const blocks = flow.nodes.map((n) => ({ id: n.id, box: { ...n.position, ...sizeOf(n) } }));
  const ids = new Set(blocks.map((b) => b.id));
  const out = new Map<string, string>();
  for (const note of flow.notes) {
    if (note.node !== undefined && ids.has(note.node)) {
      out.set(note.id, note.node);
      continue;
    }
    const box = { ...note.position, ...(note.size ?? NOTE_SIZE) };
    let best: { id: string; overlap: number; gap: number } | undefined;
    for (const b of blocks) {
      const o = overlap(box, b.box);
      const g = o > 0 ? 0 : gap(box, b.box);
      if (!best || o > best.overlap || (o === best.overlap && g < best.gap)) best = { id: b.id, overlap: o, gap: g };
    }
    if (best) out.set(note.id, best.id);
  }
  return out;
}

/**
 * Where the notes of `flow` go when its blocks move to `moved`: each note by
 * the same offset as the block it sits beside (`beside`, from `notesBeside`
 * before the move), so it keeps its place next to that block. Notes whose
 * block does not move are left out.
 */
export function notesFollowing(
  flow: Flow,
  beside: Map<string, string>,
  moved: Map<string, { x: number; y: number }>,
): Map<string, { x: number; y: number }> {
  const blocks = new Map(flow.nodes.map((n) => [n.id, n.position]));
  const out = new Map<string, { x: number; y: number }>();
  for (const note of flow.notes) {
    const block = beside.get(note.id);
    const was = block === undefined ? undefined : blocks.get(block);
    const now = block === undefined ? undefined : moved.get(block);
    if (!was || !now || (was.x === now.x && was.y === now.y)) continue;
    out.set(note.id, { x: note.position.x + now.x - was.x, y: note.position.y + now.y - was.y });
  }
  return out;
}

/** React Flow's nodes for the notes of `flow`, drawn under the blocks. */
export function noteNodes(flow: Flow, lang: Lang): NoteNodeType[] {
  return flow.notes.map((note) => {
    const size = note.size ?? NOTE_SIZE;
    return {
      id: note.id,
      type: "note" as const,
      position: { x: note.position.x, y: note.position.y },
      width: size.width,
      height: size.height,
      zIndex: -1,
      data: { note, lang },
    };
  });
}
