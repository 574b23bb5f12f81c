import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, screen } from "@testing-library/react";
import { MemoryBackend } from "../backend";
import fixture from "../backend/fixture.json";
import type { Flow } from "../model";
import { renderApp } from "../test-app";
import { mockReactFlow } from "../test-setup";

beforeAll(mockReactFlow);
afterEach(cleanup);

/** Two templates as Rust would list them: the real ones are read and drawn by Rust (src-tauri/src/templates.rs). */
function gallery() {
  const starter = structuredClone(fixture.starter_flow as Flow);
  const menu: Flow = { ...structuredClone(starter), name: "Main menu" };
  const card = (id: string, en: string, zh: string, flow: Flow) => ({
    card: {
      template: {
        id,
        file: `${id}.ivr.json`,
        name: { en, zh },
        description: { en: `${en}, described`, zh: `${zh}说明` },
        providers: ["connect" as const, "aliyun" as const],
      },
      picture: `<svg xmlns="http://www.w3.org/2000/svg"><text>${en}</text></svg>`,
      blocks: flow.nodes.length,
    },
    flow,
  });
  return [card("main-menu", "Main menu with queues", "主菜单与队列", menu), card("survey", "Satisfaction survey", "满意度调查", starter)];
}

describe("New from template", () => {
  it("lists the templates with picture, providers and size, and opens the chosen one as a new unsaved document", async () => {
    const backend = new MemoryBackend({ templates: gallery() });
    await renderApp(backend);
    await screen.findByTestId("node-welcome");
    await act(async () => {
      fireEvent.click(screen.getByTestId("file-template"));
    });
    const dialog = await screen.findByTestId("template-gallery");
    const first = await screen.findByTestId("template-main-menu");
    expect(first.getAttribute("aria-selected")).toBe("true");
    expect(first.textContent).toContain("Main menu with queues");
    expect(first.textContent).toContain("Amazon Connect");
    expect(first.textContent).toContain("3 blocks");
    expect(first.querySelector("img")?.getAttribute("src")).toMatch(/^data:image\/svg\+xml/);
    expect(dialog.querySelectorAll("[role=option]")).toHaveLength(2);
    await act(async () => {
      fireEvent.click(screen.getByTestId("template-create"));
    });
    expect(screen.queryByTestId("template-gallery")).toBeNull();
    expect((screen.getByTestId("flow-name") as HTMLInputElement).value).toBe("Main menu");
    expect(screen.getByTestId("dirty-marker").getAttribute("data-dirty")).toBe("false");
  });

  it("speaks Chinese, and the native menu's item opens the same gallery", async () => {
    const backend = new MemoryBackend({ templates: gallery() });
    await renderApp(backend, "zh");
    await screen.findByTestId("node-welcome");
    await act(async () => {
      backend.menu.choose("newFromTemplate");
    });
    const dialog = await screen.findByTestId("template-gallery");
    expect(dialog.getAttribute("aria-label")).toBe("从模板新建");
    expect((await screen.findByTestId("template-survey")).textContent).toContain("满意度调查");
    await act(async () => {
      fireEvent.doubleClick(screen.getByTestId("template-survey"));
    });
    expect(screen.queryByTestId("template-gallery")).toBeNull();
  });

  it("says so when no template is installed", async () => {
    await renderApp(new MemoryBackend());
    await screen.findByTestId("node-welcome");
    await act(async () => {
      fireEvent.click(screen.getByTestId("file-template"));
    });
    expect((await screen.findByTestId("template-gallery")).textContent).toContain("No templates are installed.");
  });
});
