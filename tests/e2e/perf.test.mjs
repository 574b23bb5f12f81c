// The editor's speed in the real app, under Xvfb in WebKitGTK: (1) the time
// to open a 1,000-block flow, from the open request to every block the canvas
// draws (those in view) rendered and measured (the file on the command line,
// cold, then reopened from the recent files, warm); (2) frame times while
// panning that flow with the mouse, in the editor and on a bare @xyflow/react
// page (ui/bare.html: the same blocks with the default node type and React
// Flow's defaults, so every block drawn; the same lines, canvas size and
// viewport) loaded into the same window, with the same pointer drags: at the
// view the flow opens at (100 %, at its start block; reported) and zoomed out
// to 20 % (the 1.3x target, asserted). Prints `# perf:` lines;
// docs/performance.md keeps the figures.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ARTIFACTS, TIMEOUT, screenshotDisplay, startApp } from "./harness.mjs";
import { writeLargeFlow } from "./synth.mjs";

const WORK = mkdtempSync(path.join(tmpdir(), "ivr-e2e-perf-"));
const FILE = path.join(WORK, "large.ivr.json");
const BLOCKS = 1000;
/**
 * Issue 4's targets, asserted: an open under 1.5 s (cold and warm) and panning
 * within 1.3x of the bare page (median frame). Since the canvas draws only the
 * blocks in view of a large flow (Canvas's CULL_FROM), the 2-core machine
 * measures about 0.6 s cold, 0.3 s warm and 1.0x (docs/performance.md); the
 * env variables loosen or tighten the bounds for another machine.
 */
const OPEN_TARGET_MS = 1500;
const OPEN_LIMIT_MS = Number(process.env.PERF_OPEN_LIMIT_MS ?? OPEN_TARGET_MS);
const WARM_LIMIT_MS = Number(process.env.PERF_WARM_LIMIT_MS ?? OPEN_TARGET_MS);
const RATIO_LIMIT = Number(process.env.PERF_RATIO_LIMIT ?? 1.3);
const PASSES = 3;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const p95 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))];
};
const ms = (x) => `${x.toFixed(1)} ms`;

/** Starts recording requestAnimationFrame deltas in the page. */
function startProbe(browser) {
  return browser.execute(() => {
    const probe = { deltas: [], running: true, last: 0 };
    window.__frameProbe = probe;
    const tick = (t) => {
      if (!probe.running) return;
      if (probe.last > 0) probe.deltas.push(t - probe.last);
      probe.last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Stops the probe; answers the deltas. */
function stopProbe(browser) {
  return browser.execute(() => {
    const probe = window.__frameProbe;
    probe.running = false;
    return probe.deltas;
  });
}

/**
 * Pans by dragging the pane from viewport point `at`: down, then a zigzag of
 * small moves (right and down, then back), one per 16 ms, then up.
 */
async function pan(browser, at) {
  const actions = [
    { type: "pointerMove", duration: 0, x: at.x, y: at.y, origin: "viewport" },
    { type: "pointerDown", button: 0 },
  ];
  let { x, y } = at;
  const step = (dx, dy) => {
    x += dx;
    y += dy;
    actions.push({ type: "pointerMove", duration: 16, x: Math.round(x), y: Math.round(y), origin: "viewport" });
  };
  for (let i = 0; i < 60; i++) step(3, 4);
  for (let i = 0; i < 60; i++) step(-3, -4);
  for (let i = 0; i < 60; i++) step(4, -4);
  for (let i = 0; i < 60; i++) step(-4, 4);
  actions.push({ type: "pointerUp", button: 0 });
  try {
    await browser.performActions([{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions }]);
  } catch (error) {
    // WebKitWebDriver now and then answers an action with "unknown error": once more.
    console.log(`# pointer action failed, once more: ${error.message}`);
    await browser.releaseActions().catch(() => {});
    await browser.pause(300);
    await browser.performActions([{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions }]);
  }
  await browser.releaseActions();
}

/** Frame deltas over PASSES pans from `at` (which must be on the empty pane). */
async function probePans(browser, at, label) {
  const hit = await browser.execute((p) => document.elementFromPoint(p.x, p.y)?.className ?? "", at);
  assert.match(String(hit), /react-flow__pane/, `${label}: the drag starts on the empty pane`);
  const before = await browser.execute(() => document.querySelector(".react-flow__viewport").style.transform);
  const all = [];
  for (let i = 0; i < PASSES; i++) {
    await startProbe(browser);
    const t0 = Date.now();
    await pan(browser, at);
    const deltas = await stopProbe(browser);
    all.push(...deltas);
    console.log(
      `# perf: ${label} pass ${i + 1}: ${deltas.length} frames in ${Date.now() - t0} ms, median ${ms(median(deltas))}, p95 ${ms(p95(deltas))}`,
    );
  }
  const moved = await browser.execute(() => document.querySelector(".react-flow__viewport").style.transform);
  if (moved !== before) console.log(`# perf: ${label}: the view did not come back (${before} -> ${moved})`);
  return all;
}

describe("performance with a 1,000-block flow", () => {
  let app;
  const figures = {};
  const shot = async (name) => {
    await app.browser.saveScreenshot(path.join(ARTIFACTS, `perf-${name}.png`));
    screenshotDisplay(path.join(ARTIFACTS, `perf-${name}-window.png`));
  };
  const timings = () => app.browser.execute(() => window.__ivrOpenTimings ?? []);
  const waitTimings = (n, what) =>
    app.browser.waitUntil(async () => (await timings()).length >= n, {
      timeout: 60_000,
      interval: 50,
      timeoutMsg: `${what}: the flow was not drawn`,
    });

  let doc;
  before(() => {
    doc = writeLargeFlow(FILE, BLOCKS);
  });
  after(async () => {
    if (process.exitCode && app) console.log(app.log.join(""));
    await app?.stop();
    console.log(`# perf: summary ${JSON.stringify(figures)}`);
  });

  it("opens a 1,000-block flow in under 1.5 s, cold and warm", async () => {
    const launched = Date.now();
    app = await startApp({ args: [FILE] });
    await waitTimings(1, "command-line file");
    const [cold] = await timings();
    const origin = await app.browser.execute(() => performance.timeOrigin);
    assert.equal(cold.nodes, BLOCKS);
    console.log(`# perf: open ${BLOCKS} blocks (command line, cold): ${cold.ms} ms`);
    console.log(
      `# perf: from launching the app (tauri-driver + WebDriver session) to the flow drawn: ${Math.round(origin + cold.at - launched)} ms; page start to drawn ${cold.at} ms`,
    );
    // A flow this large is drawn as far as it is in view (Canvas's CULL_FROM).
    const drawn = await app.browser.execute(() => document.querySelectorAll(".react-flow__node").length);
    assert.ok(cold.drawn > 0 && cold.drawn < BLOCKS, `only the blocks in view are drawn (${cold.drawn} of ${BLOCKS})`);
    assert.equal(drawn, cold.drawn, "the blocks drawn are those the open timing saw");
    console.log(`# perf: blocks drawn at open (those in view): ${cold.drawn} of ${BLOCKS}`);
    // A line to a block out of view is still drawn (the blocks' computed handles place its end).
    const reaching = await app.browser.execute((edges) => {
      const drawnIds = new Set([...document.querySelectorAll(".react-flow__node")].map((n) => n.dataset.id));
      const lines = new Set([...document.querySelectorAll(".react-flow__edge")].map((e) => e.dataset.id));
      return edges.filter((e) => lines.has(e.id) && (!drawnIds.has(e.from.node) || !drawnIds.has(e.to))).length;
    }, doc.edges);
    assert.ok(reaching > 0, "the lines to blocks out of view are drawn");
    console.log(`# perf: lines drawn to or from blocks out of view: ${reaching}`);
    await shot("1-opened");

    // Warm: a new flow, then the same file again from the recent files, three times.
    const warm = [];
    for (let i = 0; i < 3; i++) {
      await app.browser.$('[data-testid="file-new"]').click();
      await app.browser.waitUntil(
        async () => (await app.browser.execute(() => document.querySelectorAll(".react-flow__node").length)) < 10,
        { timeout: TIMEOUT, timeoutMsg: "the new flow did not replace the large one" },
      );
      await app.browser.$('[data-testid="file-recent"]').click();
      await app.browser.$('[data-testid="recent-0"]').click();
      await waitTimings(2 + i, "recent file");
      warm.push((await timings())[1 + i].ms);
    }
    // Where an open's time goes: ms from the request to the file read and parsed, the canvas's first
    // render of it, every block measured (lines not yet drawn), and the drawing's next frame.
    for (const [i, t] of (await timings()).entries()) {
      console.log(
        `# perf: open ${i === 0 ? "cold" : `warm ${i}`} phases: read ${t.opened}, first render ${t.firstRender}, measured ${t.measured}, drawn ${t.ms} ms`,
      );
    }
    console.log(`# perf: open ${BLOCKS} blocks (recent file, warm): ${warm.join(", ")} ms`);
    console.log(`# perf: cold open ${cold.ms <= OPEN_TARGET_MS ? "meets" : "misses"} the ${OPEN_TARGET_MS} ms target`);
    figures.openCold = cold.ms;
    figures.openWarm = median(warm);
    assert.ok(cold.ms < OPEN_LIMIT_MS, `the cold open took ${cold.ms} ms (limit ${OPEN_LIMIT_MS})`);
    assert.ok(median(warm) < WARM_LIMIT_MS, `the warm open took ${median(warm)} ms (limit ${WARM_LIMIT_MS})`);
  });

  it("pans within 1.3x of a bare React Flow page's frame time", async () => {
    const { browser } = app;
    await browser.pause(1000); // Validation and autosave after the open have settled.
    const canvas = await browser.execute(() => {
      const r = document.querySelector(".react-flow").getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    });
    const viewport = () =>
      browser.execute(() => {
        const m = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)\s*scale\(([\d.]+)\)/.exec(
          document.querySelector(".react-flow__viewport").style.transform,
        );
        return { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) };
      });
    // The drag starts near the canvas's left edge, level with its middle: the pane (left of the flow's column).
    const offset = { x: 30, y: Math.round(canvas.h / 2) };
    const at = { x: Math.round(canvas.x) + offset.x, y: Math.round(canvas.y) + offset.y };
    // (a) As opened: too large to read whole, the flow opens at 100 % at its start block (issue 19). Measured
    // and reported, not asserted: at 100 % the editor paints what it leaves out below 50 % (the cards'
    // shadows, the dot grid) and its lines are 1.6 px wide, the bare page's 1 px (docs/performance.md).
    const firstView = await viewport();
    figures.firstView = firstView;
    const oursFirst = await probePans(browser, at, "editor at its first view");
    await shot("2-editor-panned-first-view");
    // (b) Zoomed out to 20 % (the least zoom this flow opened at until issue 19, the view the 1.3x target
    // was set for): the zoom-out button, around the canvas's middle, until the zoom is 0.2 or less.
    for (let i = 0; i < 12 && (await viewport()).zoom > 0.2; i++) {
      await browser.$(".react-flow__controls-zoomout").click();
      await browser.pause(150);
    }
    await browser.pause(1000);
    const farView = await viewport();
    figures.farView = farView;
    figures.farDrawn = await browser.execute(() => document.querySelectorAll(".react-flow__node").length);
    console.log(`# perf: zoomed out to ${farView.zoom.toFixed(3)}: ${figures.farDrawn} blocks drawn`);
    const ours = await probePans(browser, at, "editor");
    await shot("2-editor-panned");
    // Where the editor's time goes: the same pans without the minimap. (Hiding the exits' handles too made
    // React Flow measure every block again and WebKitWebDriver time out.)
    // CSSOM rules (the CSP forbids inline <style> elements, not insertRule).
    const addRule = (rule) =>
      browser.execute((r) => {
        const sheet = document.styleSheets[document.styleSheets.length - 1];
        sheet.insertRule(r, sheet.cssRules.length);
      }, rule);
    await addRule(".react-flow__minimap { display: none }");
    figures.editorNoMinimap = median(await probePans(browser, at, "editor without minimap"));
    await browser.execute(() => {
      const sheet = document.styleSheets[document.styleSheets.length - 1];
      sheet.deleteRule(sheet.cssRules.length - 1);
    });

    // The same blocks on the bare page, in a canvas of the same size with the same viewport.
    // The bare page draws every block (React Flow's defaults): positions from the file, about as many
    // elements as the editor's blocks (a title, a summary, a row per exit); the editor's viewport.
    const blocks = doc.nodes.map((n) => ({
      id: n.id,
      x: n.position.x,
      y: n.position.y,
      title: n.label || n.block,
      summary: String(Object.values(n.params)[0] ?? "").slice(0, 60),
      ports: [...new Set(doc.edges.filter((e) => e.from.node === n.id).map((e) => e.from.port))],
    }));
    const lines = doc.edges.map((e) => ({ id: e.id, source: e.from.node, target: e.to }));
    /** The bare page, freshly loaded, showing the flow at `view`; answers its pan frame deltas. */
    const bareAt = async (view, label) => {
      await browser.execute(() => location.assign("/bare.html"));
      await browser.$('[data-testid="bare-ready"]').waitForExist({ timeout: TIMEOUT });
      await browser.execute(
        (input) => window.__bareShow(input),
        { blocks, lines, width: canvas.w, height: canvas.h, viewport: view },
      );
      await browser.waitUntil(
        async () =>
          (await browser.execute(
            () =>
              [...document.querySelectorAll(".react-flow__node")].filter((n) => n.style.visibility !== "hidden").length,
          )) === BLOCKS,
        { timeout: 60_000, timeoutMsg: "the bare page did not draw the blocks" },
      );
      assert.equal(await browser.execute(() => document.querySelectorAll(".react-flow__edge").length), lines.length);
      // For reference: the bare page's time to draw the same blocks and lines (measured as the editor's open is).
      await browser.waitUntil(async () => browser.execute(() => typeof window.__bareDrawnMs === "number"), {
        timeout: TIMEOUT,
        timeoutMsg: "the bare page did not time its drawing",
      });
      const drawn = await browser.execute(() => window.__bareDrawnMs);
      await browser.pause(1000);
      const bareRect = await browser.execute(() => {
        const r = document.querySelector(".react-flow").getBoundingClientRect();
        return { x: r.x, y: r.y };
      });
      const deltas = await probePans(
        browser,
        { x: Math.round(bareRect.x) + offset.x, y: Math.round(bareRect.y) + offset.y },
        label,
      );
      return { drawn, deltas };
    };
    const bareFar = await bareAt(farView, "bare React Flow");
    figures.bareDrawn = bareFar.drawn;
    console.log(`# perf: the bare page draws the same ${BLOCKS} blocks and ${lines.length} lines in ${figures.bareDrawn} ms`);
    const bare = bareFar.deltas;
    await shot("3-bare-panned");
    const bareFirst = (await bareAt(firstView, "bare React Flow at the editor's first view")).deltas;
    figures.firstViewEditorMedian = median(oursFirst);
    figures.firstViewBareMedian = median(bareFirst);
    figures.firstViewRatioMedian = figures.firstViewEditorMedian / figures.firstViewBareMedian;
    console.log(
      `# perf: pan frame time at the first view (zoom ${firstView.zoom}): editor median ${ms(figures.firstViewEditorMedian)}, p95 ${ms(p95(oursFirst))}; bare median ${ms(figures.firstViewBareMedian)}, p95 ${ms(p95(bareFirst))}; ratio ${figures.firstViewRatioMedian.toFixed(2)}x (reported, not asserted)`,
    );

    figures.editorMedian = median(ours);
    figures.editorP95 = p95(ours);
    figures.bareMedian = median(bare);
    figures.bareP95 = p95(bare);
    figures.ratioMedian = figures.editorMedian / figures.bareMedian;
    figures.ratioP95 = figures.editorP95 / figures.bareP95;
    console.log(`# perf: pan frame time, editor: median ${ms(figures.editorMedian)}, p95 ${ms(figures.editorP95)} (${ours.length} frames)`);
    console.log(`# perf: pan frame time, bare React Flow: median ${ms(figures.bareMedian)}, p95 ${ms(figures.bareP95)} (${bare.length} frames)`);
    console.log(`# perf: ratio editor / bare: median ${figures.ratioMedian.toFixed(2)}x, p95 ${figures.ratioP95.toFixed(2)}x`);
    assert.ok(figures.ratioMedian <= RATIO_LIMIT, `median frame time ratio ${figures.ratioMedian.toFixed(2)} > ${RATIO_LIMIT}`);
  });
});
