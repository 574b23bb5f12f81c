/**
 * One layout run, from a flow to the flow with its blocks moved: build the
 * ELK graph (all blocks, or a selection and the lines between its blocks),
 * run it with `run` (the worker in the app, ELK directly in tests), and
 * place the result where the blocks were (their top-left corner), on the grid.
 * Each sticky note moves with the block it sits beside (notes.ts
 * `notesBeside`, taken before the layout), by the same offset, in the same
 * edit: one undo puts blocks and notes back.
 */

import type { Catalog, Flow } from "../../model";
import { moveBlocks } from "../../document/doc";
import { notesBeside, notesFollowing } from "../../document/notes";
import { type ElkNodeIn, type ElkNodeOut, type Size, anchorOf, estimateSize, fromElk, toElkGraph } from "./graph";

export type RunLayout = (graph: ElkNodeIn) => Promise<ElkNodeOut>;

/**
 * `flow` with the blocks `ids` (all when omitted) laid out; other blocks stay
 * where they are. Rejects (and changes nothing) when the layout fails.
 */
export async function arrange(
  flow: Flow,
  catalog: Catalog,
  run: RunLayout,
  measured: Map<string, Size> = new Map(),
  ids?: string[],
): Promise<Flow> {
  const graph = toElkGraph(flow, catalog, measured, ids);
  if ((graph.children ?? []).length === 0) return flow;
  const result = await run(graph);
  const positions = fromElk(result, anchorOf(flow, ids));
  const expected = graph.children?.length ?? 0;
  if (positions.size !== expected) {
    throw new Error(`the layout placed ${positions.size} of ${expected} blocks`);
  }
  for (const p of positions.values()) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) throw new Error("the layout gave a position that is not a number");
  }
  const beside = notesBeside(flow, (n) => measured.get(n.id) ?? estimateSize(n, catalog));
  return moveBlocks(flow, new Map([...positions, ...notesFollowing(flow, beside, positions)]));
}
