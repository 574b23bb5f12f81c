/**
 * How long opening a document takes, measured in the real app for the
 * performance tests: from the open request (`markOpenStart`, when a file is
 * asked for) to every block React Flow draws rendered and measured, plus one
 * frame. Each opening is kept in `window.__ivrOpenTimings`
 * and the last one in the canvas's `data-open-ms` attribute; when each
 * validation result was drawn, in `window.__ivrProblemTimings`.
 */

import { useEffect } from "react";
import { useReactFlow } from "@xyflow/react";
import type { Flow } from "../model";

export type OpenTiming = {
  /** Blocks on the canvas. */
  nodes: number;
  /** Blocks drawn (on a large flow, those in view). */
  drawn: number;
  /** From the open request to the blocks rendered and measured, in ms. */
  ms: number;
  /** `performance.now()` when they were: time since the page started. */
  at: number;
  /** From the open request to the document read and parsed (the IPC answer), in ms. */
  opened: number;
  /** From the open request to the canvas's first render of the new document, in ms. */
  firstRender: number;
  /** From the open request to every drawn block measured by React Flow, in ms. */
  measured: number;
};

/** A validation result on screen: how many problems, and `performance.now()` one frame after it was drawn. */
export type ProblemsTiming = { problems: number; at: number };

declare global {
  interface Window {
    __ivrOpenTimings?: OpenTiming[];
    /** The last validation results drawn (at most `KEEP_PROBLEM_TIMINGS`), oldest first. */
    __ivrProblemTimings?: ProblemsTiming[];
  }
}

const KEEP_PROBLEM_TIMINGS = 50;

/**
 * Records when each validation result is on screen (canvas marks, inspector
 * and problems list): call it in the component that holds them all, so its
 * effect runs once they are committed; one frame later it is painted.
 */
export function useProblemsTiming(problems: readonly unknown[] | undefined) {
  useEffect(() => {
    if (!problems) return;
    const frame = requestAnimationFrame(() => {
      const kept = (window.__ivrProblemTimings ??= []);
      kept.push({ problems: problems.length, at: Math.round(performance.now()) });
      if (kept.length > KEEP_PROBLEM_TIMINGS) kept.splice(0, kept.length - KEEP_PROBLEM_TIMINGS);
    });
    return () => cancelAnimationFrame(frame);
  }, [problems]);
}

/** How long an open may take to be drawn before it is no longer timed. */
const GIVE_UP_MS = 60_000;
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

/**
 * Records the time since `markOpenStart` once `flow` (the document `loads`)
 * is on the canvas: handed to React Flow, and every block it draws (all of
 * them, or those in view on a large flow) rendered and measured; then one
 * more frame, for the lines and the paint.
 */
export function useOpenTiming(loads: number, flow: Flow) {
  const { getNodes, getInternalNode } = useReactFlow();
  useEffect(() => {
    if (openStart !== undefined && flow === expected) firstRender ??= performance.now();
  }, [flow]);
  useEffect(() => {
    const start = openStart;
    if (start === undefined || flow !== expected) return;
    let frame = requestAnimationFrame(function check() {
      // An open not drawn within a minute (a hidden window) is not timed.
      if (performance.now() - start > GIVE_UP_MS) {
        if (openStart === start) openStart = undefined;
        return;
      }
      frame = requestAnimationFrame(check);
      // The canvas still shows the previous document until its blocks are handed over
      // (sticky notes come first on the canvas: an imported Connect flow has some).
      const shown = getNodes().filter((n) => n.type === "block");
      const first = shown[0]?.data as { node?: unknown } | undefined;
      if (shown.length !== flow.nodes.length || first?.node !== flow.nodes[0]) return;
      const drawn = [...document.querySelectorAll<HTMLElement>(".react-flow__node")];
      if (shown.length > 0 && drawn.length === 0) return;
      if (!drawn.every((el) => getInternalNode(el.dataset.id ?? "")?.measured.width !== undefined)) return;
      cancelAnimationFrame(frame);
      const measured = performance.now();
      openStart = undefined;
      requestAnimationFrame(() => {
        const at = performance.now();
        const timing = {
          nodes: shown.length,
          drawn: drawn.length,
          ms: Math.round(at - start),
          at: Math.round(at),
          opened: Math.round((opened ?? at) - start),
          firstRender: Math.round((firstRender ?? at) - start),
          measured: Math.round(measured - start),
        };
        (window.__ivrOpenTimings ??= []).push(timing);
        document.querySelector(".react-flow")?.setAttribute("data-open-ms", String(timing.ms));
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [loads, flow, getNodes, getInternalNode]);
}
