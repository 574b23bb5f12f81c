import { describe, expect, it } from "vitest";
import fixture from "../backend/fixture.json";
import type { Catalog, Node } from "../model";
import { blockSpec } from "../flow";
import { BLOCK_WIDTH, PORT_ROW, blockGeometry } from "./blockGeometry";

const catalog = fixture.catalog as unknown as Catalog;
const node = (block: string, label = "", params: Record<string, unknown> = {}): Node => ({
  id: "n",
  block,
  label,
  position: { x: 0, y: 0 },
  params,
});
const of = (n: Node) => blockGeometry(blockSpec(catalog, n.block), n);

describe("block geometry", () => {
  it("sizes a block from its exits: one row each; a label's kind line makes the titles outgrow the icon", () => {
    const start = of(node("start"));
    expect(start.width).toBe(BLOCK_WIDTH);
    const menu = of(node("menu", "", { keys: ["1", "2", "3"] }));
    const menuPorts = menu.handles.filter((h) => h.type === "source").length;
    const startPorts = start.handles.filter((h) => h.type === "source").length;
    expect(menu.height - start.height).toBe((menuPorts - startPorts) * PORT_ROW);
    // Title 18 + kind 14 against the 26 px icon.
    expect(of(node("start", "Front door")).height - start.height).toBe(18 + 14 - 26);
    // A block with no exits has no exits list at all.
    expect(of(node("hang_up")).handles.map((h) => h.type)).toEqual(["target"]);
    expect(of(node("hang_up")).height).toBeLessThan(start.height - PORT_ROW);
  });

  it("puts the entry at the middle of the left edge and the exits down the right edge, in exit order", () => {
    const g = of(node("menu", "", { keys: ["1", "2"] }));
    const [entry, ...exits] = g.handles;
    expect(entry).toMatchObject({ type: "target", position: "left" });
    expect(entry!.x + entry!.width! / 2).toBe(1);
    expect(entry!.y + entry!.height! / 2).toBeCloseTo(3 + (g.height - 4) / 2);
    expect(exits.map((h) => h.id)).toEqual(["key:1", "key:2", "timeout", "no_match", "error"].slice(0, exits.length));
    for (const [i, h] of exits.entries()) {
      expect(h).toMatchObject({ type: "source", position: "right" });
      expect(h.x + h.width! / 2).toBe(BLOCK_WIDTH - 1);
      if (i > 0) expect(h.y - exits[i - 1]!.y).toBe(PORT_ROW);
    }
    expect(exits.at(-1)!.y + exits.at(-1)!.height! / 2).toBe(g.height - 1 - 4 - PORT_ROW / 2);
  });

  it("gives the start block no entry, and an unknown block neither exits nor a kind line", () => {
    expect(of(node("start")).handles.some((h) => h.type === "target")).toBe(false);
    const unknown = of(node("no_such_block", "Labelled"));
    expect(unknown.handles.map((h) => h.type)).toEqual(["target"]);
    expect(unknown.height).toBe(of(node("no_such_block")).height);
  });
});
