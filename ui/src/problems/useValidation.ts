/**
 * Live validation: the engine's `validate_flow` runs on every change of the
 * flow or target, debounced, and only the latest answer is kept. A newly
 * loaded document (`loads` changed) is checked at once, so its problems come
 * with its first drawing rather than a pause later. An answer
 * equal to the one shown keeps the array shown, so an edit that changes no
 * problem (a move, a label) draws nothing again.
 */

import { useEffect, useRef, useState } from "react";
import type { Backend } from "../backend";
import type { Flow, Problem, Provider } from "../model";

export const VALIDATE_DELAY_MS = 250;

const sameProblem = (a: Problem, b: Problem) =>
  a.code === b.code &&
  a.severity === b.severity &&
  a.node === b.node &&
  a.port === b.port &&
  a.field === b.field &&
  a.edge === b.edge &&
  a.message.en === b.message.en &&
  a.message.zh === b.message.zh;

/** Whether two answers list the same problems in the same order. */
export function sameProblems(a: readonly Problem[] | undefined, b: readonly Problem[]): boolean {
  return a !== undefined && a.length === b.length && a.every((p, i) => sameProblem(p, b[i]));
}

export function useValidation(backend: Backend, flow: Flow | undefined, target: Provider | null, loads = 0) {
  const [problems, setProblems] = useState<Problem[]>();
  const [error, setError] = useState<string>();
  const checkedLoad = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!flow) return;
    const fresh = checkedLoad.current !== loads;
    checkedLoad.current = loads;
    let live = true;
    const timer = setTimeout(() => {
      backend
        .validateFlow(flow, target)
        .then((p) => {
          if (!live) return;
          setProblems((shown) => (sameProblems(shown, p) ? shown : p));
          setError(undefined);
        })
        .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    }, fresh ? 0 : VALIDATE_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [backend, flow, target, loads]);
  return { problems, error };
}
