/**
 * The main thread's side of the layout worker: a worker started for a layout
 * and ended when no layout is left; each call sends a graph and resolves with
 * ELK's answer. A
 * worker that fails (or does not answer within the time limit) is ended and
 * its calls rejected; the next call starts a fresh one.
 */

import type { ElkNodeIn, ElkNodeOut, LayoutRequest, LayoutResponse } from "./graph";

/** Longest a layout may take before it counts as failed. */
export const LAYOUT_TIMEOUT_MS = 60_000;

type Waiting = { resolve: (r: ElkNodeOut) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> };

let worker: Worker | undefined;
let nextId = 1;
const waiting = new Map<number, Waiting>();

function fail(error: Error) {
  worker?.terminate();
  worker = undefined;
  for (const w of waiting.values()) {
    clearTimeout(w.timer);
    w.reject(error);
  }
  waiting.clear();
}

function start(): Worker {
  const w = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
  w.onmessage = (event: MessageEvent<LayoutResponse>) => {
    const r = event.data;
    const wait = waiting.get(r.id);
    if (!wait) return;
    waiting.delete(r.id);
    clearTimeout(wait.timer);
    if ("error" in r) wait.reject(new Error(r.error));
    else wait.resolve(r.result);
    // One worker per layout: ELK keeps state between runs, and a fresh worker costs a few hundred ms.
    if (waiting.size === 0 && worker === w) {
      w.terminate();
      worker = undefined;
    }
  };
  w.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    fail(new Error(event.message || "the layout worker stopped"));
  };
  w.onmessageerror = () => fail(new Error("the layout worker's answer could not be read"));
  return w;
}

/** ELK's layout of `graph`, computed in the worker. */
export function layoutInWorker(graph: ElkNodeIn, timeoutMs = LAYOUT_TIMEOUT_MS): Promise<ElkNodeOut> {
  return new Promise((resolve, reject) => {
    try {
      worker ??= start();
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    const id = nextId++;
    const timer = setTimeout(() => fail(new Error(`the layout took longer than ${timeoutMs / 1000} s`)), timeoutMs);
    waiting.set(id, { resolve, reject, timer });
    const request: LayoutRequest = { id, graph };
    worker.postMessage(request);
  });
}
