/**
 * The engine's problems, indexed once per validation result (issue 19): each
 * block's problems, and what its card shows of them (how many, the worst
 * severity, the worst on each exit), so the canvas, the inspector and the
 * problems list look a block up instead of searching every problem. Building
 * the index is linear in the number of problems; a block whose marks did not
 * change keeps the marks object of the previous result, so the canvas keeps
 * its node and React Flow does not draw it again.
 */

import { useMemo, useRef } from "react";
import type { Problem, Severity } from "../model";
import { sameFields } from "../sameFields";

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The more serious of two severities. */
export const worse = (a: Severity, b: Severity): Severity => (RANK[b] > RANK[a] ? b : a);

/** What a block's card shows of its problems. */
export type BlockMarks = {
  /** How many problems are on the block (its exits and fields included). */
  count: number;
  /** The most serious of them: it colours the card and its badge. */
  worst: Severity;
  /** The exits problems are on, each with the most serious of its problems. */
  ports: Readonly<Record<string, Severity>>;
};

export type ProblemIndex = {
  /** The result as the engine gave it, in its order. */
  problems: readonly Problem[];
  /** Each block's problems, in the engine's order. */
  byBlock: ReadonlyMap<string, readonly Problem[]>;
  /** Each block's marks; the previous result's object when they did not change. */
  marks: ReadonlyMap<string, BlockMarks>;
  counts: Readonly<Record<Severity, number>>;
};

const NONE: readonly Problem[] = [];

export const EMPTY_INDEX: ProblemIndex = {
  problems: NONE,
  byBlock: new Map(),
  marks: new Map(),
  counts: { error: 0, warning: 0, info: 0 },
};

function sameMarks(a: BlockMarks, b: BlockMarks): boolean {
  return a.count === b.count && a.worst === b.worst && sameFields(a.ports, b.ports);
}

/** Indexes `problems` in one pass; unchanged marks are taken from `previous`. */
export function indexProblems(problems: readonly Problem[] | undefined, previous?: ProblemIndex): ProblemIndex {
  if (!problems || problems.length === 0) return problems ? { ...EMPTY_INDEX, problems } : EMPTY_INDEX;
  const byBlock = new Map<string, Problem[]>();
  const fresh = new Map<string, { count: number; worst: Severity; ports: Record<string, Severity> }>();
  const counts = { error: 0, warning: 0, info: 0 };
  for (const p of problems) {
    counts[p.severity] += 1;
    if (!p.node) continue;
    const list = byBlock.get(p.node);
    if (list) list.push(p);
    else byBlock.set(p.node, [p]);
    let m = fresh.get(p.node);
    if (!m) {
      m = { count: 0, worst: p.severity, ports: {} };
      fresh.set(p.node, m);
    }
    m.count += 1;
    m.worst = worse(m.worst, p.severity);
    if (p.port) {
      const was = m.ports[p.port];
      m.ports[p.port] = was ? worse(was, p.severity) : p.severity;
    }
  }
  const marks = new Map<string, BlockMarks>();
  for (const [id, m] of fresh) {
    const old = previous?.marks.get(id);
    marks.set(id, old && sameMarks(old, m) ? old : m);
  }
  return { problems, byBlock, marks, counts };
}

/** A block's problems, or none. */
export const problemsOf = (index: ProblemIndex, block: string | undefined): readonly Problem[] =>
  (block !== undefined && index.byBlock.get(block)) || NONE;

/** The index of the latest validation result, built once per result. */
export function useProblemIndex(problems: readonly Problem[] | undefined): ProblemIndex {
  const last = useRef<ProblemIndex>(undefined);
  return useMemo(() => {
    const index = indexProblems(problems, last.current);
    last.current = index;
    return index;
  }, [problems]);
}
