/**
 * Live validation: the engine's `validate_flow` runs on every change of the
 * flow or target, debounced, and only the latest answer is kept.
 */

import { useEffect, useState } from "react";
import type { Backend } from "../backend";
import type { Flow, Problem, Provider } from "../model";

export const VALIDATE_DELAY_MS = 250;

export function useValidation(backend: Backend, flow: Flow | undefined, target: Provider | null) {
  const [problems, setProblems] = useState<Problem[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!flow) return;
    let live = true;
    const timer = setTimeout(() => {
      backend
        .validateFlow(flow, target)
        .then((p) => {
          if (!live) return;
          setProblems(p);
          setError(undefined);
        })
        .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    }, VALIDATE_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [backend, flow, target]);
  return { problems, error };
}
