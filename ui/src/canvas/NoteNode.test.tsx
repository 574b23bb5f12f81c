import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { MemoryBackend } from "../backend";
import fixture from "../backend/fixture.json";
import type { Flow } from "../model";
import { renderApp } from "../test-app";
import { mockReactFlow } from "../test-setup";

beforeAll(mockReactFlow);
afterEach(cleanup);

const starter = fixture.starter_flow as Flow;

function withFile(flow: Flow): MemoryBackend {
  const backend = new MemoryBackend();
  backend.files.files.set("/f/n.ivr.json", JSON.stringify({ format: "ivr-studio/flow", version: 1, ...flow }));
  backend.files.startup = "/f/n.ivr.json";
  return backend;
}

const saved = (b: MemoryBackend) => JSON.parse(b.files.files.get("/f/n.ivr.json") ?? "{}") as Flow;

describe("sticky notes", () => {
  it("adds a note from the toolbar, ready for typing; typing is one undo step; Ctrl+S saves it", async () => {
    const backend = withFile(starter);
    await renderApp(backend);
    await waitFor(() => expect(backend.files.title).toContain("n.ivr.json"));
    await act(async () => {
      fireEvent.click(screen.getByTestId("add-note"));
    });
    const input = (await screen.findByTestId("note-input-note_1")) as HTMLTextAreaElement;
    expect(document.activeElement).toBe(input);
    expect(screen.getByTestId("inspector-note")).toBeTruthy();
    for (const text of ["H", "Ho", "Holiday hours"]) {
      await act(async () => {
        fireEvent.change(input, { target: { value: text } });
      });
    }
    await act(async () => {
      fireEvent.keyDown(input, { key: "Enter", ctrlKey: true });
    });
    expect(screen.queryByTestId("note-input-note_1")).toBeNull();
    expect(screen.getByTestId("note-text-note_1").textContent).toBe("Holiday hours");
    await act(async () => {
      fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    });
    await waitFor(() => expect(saved(backend).notes).toHaveLength(1));
    expect(saved(backend).notes[0]).toMatchObject({ id: "note_1", text: "Holiday hours", size: { width: 200, height: 120 } });
    // Undo takes the typing back in one step, then the note itself.
    await act(async () => {
      fireEvent.keyDown(window, { key: "z", ctrlKey: true });
    });
    expect(screen.getByTestId("note-text-note_1").textContent).toBe("Double-click to write");
    await act(async () => {
      fireEvent.keyDown(window, { key: "z", ctrlKey: true });
    });
    expect(screen.queryByTestId("note-note_1")).toBeNull();
  });

  it("draws the file's notes, edits one with a double-click, and has no handles", async () => {
    const backend = withFile({
      ...starter,
      notes: [{ id: "n1", text: "Ask sales", position: { x: 0, y: -200 }, size: { width: 240, height: 100 } }],
    });
    await renderApp(backend);
    const note = await screen.findByTestId("note-n1");
    expect(note.textContent).toBe("Ask sales");
    expect(note.closest(".react-flow__node")?.querySelector(".react-flow__handle")).toBeNull();
    await act(async () => {
      fireEvent.doubleClick(note);
    });
    const input = screen.getByTestId("note-input-n1") as HTMLTextAreaElement;
    expect(input.value).toBe("Ask sales");
    await act(async () => {
      fireEvent.change(input, { target: { value: "Ask sales\nabout May" } });
      fireEvent.keyDown(input, { key: "Escape" });
    });
    expect(screen.getByTestId("note-text-n1").textContent).toBe("Ask sales\nabout May");
    await act(async () => {
      fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    });
    await waitFor(() => expect(saved(backend).notes[0].text).toBe("Ask sales\nabout May"));
    expect(saved(backend).notes[0].size).toEqual({ width: 240, height: 100 });
  });
});
