import { describe, expect, it } from "vitest";
import { MAX_PIXELS, pngScale } from "./png";

describe("the PNG of a picture", () => {
  it("is drawn at twice the picture's size, less for a flow too large for the canvas", () => {
    expect(pngScale(1200, 800)).toBe(2);
    const huge = pngScale(20_000, 9_000);
    expect(huge).toBeLessThan(1);
    expect(20_000 * huge * 9_000 * huge).toBeLessThanOrEqual(MAX_PIXELS + 1);
    expect(pngScale(0, 100)).toBe(1);
  });
});
