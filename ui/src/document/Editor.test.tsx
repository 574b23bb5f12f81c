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

const dirty = () => screen.getByTestId("dirty-marker").getAttribute("data-dirty");

describe("the editor", () => {
  it("adds a block from the palette with a double-click, and selects it", async () => {
    const backend = new MemoryBackend();
    await renderApp(backend);
    await act(async () => {
      fireEvent.doubleClick(screen.getByTestId("palette-menu"));
    });
    expect(await screen.findByTestId("node-menu_1")).toBeTruthy();
    expect(screen.getByTestId("inspector-menu_1")).toBeTruthy();
    expect(dirty()).toBe("true");
  });

  it("edits a menu's keys in the inspector: a new key is a new exit", async () => {
    const backend = new MemoryBackend();
    await renderApp(backend);
    await act(async () => {
      fireEvent.doubleClick(screen.getByTestId("palette-menu"));
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId("param-keys-add"));
    });
    expect(screen.getByTestId("port-menu_1-key:3")).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByTestId("param-keys-remove-2"));
    });
    expect(screen.queryByTestId("port-menu_1-key:3")).toBeNull();
  });

  it("shows the engine's problem on its field and exit", async () => {
    const backend = new MemoryBackend({
      problems: [
        { code: "field.required", severity: "error", message: { en: "Say something.", zh: "说点什么。" }, node: "welcome", field: "text" },
        { code: "exit.unwired", severity: "error", message: { en: "Wire it.", zh: "连线。" }, node: "welcome", port: "error" },
      ],
    });
    await renderApp(backend);
    await screen.findByTestId("problem-item-0");
    await waitFor(() => expect(screen.getByTestId("port-welcome-error").className).toContain("bad"));
    await act(async () => {
      fireEvent.click(screen.getByTestId("problem-item-0").querySelector("button") as HTMLElement);
    });
    expect((await screen.findByTestId("field-error-text")).textContent).toBe("Say something.");
  });

  it("saves to the open file with Ctrl+S and is clean again", async () => {
    const backend = new MemoryBackend();
    backend.files.files.set(
      "/f/a.ivr.json",
      JSON.stringify({ format: "ivr-studio/flow", version: 1, ...starter }),
    );
    backend.files.startup = "/f/a.ivr.json";
    await renderApp(backend);
    await waitFor(() => expect(backend.files.title).toContain("a.ivr.json"));
    await act(async () => {
      fireEvent.change(screen.getByTestId("flow-name"), { target: { value: "Sales menu" } });
    });
    expect(dirty()).toBe("true");
    await waitFor(() => expect(backend.files.title).toBe("• Sales menu (a.ivr.json) — IVR Studio"));
    await act(async () => {
      fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    });
    await waitFor(() => expect(dirty()).toBe("false"));
    const saved = JSON.parse(backend.files.files.get("/f/a.ivr.json") ?? "{}") as Flow;
    expect(saved.name).toBe("Sales menu");
    expect(backend.files.recentList[0]).toBe("/f/a.ivr.json");
  });

  it("asks before closing with unsaved changes", async () => {
    const backend = new MemoryBackend();
    await renderApp(backend);
    await act(async () => {
      fireEvent.change(screen.getByTestId("flow-name"), { target: { value: "Changed" } });
    });
    await act(async () => backend.files.requestClose());
    expect(screen.getByTestId("unsaved-dialog")).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByTestId("unsaved-cancel"));
    });
    expect(backend.files.closed).toBe(false);
    await act(async () => backend.files.requestClose());
    await act(async () => {
      fireEvent.click(screen.getByTestId("unsaved-discard"));
    });
    expect(backend.files.closed).toBe(true);
  });

  it("offers back what autosave kept after a crash", async () => {
    const backend = new MemoryBackend();
    backend.files.kept = { path: null, flow: { ...starter, name: "Kept" } };
    await renderApp(backend);
    await act(async () => {
      fireEvent.click(await screen.findByTestId("recover-restore"));
    });
    expect((screen.getByTestId("flow-name") as HTMLInputElement).value).toBe("Kept");
    expect(dirty()).toBe("true");
  });

  it("says why a file was not opened, naming it", async () => {
    const backend = new MemoryBackend();
    backend.files.files.set("/f/bad.ivr.json", "not json");
    backend.files.startup = "/f/bad.ivr.json";
    await renderApp(backend);
    const notice = await screen.findByTestId("notice");
    expect(notice.textContent).toContain("The file was not opened");
    expect(notice.textContent).toContain("/f/bad.ivr.json");
  });
});
