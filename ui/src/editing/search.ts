/**
 * Finding blocks and moving between them: which blocks match a search (by
 * their name, their catalog name in either language, their id, or any text
 * in their settings, such as a prompt), the order blocks are visited in
 * (left to right, then top to bottom, as flows are drawn), and the next or
 * previous one from the current. Pure functions, tested without React.
 */

import { blockSpec } from "../flow";
import type { Catalog, Flow, Node } from "../model";

/** Every piece of text in a settings value (strings in lists and objects too, such as `{ en, zh }`). */
function texts(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) texts(v, out);
  else if (typeof value === "object" && value !== null) for (const v of Object.values(value)) texts(v, out);
  return out;
}

const fold = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();

/** Whether `node` matches the folded query `q`. */
function nodeMatches(node: Node, catalog: Catalog | undefined, q: string): boolean {
  const spec = catalog && blockSpec(catalog, node.block);
  const haystack = [node.id, node.label, ...(spec ? [spec.name.en, spec.name.zh] : [node.block]), ...texts(node.params)];
  return haystack.some((s) => fold(s).includes(q));
}

/** Blocks in visiting order: left to right, then top to bottom (ties by id, so the order is stable). */
export function canvasOrder(nodes: readonly Node[]): Node[] {
  return [...nodes].sort(
    (a, b) => a.position.x - b.position.x || a.position.y - b.position.y || a.id.localeCompare(b.id),
  );
}

/** The ids of the blocks matching `query`, in visiting order; none for an empty query. */
export function searchBlocks(flow: Flow, catalog: Catalog | undefined, query: string): string[] {
  const q = fold(query);
  if (q === "") return [];
  return canvasOrder(flow.nodes)
    .filter((n) => nodeMatches(n, catalog, q))
    .map((n) => n.id);
}

/**
 * The id after (`step` 1) or before (-1) `current` in `ids`, wrapping round;
 * the first (or last) when `current` is not among them; undefined for none.
 */
export function stepThrough(ids: readonly string[], current: string | undefined, step: 1 | -1): string | undefined {
  if (ids.length === 0) return undefined;
  const i = current === undefined ? -1 : ids.indexOf(current);
  if (i < 0) return step === 1 ? ids[0] : ids[ids.length - 1];
  return ids[(i + step + ids.length) % ids.length];
}
