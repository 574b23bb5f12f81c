import { describe, expect, it } from "vitest";
import {
  CANVAS_INSETS,
  FIT_MAX_ZOOM,
  MIN_ZOOM,
  READABLE_ZOOM,
  type Rect,
  type Viewport,
  boundsOfRects,
  fitView,
  leastZoom,
  openingView,
  startBlock,
  visibleArea,
} from "./firstView";

/** The canvas in the app's 1,360 x 850 window: between the palette (212) and the inspector (264), under the toolbar. */
const CANVAS = { width: 1360 - 212 - 264, height: 850 - 48 - 148 };
const AREA = visibleArea(CANVAS.width, CANVAS.height);
const BLOCK = { width: 240, height: 120 };

/** Where flow rectangle `r` lands on screen under `v`. */
const onScreen = (r: Rect, v: Viewport): Rect => ({
  x: r.x * v.zoom + v.x,
  y: r.y * v.zoom + v.y,
  width: r.width * v.zoom,
  height: r.height * v.zoom,
});
/** Whether `inner` lies within `outer` (to a hundredth of a pixel). */
const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x - 0.01 &&
  inner.y >= outer.y - 0.01 &&
  inner.x + inner.width <= outer.x + outer.width + 0.01 &&
  inner.y + inner.height <= outer.y + outer.height + 0.01;

/** A grid of `cols` x `rows` blocks 300 x 200 apart, the start at column `sc`, row `sr`. */
function grid(cols: number, rows: number, sc = 0, sr = 0) {
  const blocks: (Rect & { start: boolean })[] = [];
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) blocks.push({ x: c * 300, y: r * 200, ...BLOCK, start: c === sc && r === sr });
  }
  return { blocks, bounds: boundsOfRects(blocks)!, start: startBlock(blocks)! };
}

describe("the visible canvas", () => {
  it("is the canvas less the notices across its top and the zoom buttons at its left", () => {
    expect(AREA).toEqual({
      x: CANVAS_INSETS.left,
      y: CANVAS_INSETS.top,
      width: CANVAS.width - CANVAS_INSETS.left - CANVAS_INSETS.right,
      height: CANVAS.height - CANVAS_INSETS.top - CANVAS_INSETS.bottom,
    });
  });
});

describe("the first view of a document", () => {
  it("fits a flow that can be read whole: centred in the visible canvas, at 50 % or more", () => {
    const { bounds, start } = grid(4, 3);
    const v = openingView(bounds, start, AREA);
    expect(v.mode).toBe("fit");
    expect(v.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    expect(v.zoom).toBeLessThanOrEqual(FIT_MAX_ZOOM);
    const shown = onScreen(bounds, v);
    expect(inside(shown, AREA)).toBe(true);
    // Centred: as much room on the left as on the right, above as below.
    expect(shown.x - AREA.x).toBeCloseTo(AREA.x + AREA.width - (shown.x + shown.width));
    expect(shown.y - AREA.y).toBeCloseTo(AREA.y + AREA.height - (shown.y + shown.height));
  });

  it("does not blow a small flow up past 110 %", () => {
    const { bounds, start } = grid(1, 1);
    const v = openingView(bounds, start, AREA);
    expect(v).toMatchObject({ mode: "fit", zoom: FIT_MAX_ZOOM });
  });

  it("fits a flow that fits at exactly 50 %; one a little larger opens at its start at 100 %", () => {
    // Exactly 50 %: the flow is twice the visible canvas less its padding, in width.
    const width = (AREA.width * (1 - 0.12)) / READABLE_ZOOM;
    const at = (w: number) => openingView({ x: 0, y: 0, width: w, height: 100 }, { x: 0, y: 0, ...BLOCK }, AREA);
    expect(at(width)).toMatchObject({ mode: "fit" });
    expect(at(width).zoom).toBeCloseTo(READABLE_ZOOM);
    expect(at(width + 10)).toMatchObject({ mode: "start", zoom: 1 });
  });

  it("opens a flow too large to read whole at its start block, at 100 %, in the visible canvas's top-left corner", () => {
    const { bounds, start } = grid(12, 8);
    const v = openingView(bounds, start, AREA);
    expect(v.mode).toBe("start");
    expect(v.zoom).toBe(1);
    const s = onScreen(start, v);
    expect(s.x).toBeCloseTo(AREA.x);
    expect(s.y).toBeCloseTo(AREA.y);
  });

  it("shows the flow to the start's left and above it too, the start never further in than the middle", () => {
    // The start 150 px in and 100 px down from the flow's corner: that corner shows at the visible corner.
    const blocks = [...grid(12, 8).blocks, { x: 150, y: 100, ...BLOCK, start: false }].map((b) => ({
      ...b,
      start: b.x === 150,
    }));
    const near = { bounds: boundsOfRects(blocks)!, start: startBlock(blocks)! };
    expect(near.start.x).toBe(150);
    const v1 = openingView(near.bounds, near.start, AREA);
    expect(onScreen(near.bounds, v1).x).toBeCloseTo(AREA.x);
    expect(onScreen(near.bounds, v1).y).toBeCloseTo(AREA.y);
    expect(inside(onScreen(near.start, v1), AREA)).toBe(true);
    // The start in the middle of a huge flow: centred in the visible canvas, not pushed off it.
    const far = grid(20, 20, 10, 10);
    const v2 = openingView(far.bounds, far.start, AREA);
    const s = onScreen(far.start, v2);
    expect(s.x + s.width / 2).toBeCloseTo(AREA.x + AREA.width / 2);
    expect(s.y + s.height / 2).toBeCloseTo(AREA.y + AREA.height / 2);
  });

  it("never puts the start block outside the visible canvas (under the palette, the inspector, the toolbar or a notice)", () => {
    // Flows of every shape and size with the start anywhere, in canvases of several sizes.
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (const canvas of [CANVAS, { width: 600, height: 420 }, { width: 1900, height: 1000 }]) {
      const area = visibleArea(canvas.width, canvas.height);
      expect(inside(area, { x: 0, y: 0, ...canvas })).toBe(true);
      for (let i = 0; i < 200; i++) {
        const blocks = Array.from({ length: 2 + Math.floor(random() * 80) }, (_, k) => ({
          x: Math.round((random() - 0.3) * 12000),
          y: Math.round((random() - 0.3) * 8000),
          ...BLOCK,
          start: k === 0,
        }));
        const bounds = boundsOfRects(blocks)!;
        const start = startBlock(blocks)!;
        const v = openingView(bounds, start, area);
        expect(inside(onScreen(start, v), area), `flow ${i} in ${canvas.width} x ${canvas.height}`).toBe(true);
        if (v.mode === "start") expect(v.zoom).toBe(1);
        else expect(v.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
      }
    }
  });

  it("fits a flow with no block (notes only) whatever the zoom", () => {
    const v = openingView({ x: 0, y: 0, width: 20000, height: 300 }, undefined, AREA);
    expect(v.mode).toBe("fit");
    expect(v.zoom).toBeLessThan(READABLE_ZOOM);
  });
});

describe("the block a large flow opens at", () => {
  it("is the start block, wherever it is", () => {
    const blocks = [
      { x: 0, y: 0, ...BLOCK, start: false },
      { x: 900, y: 400, ...BLOCK, start: true },
    ];
    expect(startBlock(blocks)).toBe(blocks[1]);
  });

  it("is the block nearest the top-left corner when there is no start block", () => {
    const blocks = [
      { x: 600, y: 0, ...BLOCK, start: false },
      { x: 100, y: 200, ...BLOCK, start: false },
      { x: 0, y: 900, ...BLOCK, start: false },
    ];
    expect(startBlock(blocks)).toBe(blocks[1]);
    expect(startBlock([])).toBeUndefined();
  });
});

describe("Fit view", () => {
  it("shows the whole flow, however small that makes it (below the canvas's usual least zoom)", () => {
    const { bounds } = grid(200, 60);
    const v = fitView(bounds, AREA);
    expect(v.zoom).toBeLessThan(MIN_ZOOM);
    expect(inside(onScreen(bounds, v), AREA)).toBe(true);
    // And the canvas lets the view zoom out that far.
    expect(leastZoom(bounds, AREA)).toBeLessThanOrEqual(v.zoom);
  });

  it("leaves the least zoom at 20 % for a flow that fits at it", () => {
    expect(leastZoom(grid(4, 4).bounds, AREA)).toBe(MIN_ZOOM);
    expect(leastZoom(undefined, AREA)).toBe(MIN_ZOOM);
  });
});
