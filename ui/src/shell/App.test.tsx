import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App } from "./App";
import {
  MemoryBackend,
  MemoryClipboard,
  MemoryCloud,
  MemoryFiles,
  MemoryMenu,
  MemorySettings,
  MemorySim,
  MemoryTasks,
} from "../backend";
import type { Backend } from "../backend";
import { chooseBackend, inTauri } from "../backend";
import type { Problem } from "../model";
import { mockReactFlow } from "../test-setup";

beforeAll(mockReactFlow);
afterEach(cleanup);

const unwired: Problem = {
  code: "exit.unwired",
  severity: "error",
  message: { en: "Exit next of Welcome leads nowhere.", zh: "Welcome 的出口 next 没有连线。" },
  node: "welcome",
  port: "next",
};

async function renderApp(backend: Backend, lang: "en" | "zh" = "en") {
  await act(async () => {
    render(<App backend={backend} initialLang={lang} />);
  });
}

describe("App", () => {
  it("draws the starter flow's blocks from the catalog", async () => {
    await renderApp(new MemoryBackend());
    await screen.findByTestId("node-start");
    expect(screen.getByTestId("node-title-start").textContent).toBe("Start");
    expect(screen.getByTestId("node-title-welcome").textContent).toBe("Welcome");
    expect(screen.getByTestId("node-title-hang_up").textContent).toBe("Hang up");
    expect(screen.getByTestId("port-welcome-next")).toBeTruthy();
    expect(screen.queryByTestId("port-hang_up-next")).toBeNull();
  });

  it("shows No problems when the engine reports none", async () => {
    const backend = new MemoryBackend();
    await renderApp(backend);
    await screen.findByTestId("problems-empty");
    expect(screen.getByTestId("problems-empty").textContent).toContain("No problems");
    expect(backend.validations).toHaveLength(1);
    expect(backend.validations[0].target).toBeNull();
  });

  it("lists the engine's problems in the chosen language, and re-checks for a target", async () => {
    const backend = new MemoryBackend({ problems: [unwired] });
    await renderApp(backend, "zh");
    const item = await screen.findByTestId("problem-item-0");
    expect(item.textContent).toContain("没有连线");
    expect(item.getAttribute("data-code")).toBe("exit.unwired");
    expect(screen.getByTestId("problems-count").textContent).toBe("1");
    await act(async () => {
      fireEvent.change(screen.getByTestId("target-select"), { target: { value: "connect" } });
    });
    await waitFor(() => expect(backend.validations.map((v) => v.target)).toEqual([null, "connect"]));
  });

  it("switches language from the toolbar", async () => {
    await renderApp(new MemoryBackend());
    await screen.findByTestId("node-start");
    await act(async () => {
      fireEvent.click(screen.getByTestId("lang-zh"));
    });
    expect(screen.getByTestId("node-title-start").textContent).toBe("开始");
    expect(screen.getByTestId("problems-panel").textContent).toContain("问题");
  });

  it("shows the selected block's settings and exits in the inspector", async () => {
    await renderApp(new MemoryBackend());
    await screen.findByTestId("node-welcome");
    expect(screen.getByTestId("inspector").textContent).toContain("Select a block");
    await act(async () => {
      fireEvent.click(screen.getByTestId("node-welcome"));
    });
    const inspector = await screen.findByTestId("inspector-welcome");
    expect((screen.getByTestId("param-text") as HTMLTextAreaElement).value).toContain(
      "Welcome to our service",
    );
    expect(inspector.textContent).toContain("→ Hang up");
    expect(inspector.textContent).toContain("not connected");
  });

  it("says so when the backend fails", async () => {
    const broken: Backend = {
      kind: "memory",
      catalog: () => Promise.reject(new Error("engine unavailable")),
      starterFlow: () => Promise.reject(new Error("engine unavailable")),
      validateFlow: () => Promise.resolve([]),
      files: new MemoryFiles(),
      clipboard: new MemoryClipboard(),
      menu: new MemoryMenu(),
      cloud: new MemoryCloud(),
      settings: new MemorySettings(),
      tasks: new MemoryTasks(),
      sim: new MemorySim(),
      diffFlows: () => Promise.resolve([]),
      templates: () => Promise.resolve([]),
      openTemplate: () => Promise.reject(new Error("engine unavailable")),
    };
    await renderApp(broken);
    expect((await screen.findByTestId("load-error")).textContent).toContain("engine unavailable");
  });
});

describe("settings", () => {
  it("starts in the theme and language the backend kept, and keeps each new choice with the other", async () => {
    const settings = new MemorySettings({ theme: "dark", language: "zh" });
    const backend = new MemoryBackend({ settings });
    await act(async () => {
      render(<App backend={backend} initialLang="en" settings={await settings.load()} />);
    });
    await screen.findByTestId("node-start");
    expect(document.documentElement.lang).toBe("zh-CN");
    expect(document.documentElement.dataset.theme).toBe("dark");
    await act(async () => {
      fireEvent.click(screen.getByTestId("lang-en"));
    });
    expect(document.documentElement.lang).toBe("en");
    expect(settings.saved.at(-1)).toEqual({ theme: "dark", language: "en" });
    await act(async () => {
      fireEvent.click(screen.getByTestId("theme-light"));
    });
    expect(document.documentElement.dataset.theme).toBe("light");
    expect(settings.saved.at(-1)).toEqual({ theme: "light", language: "en" });
    expect(await settings.load()).toEqual({ theme: "light", language: "en" });
  });
});

describe("chooseBackend", () => {
  it("uses Tauri inside the webview and memory elsewhere", () => {
    expect(inTauri({ __TAURI_INTERNALS__: {} })).toBe(true);
    expect(chooseBackend({ __TAURI_INTERNALS__: {} }).kind).toBe("tauri");
    expect(chooseBackend({}).kind).toBe("memory");
  });
});
