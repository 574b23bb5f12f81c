/**
 * Runs ELK on a graph from `graph.ts`. Only the layout worker (and the unit
 * tests, in Node) import this: ELK is 1.6 MB and stays out of the main bundle.
 */

import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkNodeIn, ElkNodeOut } from "./graph";

let elk: InstanceType<typeof ELK> | undefined;

/** ELK's layout of `graph` (positions of its children). */
export async function runElk(graph: ElkNodeIn): Promise<ElkNodeOut> {
  elk ??= new ELK();
  return (await elk.layout(graph)) as ElkNodeOut;
}
