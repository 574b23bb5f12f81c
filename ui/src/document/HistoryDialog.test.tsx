import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, screen } from "@testing-library/react";
import { MemoryBackend } from "../backend";
import type { DiffLine } from "../backend";
import fixture from "../backend/fixture.json";
import type { Flow } from "../model";
import { renderApp } from "../test-app";
import { mockReactFlow } from "../test-setup";

beforeAll(mockReactFlow);
afterEach(cleanup);

const PATH = "/flows/main.ivr.json";
const prompt = (f: Flow) => String(f.nodes.find((n) => n.block === "play_prompt")?.params.text);

/** The engine's diff stands in as one line when the prompts differ (the real one is tested in Rust). */
function diff(old: Flow, now: Flow): DiffLine[] {
  if (prompt(old) === prompt(now)) return [];
  const text = { en: `Prompt text: "${prompt(old)}" → "${prompt(now)}"`, zh: `提示文本："${prompt(old)}" → "${prompt(now)}"` };
  return [{ kind: "setting", block: "welcome", key: "text", old: prompt(old), new: prompt(now), layout: false, text }];
}

describe("History", () => {
  it("lists a snapshot per save, compares one with the document, and restores it as one undo step", async () => {
    const backend = new MemoryBackend({ diff });
    const starter = structuredClone(fixture.starter_flow as Flow);
    backend.files.files.set(PATH, JSON.stringify({ format: "ivr-studio/flow", version: 1, ...starter }));
    backend.files.startup = PATH;
    await renderApp(backend);
    await screen.findByTestId("node-welcome");
    const first = prompt(starter);
    await act(async () => {
      fireEvent.click(screen.getByTestId("file-save"));
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId("node-welcome"));
    });
    fireEvent.change(screen.getByTestId("param-text"), { target: { value: "Welcome back." } });
    await act(async () => {
      fireEvent.click(screen.getByTestId("file-save"));
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId("file-history"));
    });
    const list = await screen.findByTestId("history-list");
    expect(list.querySelectorAll("li")).toHaveLength(2);
    expect(list.textContent).toContain("saved");
    await act(async () => {
      fireEvent.click(screen.getByTestId("history-1"));
    });
    const compare = await screen.findByTestId("history-compare");
    expect(compare.textContent).toContain(`"${first}" → "Welcome back."`);
    await act(async () => {
      fireEvent.click(screen.getByTestId("history-restore"));
    });
    expect(screen.queryByTestId("history-dialog")).toBeNull();
    expect((screen.getByTestId("param-text") as HTMLTextAreaElement).value).toBe(first);
    expect(screen.getByTestId("dirty-marker").getAttribute("data-dirty")).toBe("true");
    // Nothing lost: one undo brings the edit back.
    await act(async () => {
      fireEvent.click(screen.getByTestId("undo"));
    });
    expect((screen.getByTestId("param-text") as HTMLTextAreaElement).value).toBe("Welcome back.");
  });

  it("is offered only for a document with a file", async () => {
    await renderApp(new MemoryBackend());
    await screen.findByTestId("node-welcome");
    expect((screen.getByTestId("file-history") as HTMLButtonElement).disabled).toBe(true);
  });
});
