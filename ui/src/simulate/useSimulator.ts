/**
 * The Simulate panel's state: whether it is open, the scenario, the call in
 * progress (the engine's answers appended, `trace.ts`), the saved cases' run
 * and coverage. Every call, input, save and run goes to the backend
 * (`backend/sim.ts`); the canvas review is derived from the trace.
 */

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Backend, Input, Scenario, TestRun } from "../backend";
import { errorText } from "../errors";
import type { Lang } from "../i18n";
import type { Flow } from "../model";
import { type Call, advance, reviewOf } from "./trace";
import { speak } from "./speech";

export type Simulator = ReturnType<typeof useSimulator>;

type Options = {
  backend: Backend;
  /** The document's flow as it is now (the call starts on it). */
  currentFlow: () => Flow | undefined;
  flow: Flow | undefined;
  /** The document's file (test cases are kept beside it); none while unsaved. */
  path: string | null | undefined;
  lang: Lang;
};

export function useSimulator({ backend, currentFlow, flow, path, lang }: Options) {
  const [open, setOpen] = useState(false);
  const [scenario, setScenario] = useState<Scenario>({});
  const [call, setCall] = useState<Call>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [run, setRun] = useState<TestRun>();
  const [running, setRunning] = useState(false);
  const [showCoverage, setShowCoverage] = useState(false);
  const [speaking, setSpeaking] = useState(false);
  const callRef = useRef<Call>(undefined);
  callRef.current = call;
  const busyRef = useRef(false);
  const speakingRef = useRef(speaking);
  speakingRef.current = speaking;

  const fail = useCallback((e: unknown) => setError(errorText(e, lang)), [lang]);

  /** Speaks what was heard in `events` (when chosen and available). */
  const say = useCallback((c: Call, from: number) => {
    if (!speakingRef.current) return;
    for (const e of c.events.slice(from)) if (e.kind === "heard") speak(e.text, lang);
  }, [lang]);

  const start = useCallback(async () => {
    const f = currentFlow();
    if (!f) return;
    const old = callRef.current;
    if (old && !old.hungUp) void backend.sim.stop(old.id).catch(() => {});
    setError(undefined);
    try {
      const step = await backend.sim.start(f, scenario);
      const c = advance(undefined, step);
      setCall(c);
      say(c, 0);
    } catch (e) {
      fail(e);
    }
  }, [backend, currentFlow, scenario, fail, say]);

  const send = useCallback(
    async (input: Input) => {
      const c = callRef.current;
      if (!c || c.hungUp || c.state.kind !== "waiting" || busyRef.current) return;
      busyRef.current = true;
      setBusy(true);
      setError(undefined);
      try {
        const step = await backend.sim.input(c.id, input);
        const next = advance(c, step);
        callRef.current = next;
        setCall(next);
        say(next, step.first);
      } catch (e) {
        fail(e);
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [backend, fail, say],
  );

  const hangUp = useCallback(() => {
    const c = callRef.current;
    if (!c || c.hungUp) return;
    void backend.sim.stop(c.id).catch(() => {});
    if (typeof speechSynthesis !== "undefined") speechSynthesis.cancel();
    setCall({ ...c, hungUp: true });
  }, [backend]);

  /** Saves the call as test case `name`; answers what to say, or throws the backend's error. */
  const saveCase = useCallback(
    async (name: string) => {
      const c = callRef.current;
      if (!c || c.hungUp || !path) throw new Error("no call");
      return backend.sim.saveCase(c.id, name, path);
    },
    [backend, path],
  );

  const runTests = useCallback(async () => {
    const f = currentFlow();
    if (!f || !path) return;
    setRunning(true);
    setError(undefined);
    try {
      setRun(await backend.sim.runCases(f, path));
    } catch (e) {
      fail(e);
    } finally {
      setRunning(false);
    }
  }, [backend, currentFlow, path, fail]);

  // Closing the panel ends the call; another document forgets the last run.
  useEffect(() => {
    if (open) return;
    const c = callRef.current;
    if (c && !c.hungUp) void backend.sim.stop(c.id).catch(() => {});
    setCall(undefined);
    setShowCoverage(false);
  }, [open, backend]);
  useEffect(() => {
    setRun(undefined);
    setShowCoverage(false);
  }, [path]);

  const never = showCoverage ? run?.coverage.never : undefined;
  const review = useMemo(
    () => (open && flow ? reviewOf(flow, call, never) : undefined),
    // The review follows the call and the coverage, not every edit of the flow.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [open, call, never, flow?.edges],
  );

  return {
    open,
    setOpen,
    toggle: () => setOpen((o) => !o),
    scenario,
    setScenario,
    call,
    error,
    busy,
    start,
    send,
    hangUp,
    saveCase,
    run,
    running,
    runTests,
    showCoverage,
    setShowCoverage,
    speaking,
    setSpeaking,
    review,
    path,
  };
}
