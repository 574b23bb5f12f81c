/**
 * The Simulate panel's state: whether it is open, the scenario, the call in
 * progress (the engine's answers appended, `trace.ts`), the saved cases' run
 * and coverage. Every call, input, save and run goes to the backend
 * (`backend/sim.ts`).
 *
 * A step must show within a frame on a 1,000-block flow, so the state lives
 * in a small store outside React (`SimStore`): the panel reads it directly
 * (`usePanelState`) and is the only part drawn again when the call moves;
 * the app reads it in a transition (`useSimulator`), so the canvas's review
 * (the current block, the path, coverage) is drawn after the panel has shown
 * the step.
 */

import { startTransition, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { Backend, Input, SavedCase, Scenario, TestRun } from "../backend";
import { errorText } from "../errors";
import type { Lang } from "../i18n";
import type { Flow } from "../model";
import { type Call, advance, reviewOf } from "./trace";
import { speak } from "./speech";

/** What the panel shows. */
export type SimSnapshot = {
  scenario: Scenario;
  call: Call | undefined;
  error: string | undefined;
  run: TestRun | undefined;
  running: boolean;
  showCoverage: boolean;
  speaking: boolean;
};

type Config = {
  backend: Backend;
  /** The document's flow as it is now (a call starts on it). */
  currentFlow: () => Flow | undefined;
  /** The document's file (test cases are kept beside it); none while unsaved. */
  path: string | null | undefined;
  lang: Lang;
};

const EMPTY: SimSnapshot = {
  scenario: {},
  call: undefined,
  error: undefined,
  run: undefined,
  running: false,
  showCoverage: false,
  speaking: false,
};

/** The simulator's state and what changes it; `config` is the app's as of its last drawing. */
export class SimStore {
  private snap: SimSnapshot = EMPTY;
  private readonly listeners = new Set<() => void>();
  private sending = false;
  config: Config;

  constructor(config: Config) {
    this.config = config;
  }

  readonly subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  };

  readonly get = () => this.snap;

  private set(patch: Partial<SimSnapshot>) {
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l();
  }

  private fail(e: unknown) {
    this.set({ error: errorText(e, this.config.lang) });
  }

  /** Speaks what was heard in `c`'s events from `from` on (when chosen and available). */
  private say(c: Call, from: number) {
    if (!this.snap.speaking) return;
    for (const e of c.events.slice(from)) if (e.kind === "heard") speak(e.text, this.config.lang);
  }

  readonly setScenario = (scenario: Scenario) => this.set({ scenario });
  readonly setShowCoverage = (showCoverage: boolean) => this.set({ showCoverage });
  readonly setSpeaking = (speaking: boolean) => this.set({ speaking });

  readonly start = async () => {
    const { backend, currentFlow } = this.config;
    const flow = currentFlow();
    if (!flow) return;
    const old = this.snap.call;
    if (old && !old.hungUp) void backend.sim.stop(old.id).catch(() => {});
    this.set({ error: undefined, showCoverage: false });
    try {
      const c = advance(undefined, await backend.sim.start(flow, this.snap.scenario));
      this.set({ call: c });
      this.say(c, 0);
    } catch (e) {
      this.fail(e);
    }
  };

  readonly send = async (input: Input) => {
    const c = this.snap.call;
    if (!c || c.hungUp || c.state.kind !== "waiting" || this.sending) return;
    this.sending = true;
    try {
      // Marks for the frame probe (tests/e2e/simulate.test.mjs): the request, and the answer back.
      performance.mark?.("sim:input");
      const step = await this.config.backend.sim.input(c.id, input);
      performance.mark?.("sim:answer");
      const next = advance(c, step);
      this.set({ call: next, error: undefined });
      this.say(next, step.first);
    } catch (e) {
      this.fail(e);
    } finally {
      this.sending = false;
    }
  };

  readonly hangUp = () => {
    const c = this.snap.call;
    if (!c || c.hungUp) return;
    void this.config.backend.sim.stop(c.id).catch(() => {});
    if (typeof speechSynthesis !== "undefined") speechSynthesis.cancel();
    this.set({ call: { ...c, hungUp: true } });
  };

  /** Saves the call as test case `name` beside the flow file; rejects with the backend's error. */
  readonly saveCase = (name: string): Promise<SavedCase> => {
    const c = this.snap.call;
    const { backend, path } = this.config;
    if (!c || c.hungUp || !path) return Promise.reject(new Error("no call to save"));
    return backend.sim.saveCase(c.id, name, path);
  };

  readonly runTests = async () => {
    const { backend, currentFlow, path } = this.config;
    const flow = currentFlow();
    if (!flow || !path) return;
    this.set({ running: true, error: undefined });
    try {
      this.set({ run: await backend.sim.runCases(flow, path), running: false });
    } catch (e) {
      this.set({ running: false });
      this.fail(e);
    }
  };

  /** The panel closed: the call ends. */
  close() {
    const c = this.snap.call;
    if (c && !c.hungUp) void this.config.backend.sim.stop(c.id).catch(() => {});
    if (c || this.snap.showCoverage) this.set({ call: undefined, showCoverage: false });
  }

  /** Another document: its cases are another file's. */
  forgetRun() {
    if (this.snap.run || this.snap.showCoverage) this.set({ run: undefined, showCoverage: false });
  }
}

/** The app's side: the panel open or not, the store, and the canvas review (drawn in a transition). */
export function useSimulator(config: Config & { flow: Flow | undefined }) {
  const [open, setOpen] = useState(false);
  const [store] = useState(() => new SimStore(config));
  store.config = config;
  // The app draws the review after the panel has shown the step.
  const [snap, setSnap] = useState(store.get);
  useEffect(() => store.subscribe(() => startTransition(() => setSnap(store.get()))), [store]);
  useEffect(() => {
    if (!open) store.close();
  }, [open, store]);
  useEffect(() => store.forgetRun(), [config.path, store]);

  const { flow } = config;
  const never = snap.showCoverage ? snap.run?.coverage.never : undefined;
  const edges = flow?.edges;
  const review = useMemo(
    // Coverage is shown on its own: the last call's path would read as part of it.
    () => (open && flow ? reviewOf(flow, never ? undefined : snap.call, never) : undefined),
    // The review follows the call, the coverage and the lines, not every edit of the flow.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [open, snap.call, never, edges],
  );
  return { open, setOpen, toggle: () => setOpen((o) => !o), store, review, path: config.path };
}

export type SimHost = ReturnType<typeof useSimulator>;

/** The panel's side: the store's state as it is now, and what changes it. */
export function usePanelState(host: SimHost) {
  const { store } = host;
  const snap = useSyncExternalStore(store.subscribe, store.get);
  return {
    ...snap,
    path: host.path,
    setOpen: host.setOpen,
    setScenario: store.setScenario,
    setShowCoverage: store.setShowCoverage,
    setSpeaking: store.setSpeaking,
    start: store.start,
    send: store.send,
    hangUp: store.hangUp,
    saveCase: store.saveCase,
    runTests: store.runTests,
  };
}

export type Simulator = ReturnType<typeof usePanelState>;
