import { ReactFlowProvider } from "@xyflow/react";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, renderHook, screen, waitFor } from "@testing-library/react";
import { MemoryBackend } from "../backend";
import { renderApp } from "../test-app";
import { mockReactFlow } from "../test-setup";
import { FRAGMENT_FORMAT } from "./fragment";
import { useEditor } from "../document/useEditor";

beforeAll(mockReactFlow);
afterEach(cleanup);

/** Presses a key on the page (or on `target`), as the designer would. */
async function press(key: string, mods: { ctrl?: boolean; shift?: boolean; repeat?: boolean } = {}, target: Element | Window = window) {
  await act(async () => {
    fireEvent.keyDown(target, { key, ctrlKey: mods.ctrl ?? false, shiftKey: mods.shift ?? false, repeat: mods.repeat ?? false });
  });
}

const stats = () => screen.getByTestId("doc-stats").textContent;
const nodeIds = () => [...document.querySelectorAll(".react-flow__node")].map((n) => (n as HTMLElement).dataset.id).sort();
const selectedIds = () =>
  [...document.querySelectorAll(".react-flow__node.selected")].map((n) => (n as HTMLElement).dataset.id).sort();
const click = async (testid: string) =>
  act(async () => {
    fireEvent.click(screen.getByTestId(testid));
  });

describe("copy and paste", () => {
  it("copies the selection with its inner line, pastes it with fresh ids as one undo step", async () => {
    const backend = await renderApp();
    await press("a", { ctrl: true });
    expect(selectedIds()).toEqual(["hang_up", "start", "welcome"]);
    await press("c", { ctrl: true });
    const copied = JSON.parse(backend.clipboard.text) as { format: string; nodes: { id: string }[]; edges: unknown[] };
    expect(copied.format).toBe(FRAGMENT_FORMAT);
    expect(copied.nodes.map((n) => n.id)).toEqual(["start", "welcome", "hang_up"]);
    expect(copied.edges).toHaveLength(2);
    await press("v", { ctrl: true });
    expect(nodeIds()).toEqual(["hang_up", "hang_up_1", "play_prompt_1", "start", "start_1", "welcome"]);
    expect(selectedIds()).toEqual(["hang_up_1", "play_prompt_1", "start_1"]);
    expect(stats()).toContain("6 blocks · 4 lines");
    await press("z", { ctrl: true });
    expect(stats()).toContain("3 blocks · 2 lines");
    await press("z", { ctrl: true, shift: true });
    expect(stats()).toContain("6 blocks · 4 lines");
    // Pasting again lands 40 px further on, with new ids again.
    await press("v", { ctrl: true });
    expect(stats()).toContain("9 blocks · 6 lines");
    const at = (id: string) => (document.querySelector(`.react-flow__node[data-id="${id}"]`) as HTMLElement).style.transform;
    expect(at("play_prompt_1")).toContain("translate(440px,160px)");
    expect(at("play_prompt_2")).toContain("translate(480px,200px)");
  });

  it("cuts as one undo step", async () => {
    const backend = await renderApp();
    await click("node-welcome");
    await press("x", { ctrl: true });
    expect(nodeIds()).toEqual(["hang_up", "start"]);
    expect(backend.clipboard.text).toContain('"welcome"');
    await press("z", { ctrl: true });
    expect(nodeIds()).toEqual(["hang_up", "start", "welcome"]);
    expect(stats()).toContain("2 lines");
  });

  it("duplicates without touching the clipboard", async () => {
    const backend = await renderApp();
    backend.clipboard.text = "untouched";
    await click("node-welcome");
    await press("d", { ctrl: true });
    expect(nodeIds()).toContain("play_prompt_1");
    expect(selectedIds()).toEqual(["play_prompt_1"]);
    expect(backend.clipboard.text).toBe("untouched");
  });

  it("refuses clipboard text that is not blocks, saying so, and changes nothing", async () => {
    const backend = await renderApp();
    for (const [text, key] of [
      ["hello", "pasteNotBlocks"],
      [JSON.stringify({ format: FRAGMENT_FORMAT, version: 9, nodes: [] }), "pasteNewer"],
      [JSON.stringify({ format: FRAGMENT_FORMAT, version: 1, nodes: [{ id: "a" }] }), "pasteBadBlocks"],
    ]) {
      backend.clipboard.text = text!;
      await press("v", { ctrl: true });
      expect(screen.getByTestId("notice").dataset.key).toBe(key);
      expect(nodeIds()).toEqual(["hang_up", "start", "welcome"]);
    }
    expect(screen.getByTestId("undo")).toHaveProperty("disabled", true);
  });

  it("leaves Ctrl+C and Ctrl+V to a text field that has the focus", async () => {
    const backend = await renderApp();
    await click("node-welcome");
    backend.clipboard.text = "before";
    await press("c", { ctrl: true }, screen.getByTestId("flow-name"));
    expect(backend.clipboard.text).toBe("before");
  });
});

describe("the keyboard", () => {
  const position = (id: string) => {
    const el = document.querySelector(`.react-flow__node[data-id="${id}"]`) as HTMLElement;
    return el.style.transform;
  };

  it("nudges the selection a grid step per arrow, five with Shift, a held key being one undo step", async () => {
    await renderApp();
    await click("node-welcome");
    const start = position("welcome");
    expect(start).toContain("translate(400px,120px)");
    await press("ArrowRight");
    expect(position("welcome")).toContain("translate(420px,120px)");
    await press("ArrowDown", { shift: true });
    expect(position("welcome")).toContain("translate(420px,220px)");
    // Held: three repeats after the press, one step.
    await press("ArrowLeft");
    await press("ArrowLeft", { repeat: true });
    await press("ArrowLeft", { repeat: true });
    expect(position("welcome")).toContain("translate(360px,220px)");
    await press("z", { ctrl: true });
    expect(position("welcome")).toContain("translate(420px,220px)");
    await press("z", { ctrl: true });
    await press("z", { ctrl: true });
    expect(position("welcome")).toBe(start);
  });

  it("deletes the selection with Delete as one undo step, also after Ctrl+Shift+Z", async () => {
    await renderApp();
    await click("node-welcome");
    // Redo as typed: "Z" goes down with Shift, "z" comes up after it.
    await press("Z", { ctrl: true, shift: true });
    await act(async () => {
      fireEvent.keyUp(window, { key: "z" });
    });
    await press("Delete");
    expect(nodeIds()).toEqual(["hang_up", "start"]);
    expect(stats()).toContain("0 lines");
    await press("z", { ctrl: true });
    expect(nodeIds()).toEqual(["hang_up", "start", "welcome"]);
    expect(stats()).toContain("2 lines");
  });

  it("moves the selection with Tab left to right, back with Shift+Tab, and clears it with Esc", async () => {
    await renderApp();
    await press("Tab");
    expect(selectedIds()).toEqual(["start"]);
    await press("Tab");
    expect(selectedIds()).toEqual(["welcome"]);
    await press("Tab", { shift: true });
    await press("Tab", { shift: true });
    expect(selectedIds()).toEqual(["hang_up"]);
    await press("Escape");
    expect(selectedIds()).toEqual([]);
  });

  it("opens the shortcuts overlay with ?, listing the table, in Chinese too; Esc closes it", async () => {
    await renderApp(new MemoryBackend(), "zh");
    await press("?", { shift: true });
    const overlay = screen.getByTestId("shortcuts-overlay");
    expect(overlay.textContent).toContain("键盘快捷键");
    expect(screen.getByTestId("shortcut-undo").textContent).toContain("Ctrl+Z");
    expect(screen.getByTestId("shortcut-paste").textContent).toContain("粘贴");
    // Auto-layout is listed, since the editor offers it.
    expect(screen.getByTestId("shortcut-autoLayout").textContent).toContain("Ctrl+Shift+L");
    await press("Escape");
    expect(screen.queryByTestId("shortcuts-overlay")).toBeNull();
  });
});

describe("find", () => {
  it("finds blocks by prompt text, jumps with Enter, counts, and closes with Esc", async () => {
    await renderApp();
    await press("f", { ctrl: true });
    const input = screen.getByTestId("search-input");
    expect(document.activeElement).toBe(input);
    await act(async () => {
      fireEvent.change(input, { target: { value: "our service" } });
    });
    expect(screen.getByTestId("search-count").textContent).toBe("0 / 1");
    await press("Enter", {}, input);
    expect(selectedIds()).toEqual(["welcome"]);
    expect(screen.getByTestId("search-count").textContent).toBe("1 / 1");
    // "t" is in start (its id) and the welcome prompt: two matches to step through.
    await act(async () => {
      fireEvent.change(input, { target: { value: "t" } });
    });
    await press("Enter", {}, input);
    await press("Enter", {}, input);
    const second = selectedIds();
    await press("Enter", { shift: true }, input);
    expect(selectedIds()).not.toEqual(second);
    await act(async () => {
      fireEvent.change(input, { target: { value: "zebra" } });
    });
    expect(screen.getByTestId("search-count").textContent).toBe("No match");
    await press("Escape", {}, input);
    expect(screen.queryByTestId("search-bar")).toBeNull();
  });
});

describe("one step per gesture", () => {
  it("takes a drag committed twice in one event (move, then drag stop) as one undo step", async () => {
    const { result } = renderHook(() => useEditor(new MemoryBackend(), "en"), { wrapper: ReactFlowProvider });
    await waitFor(() => expect(result.current.flow).toBeDefined());
    const to = new Map([["welcome", { x: 500, y: 300 }]]);
    act(() => {
      result.current.move(to);
      result.current.move(to);
    });
    expect(result.current.doc.past).toHaveLength(1);
    act(() => result.current.undo());
    expect(result.current.flow?.nodes.find((n) => n.id === "welcome")?.position).toEqual({ x: 400, y: 120 });
    expect(result.current.canUndo).toBe(false);
  });
});
