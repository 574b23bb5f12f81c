/** The minimap's geometry: the blocks' bounds, the view's flow area, the frame's fit. */

import { describe, expect, it } from "vitest";
import type { Node } from "@xyflow/react";
import { HEIGHT, MIN_VIEW_PX, WIDTH, fit, nodesBox, viewBox, viewRect } from "./CanvasMiniMap";

const node = (x: number, y: number, w?: number, h?: number): Node => ({
  id: `${x},${y}`,
  position: { x, y },
  data: {},
  measured: w === undefined ? undefined : { width: w, height: h },
});

describe("CanvasMiniMap geometry", () => {
  it("bounds the blocks, with estimated sizes for unmeasured ones", () => {
    expect(nodesBox([])).toBeUndefined();
    expect(nodesBox([node(0, 0, 100, 50), node(300, -20, 10, 10)])).toEqual({ x: 0, y: -20, x2: 310, y2: 50 });
    expect(nodesBox([node(10, 10)])).toEqual({ x: 10, y: 10, x2: 250, y2: 110 });
  });

  it("answers the flow area a transform shows", () => {
    expect(viewBox([100, 50, 2], 800, 600)).toEqual({ x: -50, y: -25, x2: 350, y2: 275 });
  });

  it("fits and centres the frame in the minimap", () => {
    const f = fit({ x: 0, y: 0, x2: 1400, y2: 100 });
    // Wide: the width sets the scale (5 px padding each side).
    expect(f.scale).toBeCloseTo(1400 / (WIDTH - 10));
    expect(f.x).toBeCloseTo(-5 * f.scale);
    // Centred vertically.
    expect(f.y + (HEIGHT * f.scale) / 2).toBeCloseTo(50);
  });

  it("places the view's rectangle where the view is, at least a few pixels each way", () => {
    // A view of 20 x 10 minimap pixels is drawn as it is.
    const frame = { scale: 10, x: -50, y: -50 };
    expect(viewRect({ x: 0, y: 0, x2: 200, y2: 100 }, frame)).toEqual({ left: 5, top: 5, width: 20, height: 10 });
    // A 3,000-block chain, 120,000 units tall: the 630-unit-tall view is half a pixel, drawn as
    // MIN_VIEW_PX around its centre.
    const tall = fit({ x: 0, y: 0, x2: 1740, y2: 119_740 });
    const r = viewRect({ x: 0, y: 60_000, x2: 1000, y2: 60_630 }, tall);
    expect(r.height).toBe(MIN_VIEW_PX);
    expect(r.width).toBe(MIN_VIEW_PX);
    const centre = (60_315 - tall.y) / tall.scale;
    expect(r.top + r.height / 2).toBeCloseTo(centre);
    expect(r.top).toBeGreaterThan(0);
    expect(r.top + r.height).toBeLessThan(HEIGHT);
  });
});
