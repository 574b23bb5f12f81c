// Start-up time of the release app on the starter flow (docs/performance.md,
// "Release size"): from launching the app through tauri-driver to the page's
// navigation start, its first contentful paint, and the starter flow's three
// blocks drawn. Several launches; the figures are printed as "# startup:"
// lines. To compare two builds, run it once per binary (IVR_STUDIO_BIN),
// alternating: the driver's own start is in every figure, alike for both.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { BIN, startApp } from "./harness.mjs";

const RUNS = Number(process.env.STARTUP_RUNS ?? 3);

describe("start-up", () => {
  const figures = [];
  after(() => {
    const median = (k) => {
      const v = figures.map((f) => f[k]).sort((a, b) => a - b);
      return v[Math.floor(v.length / 2)];
    };
    console.log(
      `# startup: ${BIN} median of ${figures.length}: navigation ${median("navigation")} ms, first paint ${median("paint")} ms, starter flow drawn ${median("drawn")} ms`,
    );
  });

  it("draws the starter flow after each launch", async () => {
    for (let i = 0; i < RUNS; i++) {
      const launched = Date.now();
      const app = await startApp();
      try {
        await app.browser.waitUntil(
          async () => (await app.browser.execute(() => document.querySelectorAll(".react-flow__node").length)) === 3,
          { timeout: 30_000, interval: 10, timeoutMsg: "the starter flow was not drawn" },
        );
        const drawn = Date.now();
        const page = await app.browser.execute(() => ({
          origin: performance.timeOrigin,
          paint: performance.getEntriesByType("paint").find((p) => p.name === "first-contentful-paint")?.startTime ?? null,
        }));
        const f = {
          navigation: Math.round(page.origin - launched),
          paint: page.paint === null ? null : Math.round(page.origin + page.paint - launched),
          drawn: drawn - launched,
        };
        assert.ok(f.drawn > 0);
        figures.push(f);
        console.log(`# startup: run ${i + 1}: ${JSON.stringify(f)}`);
      } finally {
        await app.stop();
      }
    }
  });
});
