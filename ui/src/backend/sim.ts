/**
 * The call simulator (src-tauri/src/simulate.rs over `ivr_flow::sim`): start
 * a call on a flow in a scenario, send what the caller does, hang up; save a
 * call as a test case beside the flow file and run the flow's saved cases
 * with their coverage. The engine walks the call; the UI only shows it.
 * `MemorySim` answers from a script (unit tests, the plain browser): it never
 * walks a flow itself.
 */

import { invoke } from "@tauri-apps/api/core";
import type { Flow } from "../model";
import type { Input, SavedCase, Scenario, SimStep, TestRun } from "./ipc";

export interface SimApi {
  /** Starts a call on `flow`; answers its events up to where it first waits or ends. */
  start(flow: Flow, scenario: Scenario): Promise<SimStep>;
  /** What the caller does in call `call`; answers only the events it caused. */
  input(call: number, input: Input): Promise<SimStep>;
  /** Hangs call `call` up (forgotten by the backend). */
  stop(call: number): Promise<void>;
  /** Saves call `call` as test case `name` beside the flow file at `path`. */
  saveCase(call: number, name: string, path: string): Promise<SavedCase>;
  /** Runs every case saved beside the flow file at `path` on `flow` as it is now. */
  runCases(flow: Flow, path: string): Promise<TestRun>;
}

export const tauriSim: SimApi = {
  start: (flow, scenario) => invoke<SimStep>("sim_start", { flow, scenario }),
  input: (call, input) => invoke<SimStep>("sim_input", { call, input }),
  stop: (call) => invoke<void>("sim_stop", { call }),
  saveCase: (call, name, path) => invoke<SavedCase>("sim_save_case", { call, name, path }),
  runCases: (flow, path) => invoke<TestRun>("sim_run_cases", { flow, path }),
};

/** What `MemorySim` answers: a start's step, then each input's in turn; a test run. */
export type SimScript = {
  steps?: Omit<SimStep, "call" | "first">[];
  run?: TestRun;
};

/** Without the engine: answers from a script, and keeps what it was asked (tests). */
export class MemorySim implements SimApi {
  readonly started: { flow: Flow; scenario: Scenario }[] = [];
  readonly inputs: { call: number; input: Input }[] = [];
  readonly stopped: number[] = [];
  readonly saved: { call: number; name: string; path: string }[] = [];
  private script: SimScript;
  private call = 0;
  private at = 0;
  private count = 0;

  constructor(script: SimScript = {}) {
    this.script = script;
  }

  /** Replaces the script (the next start begins it again). */
  setScript(script: SimScript) {
    this.script = script;
  }

  private answer(index: number): SimStep {
    const steps = this.script.steps ?? [];
    const s = steps[Math.min(index, steps.length - 1)] ?? {
      events: [],
      state: { kind: "ended", outcome: { kind: "broken", message: { en: "No simulator here.", zh: "此处没有模拟器。" } } },
      variables: {},
      outcome: { en: "The simulator runs in the desktop app.", zh: "模拟器在桌面应用中运行。" },
    };
    const step = { call: this.call, first: this.count, ...structuredClone(s) };
    this.count += step.events.length;
    return step;
  }

  start(flow: Flow, scenario: Scenario): Promise<SimStep> {
    this.started.push({ flow, scenario: structuredClone(scenario) });
    this.call += 1;
    this.at = 0;
    this.count = 0;
    return Promise.resolve(this.answer(0));
  }

  input(call: number, input: Input): Promise<SimStep> {
    this.inputs.push({ call, input });
    this.at += 1;
    return Promise.resolve(this.answer(this.at));
  }

  stop(call: number): Promise<void> {
    this.stopped.push(call);
    return Promise.resolve();
  }

  saveCase(call: number, name: string, path: string): Promise<SavedCase> {
    this.saved.push({ call, name, path });
    return Promise.resolve({ file: path.replace(/(\.ivr)?\.json$/, ".ivrtest.json"), cases: this.saved.length });
  }

  runCases(_flow: Flow, path: string): Promise<TestRun> {
    return Promise.resolve(
      structuredClone(this.script.run) ?? { file: path, cases: [], coverage: { total: 0, taken: 0, never: [] } },
    );
  }
}
