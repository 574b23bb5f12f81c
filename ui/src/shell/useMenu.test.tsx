import { describe, expect, it, vi } from "vitest";
import { act, render } from "@testing-library/react";
import { MemoryMenu } from "../backend/menu";
import { pressToolbar, shortcutItems, useMenu, type MenuHandlers } from "./useMenu";

function Host({ menu, handlers }: { menu: MemoryMenu; handlers: MenuHandlers }) {
  useMenu(menu, handlers);
  return <button type="button" data-testid="publish-button" onClick={handlers.clicked} />;
}

describe("the native menu", () => {
  it("runs a shortcut's own action for an item with the shortcut's id", () => {
    const undo = vi.fn();
    const save = vi.fn();
    const items = shortcutItems({ undo, save });
    items.undo?.();
    items.save?.();
    expect(undo).toHaveBeenCalledWith("Ctrl+Z", false);
    expect(save).toHaveBeenCalledWith("Ctrl+S", false);
    expect(items.redo).toBeUndefined();
  });

  it("hears the chosen item in this window and stops when unmounted", () => {
    const menu = new MemoryMenu();
    const zoomIn = vi.fn();
    const view = render(<Host menu={menu} handlers={{ zoomIn }} />);
    act(() => menu.choose("zoomIn"));
    act(() => menu.choose("unknown-item"));
    expect(zoomIn).toHaveBeenCalledTimes(1);
    view.unmount();
    act(() => menu.choose("zoomIn"));
    expect(zoomIn).toHaveBeenCalledTimes(1);
  });

  it("presses the toolbar's own button, and not a disabled one", () => {
    const clicked = vi.fn();
    const menu = new MemoryMenu();
    const view = render(<Host menu={menu} handlers={{ clicked }} />);
    pressToolbar("publish-button");
    expect(clicked).toHaveBeenCalledTimes(1);
    view.getByTestId("publish-button").setAttribute("disabled", "");
    pressToolbar("publish-button");
    expect(clicked).toHaveBeenCalledTimes(1);
  });
});
