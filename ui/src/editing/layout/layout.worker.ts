/**
 * The layout worker: ELK runs here, off the UI thread, so a large flow never
 * freezes the editor. One request in, one response out (positions or the
 * error's message).
 */

import { runElk } from "./elk";
import type { LayoutRequest, LayoutResponse } from "./graph";

// elk.bundled.js, loaded in a worker, installs its own message handler (it
// can be ELK's worker itself): this assignment, made after it, replaces it.
self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const { id, graph } = event.data;
  let response: LayoutResponse;
  try {
    response = { id, result: await runElk(graph) };
  } catch (e) {
    response = { id, error: e instanceof Error ? e.message : String(e) };
  }
  self.postMessage(response);
};
