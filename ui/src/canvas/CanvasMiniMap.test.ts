/** The minimap's geometry: the blocks' bounds, the view's flow area, the frame's fit. */

import { describe, expect, it } from "vitest";
import type { Node } from "@xyflow/react";
import { HEIGHT, WIDTH, fit, nodesBox, viewBox } from "./CanvasMiniMap";

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
});
