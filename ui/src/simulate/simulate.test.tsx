import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { type Backend, MemoryBackend, MemorySim, type SimScript, type SimStep, type TestRun } from "../backend";
import fixture from "../backend/fixture.json";
import type { Catalog, Flow } from "../model";
import type { Review } from "../flow";
import { mockReactFlow } from "../test-setup";
import { renderApp } from "../test-app";
import { SimulatePanel } from "./SimulatePanel";
import { parsePairs, pairsText } from "./ScenarioView";
import { speechAvailable } from "./speech";
import { SIM_STRINGS } from "./strings";
import { advance, reviewOf, transcript } from "./trace";
import { useSimulator } from "./useSimulator";

beforeAll(mockReactFlow);
afterEach(cleanup);

const catalog = fixture.catalog as Catalog;

/** The README's menu example, in small: start, welcome, a menu with keys 1 and 2, two queues, goodbye. */
function menuFlow(): Flow {
  const node = (id: string, block: string, label: string, params: Record<string, unknown> = {}) => ({
    id,
    block,
    label,
    position: { x: 0, y: 0 },
    params,
  });
  const edge = (id: string, from: string, port: string, to: string) => ({ id, from: { node: from, port }, to });
  return {
    ...(structuredClone(fixture.starter_flow) as Flow),
    name: "Menu",
    nodes: [
      node("start", "start", ""),
      node("welcome", "play_prompt", "Welcome", { text: "Thank you for calling." }),
      node("main_menu", "menu", "Main menu", { keys: ["1", "2"], prompt: "For sales press 1.", timeout_seconds: 5 }),
      node("sales", "transfer_queue", "Sales", { queue: "Sales" }),
      node("bye", "hang_up", "Goodbye"),
    ],
    edges: [
      edge("e1", "start", "next", "welcome"),
      edge("e2", "welcome", "next", "main_menu"),
      edge("e3", "main_menu", "key:1", "sales"),
      edge("e4", "main_menu", "timeout", "bye"),
      edge("e5", "sales", "error", "bye"),
    ],
  };
}

type Step = Omit<SimStep, "call" | "first">;
const waitingAtMenu: Step = {
  events: [
    { kind: "entered", block: "start" },
    { kind: "exit_taken", block: "start", exit: "next", to: "welcome" },
    { kind: "entered", block: "welcome" },
    { kind: "heard", block: "welcome", text: "Thank you for calling." },
    { kind: "exit_taken", block: "welcome", exit: "next", to: "main_menu" },
    { kind: "entered", block: "main_menu" },
    { kind: "heard", block: "main_menu", text: "For sales press 1." },
    { kind: "waiting", block: "main_menu", awaiting: { kind: "key", keys: ["1", "2"], timeout_ms: 5000 } },
  ],
  state: { kind: "waiting", block: "main_menu", awaiting: { kind: "key", keys: ["1", "2"], timeout_ms: 5000 } },
  variables: {},
  outcome: null,
};
const choosingAtSales: Step = {
  events: [
    { kind: "pressed", block: "main_menu", keys: "1" },
    { kind: "exit_taken", block: "main_menu", exit: "key:1", to: "sales" },
    { kind: "entered", block: "sales" },
    { kind: "variable_set", block: "main_menu", name: "choice", value: "1" },
    {
      kind: "waiting",
      block: "sales",
      awaiting: { kind: "choice", exits: ["error"], reason: { en: "Sales has no mock: which exit?", zh: "Sales 没有模拟结果：走哪个出口？" } },
    },
  ],
  state: {
    kind: "waiting",
    block: "sales",
    awaiting: { kind: "choice", exits: ["error"], reason: { en: "Sales has no mock: which exit?", zh: "Sales 没有模拟结果：走哪个出口？" } },
  },
  variables: { choice: "1" },
  outcome: null,
};
const endedAtBye: Step = {
  events: [
    { kind: "exit_taken", block: "sales", exit: "error", to: "bye" },
    { kind: "entered", block: "bye" },
    { kind: "ended", outcome: { kind: "hung_up", block: "bye" } },
  ],
  state: { kind: "ended", outcome: { kind: "hung_up", block: "bye" } },
  variables: { choice: "1" },
  outcome: { en: "Hung up at Goodbye.", zh: "在 Goodbye 挂断。" },
};

/** The panel with its simulator, on a `MemorySim` answering `script`; the review drawn is exposed. */
function mount(script: SimScript, opts: { path?: string | null; lang?: "en" | "zh"; selected?: string } = {}) {
  const sim = new MemorySim(script);
  const backend: Backend = new MemoryBackend({ sim });
  const flow = menuFlow();
  const seen: { review?: Review } = {};
  function Harness() {
    const s = useSimulator({ backend, currentFlow: () => flow, flow, path: opts.path === undefined ? "/flows/menu.ivr.json" : opts.path, lang: opts.lang ?? "en" });
    seen.review = s.review;
    if (!s.open) s.setOpen(true);
    return <SimulatePanel host={s} flow={flow} catalog={catalog} lang={opts.lang ?? "en"} selected={opts.selected} onSelectBlock={() => {}} />;
  }
  render(<Harness />);
  return { sim, seen };
}

const click = async (testid: string) => {
  await act(async () => {
    fireEvent.click(screen.getByTestId(testid));
  });
};

describe("the call as the panel holds it (trace.ts)", () => {
  it("appends each answer's new events, reads the transcript and the path from them", () => {
    let call = advance(undefined, { call: 1, first: 0, ...waitingAtMenu });
    call = advance(call, { call: 1, first: call.events.length, ...choosingAtSales });
    expect(call.events).toHaveLength(waitingAtMenu.events.length + choosingAtSales.events.length);
    const lines = transcript(call.events, call.outcome).map((l) => l.kind);
    expect(lines).toEqual(["heard", "heard", "pressed", "set"]);
    const review = reviewOf(menuFlow(), call)!;
    expect(review.marks.get("sales")).toBe("current");
    expect(review.marks.get("welcome")).toBe("path");
    expect(review.marks.has("bye")).toBe(false);
    expect([...(review.lines ?? [])].sort()).toEqual(["e1", "e2", "e3"]);
    // A new call starts afresh.
    expect(advance(call, { call: 2, first: 0, ...waitingAtMenu }).events).toHaveLength(waitingAtMenu.events.length);
  });

  it("colours the exits a suite never took, by block", () => {
    const review = reviewOf(menuFlow(), undefined, [
      { block: "main_menu", exit: "timeout", name: { en: "", zh: "" } },
      { block: "main_menu", exit: "no_match", name: { en: "", zh: "" } },
    ])!;
    expect([...review.exits!.get("main_menu")!].sort()).toEqual(["no_match", "timeout"]);
    expect(review.marks.size).toBe(0);
  });

  it("reads name=value lines", () => {
    expect(parsePairs("tier=gold\n\n bad line\n id = 42 ")).toEqual({ tier: "gold", id: "42" });
    expect(pairsText({ a: "1", b: "2" })).toBe("a=1\nb=2");
  });
});

describe("the Simulate panel", () => {
  it("starts a call, shows what was heard, sends keypad clicks and typed digits, and draws the path", async () => {
    const { sim, seen } = mount({ steps: [waitingAtMenu, choosingAtSales, endedAtBye] });
    await click("sim-start");
    const transcriptEl = await screen.findByTestId("sim-transcript");
    expect(transcriptEl.textContent).toContain("Thank you for calling.");
    expect(transcriptEl.textContent).toContain("For sales press 1.");
    expect(screen.getByTestId("sim-status").textContent).toContain("Main menu");
    expect(seen.review?.marks.get("main_menu")).toBe("current");
    expect(sim.started[0].flow.name).toBe("Menu");

    await click("sim-key-1");
    expect(sim.inputs).toEqual([{ call: 1, input: { kind: "press", keys: "1" } }]);
    await waitFor(() => expect(screen.getByTestId("sim-transcript").textContent).toContain("Pressed"));
    // The block's exits as buttons, with the engine's reason.
    expect(screen.getByTestId("sim-choice-reason").textContent).toBe("Sales has no mock: which exit?");
    expect(within(screen.getByTestId("sim-choice")).getByTestId("sim-choose-error").textContent).toBe("Error");
    expect(screen.queryByTestId("sim-keypad")).toBeNull();
    expect(screen.getByTestId("sim-variables").textContent).toContain("choice1");
    await click("sim-choose-error");
    expect(sim.inputs[1].input).toEqual({ kind: "choose", exit: "error" });
    expect(await screen.findByTestId("sim-ended")).toBeTruthy();
    expect(screen.getByTestId("sim-status").textContent).toBe("Hung up at Goodbye.");
    expect(seen.review?.marks.get("bye")).toBe("current");
    expect(seen.review?.lines?.has("e5")).toBe(true);
  });

  it("takes digits from the keyboard while the call waits for keys, not while typing", async () => {
    const { sim } = mount({ steps: [waitingAtMenu, waitingAtMenu] });
    await click("sim-start");
    await act(async () => {
      fireEvent.keyDown(window, { key: "#" });
    });
    expect(sim.inputs.map((i) => i.input)).toEqual([{ kind: "press", keys: "#" }]);
    await act(async () => {
      fireEvent.keyDown(window, { key: "a" });
    });
    await click("sim-save-case");
    await act(async () => {
      fireEvent.keyDown(screen.getByTestId("sim-case-name"), { key: "2" });
    });
    expect(sim.inputs).toHaveLength(1);
  });

  it("waits for a timeout, hangs up, and forgets the call in the backend", async () => {
    const { sim } = mount({ steps: [waitingAtMenu, waitingAtMenu] });
    await click("sim-start");
    await click("sim-timeout");
    expect(sim.inputs[0].input).toEqual({ kind: "timeout" });
    await click("sim-hangup");
    expect(sim.stopped).toEqual([1]);
    expect(screen.getByTestId("sim-status").getAttribute("data-state")).toBe("hung_up");
    expect(screen.queryByTestId("sim-keypad")).toBeNull();
  });

  it("saves the call as a named test case beside the flow file", async () => {
    const { sim } = mount({ steps: [waitingAtMenu, endedAtBye] });
    await click("sim-start");
    await click("sim-key-1");
    await click("sim-save-case");
    expect((screen.getByTestId("sim-case-save") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId("sim-case-name"), { target: { value: " Sales line " } });
    await click("sim-case-save");
    expect(sim.saved).toEqual([{ call: 1, name: "Sales line", path: "/flows/menu.ivr.json" }]);
    expect(screen.getByTestId("sim-save-result").textContent).toContain("/flows/menu.ivrtest.json");
  });

  it("asks for the flow to be saved first when it has no file", async () => {
    mount({ steps: [waitingAtMenu] }, { path: null });
    await click("sim-start");
    expect(screen.getByTestId("sim-save-needs-file")).toBeTruthy();
    await click("sim-tab-tests");
    expect(screen.getByTestId("sim-tests-needs-file")).toBeTruthy();
  });

  it("sends the scenario and the selected block's mock with the next call", async () => {
    const { sim } = mount({ steps: [waitingAtMenu] }, { selected: "sales" });
    await click("sim-tab-scenario");
    fireEvent.change(screen.getByTestId("sim-caller"), { target: { value: "+861380000" } });
    fireEvent.change(screen.getByTestId("sim-hours"), { target: { value: "closed" } });
    fireEvent.click(screen.getByTestId("sim-providers-succeed"));
    fireEvent.change(screen.getByTestId("sim-start-vars"), { target: { value: "tier=gold" } });
    expect(screen.getByTestId("sim-mock-form").textContent).toContain("Sales");
    const exits = [...(screen.getByTestId("sim-mock-exit") as HTMLSelectElement).options].map((o) => o.value);
    expect(exits).toContain("error");
    fireEvent.change(screen.getByTestId("sim-mock-exit"), { target: { value: "error" } });
    fireEvent.change(screen.getByTestId("sim-mock-sets"), { target: { value: "waited=yes" } });
    fireEvent.change(screen.getByTestId("sim-mock-delay"), { target: { value: "1500" } });
    expect(screen.getByTestId("sim-mock-sales").textContent).toContain("Error");
    await click("sim-tab-call");
    await click("sim-start");
    expect(sim.started[0].scenario).toEqual({
      caller: "+861380000",
      hours: { "*": "closed" },
      providers_succeed: true,
      variables: { tier: "gold" },
      mocks: { sales: { exit: "error", set: { waited: "yes" }, delay_ms: 1500 } },
    });
  });

  it("runs the flow's tests, shows each pass or fail with the failure, and colours the exits never taken", async () => {
    const run: TestRun = {
      file: "/flows/menu.ivrtest.json",
      cases: [
        { name: "Sales", passed: true, failure: null, end: { en: "Transferred to queue Sales.", zh: "转接到队列 Sales。" } },
        {
          name: "Timeout",
          passed: false,
          failure: { step: 2, expected: { en: "to hear \"Goodbye\"", zh: "听到“Goodbye”" }, actual: { en: "heard nothing", zh: "什么也没听到" } },
          end: { en: "Hung up.", zh: "挂断。" },
        },
      ],
      coverage: { total: 6, taken: 4, never: [{ block: "main_menu", exit: "timeout", name: { en: "\"Main menu\" → Timeout", zh: "“Main menu” → 超时" } }] },
    };
    const { seen } = mount({ run }, { lang: "zh" });
    await click("sim-tab-tests");
    await click("sim-run-tests");
    expect(screen.getByTestId("sim-tests-summary").textContent).toBe("1 通过 · 1 失败");
    expect(screen.getByTestId("sim-case-0").getAttribute("data-passed")).toBe("true");
    expect(screen.getByTestId("sim-case-failure-1").textContent).toBe("第 2 步：期望 听到“Goodbye”; 实际 什么也没听到");
    expect(screen.getByTestId("sim-coverage").textContent).toBe("4 / 6");
    expect(seen.review?.exits).toBeUndefined();
    await click("sim-show-coverage");
    expect([...(seen.review?.exits?.get("main_menu") ?? [])]).toEqual(["timeout"]);
    expect(screen.getByTestId("sim-never").textContent).toContain("超时");
  });

  it("says spoken prompts are not available where the platform has no voice", async () => {
    expect(speechAvailable({})).toBe(false);
    expect(speechAvailable({ speechSynthesis: { getVoices: () => [] }, SpeechSynthesisUtterance: function () {} })).toBe(false);
    expect(speechAvailable({ speechSynthesis: { getVoices: () => [{}] }, SpeechSynthesisUtterance: function () {} })).toBe(true);
    mount({ steps: [waitingAtMenu] });
    expect(screen.getByTestId("sim-no-speech").textContent).toContain("not available");
  });

  it("has every string in both languages", () => {
    for (const [key, v] of Object.entries(SIM_STRINGS)) {
      if (key === "stepSuffix" || key === "colon") continue;
      expect(v.en, key).not.toBe("");
      expect(v.zh, key).not.toBe("");
      expect((v.zh as string) === (v.en as string), key).toBe(false);
    }
  });
});

describe("in the app", () => {
  it("opens from the toolbar and F5, in the palette's place, and marks the current block on the canvas", async () => {
    const sim = new MemorySim({ steps: [{ ...waitingAtMenu, state: { kind: "waiting", block: "welcome", awaiting: { kind: "key", keys: ["1"], timeout_ms: 1000 } } }] });
    await renderApp(new MemoryBackend({ sim }));
    expect(screen.getByTestId("palette")).toBeTruthy();
    await click("simulate-toggle");
    expect(screen.getByTestId("simulate-panel")).toBeTruthy();
    expect(screen.queryByTestId("palette")).toBeNull();
    await click("sim-start");
    await waitFor(() => expect(screen.getByTestId("node-welcome").getAttribute("data-review")).toBe("current"));
    expect(screen.getByTestId("node-start").getAttribute("data-review")).toBe("path");
    await act(async () => {
      fireEvent.keyDown(window, { key: "F5" });
    });
    expect(screen.queryByTestId("simulate-panel")).toBeNull();
    expect(sim.stopped).toEqual([1]);
    await waitFor(() => expect(screen.getByTestId("node-welcome").getAttribute("data-review")).toBeNull());
  });
});
