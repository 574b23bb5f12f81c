import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { MemoryBackend } from "./backend";
import fixture from "./backend/fixture.json";
import { blockSpec, registerProviderNames, summaryIsSsml, summaryOf } from "./flow";
import type { BlockSpec, Catalog, Flow, Node } from "./model";
import { isSsml, spokenText, ssmlText } from "./ssml";
import { renderApp } from "./test-app";
import { mockReactFlow } from "./test-setup";

beforeAll(mockReactFlow);
afterEach(cleanup);

const catalog = fixture.catalog as Catalog;
const starter = fixture.starter_flow as Flow;
const PROMPT = '<speak><prosody rate="slow">Hello &amp; welcome</prosody></speak>';

const spec = (id: string) => blockSpec(catalog, id) as BlockSpec;
const node = (block: string, params: Record<string, unknown>): Node => ({
  id: "n1",
  block,
  label: "",
  position: { x: 0, y: 0 },
  params,
});

describe("SSML as text", () => {
  it("drops the tags, decodes the entities and makes white space one space", () => {
    expect(ssmlText(PROMPT)).toBe("Hello & welcome");
    expect(
      ssmlText(`<?xml version="1.0"?>
        <speak>Press <say-as interpret-as="digits">1</say-as>,<break time="500ms"/>or&#32;stay&nbsp;on
        the line. <!-- a note --><p>Thank&#x20;you &lt;3</p></speak>`),
    ).toBe("Press 1, or stay on the line. Thank you <3");
    // A pause between words keeps them apart; an unknown entity is left as it is.
    expect(ssmlText("<speak>One<break/>two &foo;</speak>")).toBe("One two &foo;");
  });

  it("knows SSML from plain text", () => {
    expect(isSsml(PROMPT)).toBe(true);
    expect(isSsml('  <speak xml:lang="en-US">Hi</speak>')).toBe(true);
    expect(isSsml("<speaker>Hi</speaker>")).toBe(false);
    expect(isSsml("Say <speak> to begin")).toBe(false);
    expect(isSsml(undefined)).toBe(false);
    expect(spokenText("Plain & simple")).toBe("Plain & simple");
  });
});

describe("a block whose prompt is SSML", () => {
  it("is summarised as the prompt's text, and says it is SSML", () => {
    const n = node("play_prompt", { text: PROMPT, voice_type: "ssml" });
    expect(summaryOf(spec("play_prompt"), n, "en")).toBe("“Hello & welcome”");
    expect(summaryIsSsml(spec("play_prompt"), n)).toBe(true);
    const plain = node("play_prompt", { text: "Hello & welcome", voice_type: "tts" });
    expect(summaryIsSsml(spec("play_prompt"), plain)).toBe(false);
    // Markup with no words says "not set", with no marker.
    const empty = node("play_prompt", { text: "<speak> </speak>" });
    expect(summaryOf(spec("play_prompt"), empty, "en")).toBe(`${spec("play_prompt").params[0].name.en}: not set`);
    expect(summaryIsSsml(spec("play_prompt"), empty)).toBe(false);
  });

  it("and a provider block's SSML setting too", () => {
    registerProviderNames(catalog);
    const n = node("provider", {
      provider: "connect",
      type: "GetParticipantInput",
      exits: ["next"],
      parameters: { SSML: PROMPT, InputTimeLimitSeconds: "5" },
    });
    expect(summaryOf(spec("provider"), n, "en")).toBe("SSML: Hello & welcome");
    expect(summaryIsSsml(spec("provider"), n)).toBe(true);
  });

  it("shows the text with an SSML marker on its card; the inspector edits the SSML, marked too; nothing stored changes", async () => {
    const flow: Flow = {
      ...starter,
      nodes: starter.nodes.map((n) =>
        n.id === "welcome" ? { ...n, params: { ...n.params, text: PROMPT, voice_type: "ssml" } } : n,
      ),
    };
    const backend = new MemoryBackend();
    const file = JSON.stringify({ format: "ivr-studio/flow", version: 1, ...flow });
    backend.files.files.set("/f/s.ivr.json", file);
    backend.files.startup = "/f/s.ivr.json";
    await renderApp(backend, "en");
    const summary = await screen.findByTestId("node-summary-welcome");
    await waitFor(() => expect(summary.textContent).toBe("SSML“Hello & welcome”"));
    const mark = screen.getByTestId("node-ssml-welcome");
    expect(mark.textContent).toBe("SSML");
    expect(mark.title).toMatch(/SSML/);
    // Another prompt, in plain text, has no marker.
    expect(screen.queryByTestId("node-ssml-start")).toBeNull();

    await act(async () => {
      fireEvent.click(screen.getByTestId("node-welcome"));
    });
    await screen.findByTestId("inspector-welcome");
    expect((screen.getByTestId("param-text") as HTMLTextAreaElement).value).toBe(PROMPT);
    expect(screen.getByTestId("ssml-text").textContent).toBe("SSML");
    // Chinese: the marker's hint in Chinese.
    await act(async () => {
      fireEvent.click(screen.getByTestId("lang-zh"));
    });
    expect(screen.getByTestId("node-ssml-welcome").title).toMatch(/语音合成标记语言/);
    // Another edit saved: the prompt is stored as it came, the markup untouched.
    await act(async () => {
      fireEvent.change(screen.getByTestId("flow-name"), { target: { value: "Renamed" } });
    });
    await act(async () => {
      fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    });
    const saved = () => JSON.parse(backend.files.files.get("/f/s.ivr.json") ?? "{}") as Flow;
    await waitFor(() => expect(saved().name).toBe("Renamed"));
    expect(saved().nodes.find((n) => n.id === "welcome")?.params).toEqual(flow.nodes[1].params);
  });
});
