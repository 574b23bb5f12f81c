import { describe, expect, it } from "vitest";
import fixture from "../backend/fixture.json";
import type { Catalog, Flow } from "../model";
import { canvasOrder, searchBlocks, stepThrough } from "./search";

const catalog = fixture.catalog as Catalog;
const starter = fixture.starter_flow as Flow;
// start (40,120) -> welcome (400,120) -> hang_up (760,120), plus a labelled menu below welcome.
const flow: Flow = {
  ...starter,
  nodes: [
    ...starter.nodes,
    {
      id: "menu_1",
      block: "menu",
      label: "Main Menu",
      position: { x: 400, y: 300 },
      params: { keys: ["1", "2"], prompt: { en: "Press one for sales", zh: "销售请按一" } },
    },
  ],
};

describe("searchBlocks", () => {
  it("finds blocks by their label, case and spacing aside", () => {
    expect(searchBlocks(flow, catalog, "main  MENU")).toEqual(["menu_1"]);
  });
  it("finds blocks by the text in their settings, nested too", () => {
    expect(searchBlocks(flow, catalog, "our service")).toEqual(["welcome"]);
    expect(searchBlocks(flow, catalog, "sales")).toEqual(["menu_1"]);
    expect(searchBlocks(flow, catalog, "销售")).toEqual(["menu_1"]);
  });
  it("finds blocks by id and by their catalog name in either language", () => {
    expect(searchBlocks(flow, catalog, "hang_up")).toEqual(["hang_up"]);
    expect(searchBlocks(flow, catalog, "play prompt")).toEqual(["welcome"]);
    expect(searchBlocks(flow, catalog, "挂机")).toEqual(["hang_up"]);
  });
  it("answers in visiting order, and nothing for an empty query or no match", () => {
    // "a" is in every block: left to right, the menu under the welcome prompt.
    expect(searchBlocks(flow, catalog, "a")).toEqual(["start", "welcome", "menu_1", "hang_up"]);
    expect(searchBlocks(flow, catalog, "   ")).toEqual([]);
    expect(searchBlocks(flow, catalog, "zebra")).toEqual([]);
  });
  it("matches an unknown block by its type", () => {
    const odd: Flow = { ...flow, nodes: [{ id: "x", block: "mystery", label: "", position: { x: 0, y: 0 }, params: {} }] };
    expect(searchBlocks(odd, catalog, "myster")).toEqual(["x"]);
  });
});

describe("canvasOrder and stepThrough", () => {
  it("orders left to right, then top to bottom", () => {
    expect(canvasOrder(flow.nodes).map((n) => n.id)).toEqual(["start", "welcome", "menu_1", "hang_up"]);
  });
  it("steps forward and back, wrapping, from the current or from the ends", () => {
    const ids = ["a", "b", "c"];
    expect(stepThrough(ids, "a", 1)).toBe("b");
    expect(stepThrough(ids, "c", 1)).toBe("a");
    expect(stepThrough(ids, "a", -1)).toBe("c");
    expect(stepThrough(ids, undefined, 1)).toBe("a");
    expect(stepThrough(ids, "zz", -1)).toBe("c");
    expect(stepThrough([], "a", 1)).toBeUndefined();
  });
});
