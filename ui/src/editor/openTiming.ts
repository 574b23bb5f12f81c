/**
 * How long opening a document takes, measured in the real app for the
 * performance tests: from the open request (`markOpenStart`, when a file is
 * asked for) to every block on the canvas rendered and measured by React
 * Flow, plus one frame. Each opening is kept in `window.__ivrOpenTimings`
 * and the last one in the canvas's `data-open-ms` attribute.
 */

import { useEffect } from "react";
import { useNodesInitialized, useReactFlow } from "@xyflow/react";
import type { Flow } from "../model";

export type OpenTiming = {
  /** Blocks on the canvas. */
  nodes: number;
  /** From the open request to the blocks rendered and measured, in ms. */
  ms: number;
  /** `performance.now()` when they were: time since the page started. */
  at: number;
  /** From the open request to the document read and parsed (the IPC answer), in ms. */
  opened: number;
  /** From the open request to the canvas's first render of the new document, in ms. */
  firstRender: number;
  /** From the open request to every block measured by React Flow (before its lines are drawn), in ms. */
  measured: number;
};

declare global {
  interface Window {
    __ivrOpenTimings?: OpenTiming[];
  }
}

let openStart: number | undefined;
/** When the open request was answered. */
let opened: number | undefined;
/** When the canvas first rendered the document being opened. */
let firstRender: number | undefined;
/** The flow the open request answered (the canvas may still show the one before). */
let expected: Flow | undefined;

/** Notes that a document was asked for now. */
export function markOpenStart() {
  openStart = performance.now();
  opened = undefined;
  firstRender = undefined;
  expected = undefined;
}

/** Notes the flow an open request answered: the one whose drawing is timed. */
export function markOpened(flow: Flow) {
  if (openStart === undefined) return;
  expected = flow;
  opened = performance.now();
}

/** Records the time since `markOpenStart` once `flow` (the document `loads`) is fully on the canvas. */
export function useOpenTiming(loads: number, flow: Flow) {
  const initialized = useNodesInitialized();
  const { getNodes } = useReactFlow();
  useEffect(() => {
    if (openStart !== undefined && flow === expected) firstRender ??= performance.now();
  }, [flow]);
  useEffect(() => {
    const start = openStart;
    if (start === undefined || !initialized || flow !== expected) return;
    const shown = getNodes();
    // The canvas still shows the previous document until its blocks are handed over.
    const first = shown[0]?.data as { node?: unknown } | undefined;
    if (shown.length !== flow.nodes.length || first?.node !== flow.nodes[0]) return;
    const blocks = shown.length;
    const measured = performance.now();
    openStart = undefined;
    requestAnimationFrame(() => {
      const at = performance.now();
      const timing = {
        nodes: blocks,
        ms: Math.round(at - start),
        at: Math.round(at),
        opened: Math.round((opened ?? at) - start),
        firstRender: Math.round((firstRender ?? at) - start),
        measured: Math.round(measured - start),
      };
      (window.__ivrOpenTimings ??= []).push(timing);
      document.querySelector(".react-flow")?.setAttribute("data-open-ms", String(timing.ms));
    });
  }, [loads, flow, initialized, getNodes]);
}
