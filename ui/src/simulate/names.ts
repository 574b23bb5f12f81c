/** Blocks and exits of the document in the designer's words, for the Simulate panel (from the catalog, as the canvas names them). */

import { blockSpec, portsOf, titleOf } from "../flow";
import { type Lang, tx } from "../i18n";
import type { Catalog, Flow } from "../model";

export type Names = {
  /** Block `id` as its card is titled (the id itself for a block of another flow). */
  block: (id: string) => string;
  /** Exit `exit` of block `id` as its card names it. */
  exit: (id: string, exit: string) => string;
  /** Every exit of block `id`, as its card shows them. */
  exits: (id: string) => { id: string; name: string }[];
};

export function namesOf(flow: Flow | undefined, catalog: Catalog | undefined, lang: Lang): Names {
  const nodes = new Map((flow?.nodes ?? []).map((n) => [n.id, n]));
  const exits = (id: string) => {
    const node = nodes.get(id);
    const spec = node && catalog ? blockSpec(catalog, node.block) : undefined;
    return node && spec ? portsOf(spec, node).map((p) => ({ id: p.id, name: tx(p.name, lang) })) : [];
  };
  return {
    block: (id) => {
      const node = nodes.get(id);
      if (!node) return id;
      return titleOf(catalog ? blockSpec(catalog, node.block) : undefined, node, lang);
    },
    exit: (id, exit) => exits(id).find((p) => p.id === exit)?.name ?? exit,
    exits,
  };
}
