// Issue 19 in the real app, under Xvfb in WebKitGTK: flows with many
// problems, and wide flows whose lines reach under the palette at the least
// zoom, open as fast and as small as any. (1) A 1,000-block flow with about
// 2,000 problems (its exits left unwired), from the command line: its blocks
// drawn within 1.5 s of the window's load, its problems shown, the web
// process under 1 GB; then five blocks are selected in turn and the
// inspector shows each within 50 ms of the click (the median). (2) A wide
// 95-block flow, laid out as an Amazon Connect export is, with problems: it
// opened in about 60 s with 21 GB in the web process while the panels painted
// below the canvas (canvas/canvas.css); now it opens within 1.5 s and under 1 GB,
// and Auto-layout too stays under 1 GB. Prints `# problems perf:` lines;
// docs/performance.md keeps the figures.

import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ARTIFACTS, ROOT, TIMEOUT, startApp } from "./harness.mjs";
import { largeFlow } from "./synth.mjs";
import { RSS_LIMIT_MB, environVar, hasRenderNode, memoryMb, sampleRss, webProcess } from "./webprocess.mjs";

const WORK = mkdtempSync(path.join(tmpdir(), "ivr-e2e-problems-"));
/** Issue 19's budgets; the env variables loosen them for a slower machine. */
const DRAWN_LIMIT_MS = Number(process.env.PERF_PROBLEMS_DRAWN_MS ?? 1500);
const SELECT_LIMIT_MS = Number(process.env.PERF_SELECT_MS ?? 50);
/** Blocks selected one after another; their median time is asserted. */
const SELECTIONS = 5;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A flow like largeFlow(blocks) with only its chain and key 1 wired: every other exit is unwired, many blocks unreachable. */
function manyProblems(blocks) {
  const doc = largeFlow(blocks);
  doc.name = `Synthetic flow, ${blocks} blocks, exits unwired`;
  doc.edges = doc.edges.filter(
    (e) => (e.from.port === "next" && !e.from.node.startsWith("collect")) || e.from.port === "key:1",
  );
  return doc;
}

/**
 * 95 blocks laid out as wide as a Connect export (12 columns 880 px apart), so at the least zoom
 * the flow is wider than the canvas and its lines reach under the palette; its timeout exits unwired.
 */
function wideFlow() {
  const doc = largeFlow(95);
  doc.name = "Synthetic wide flow, 95 blocks";
  doc.nodes.forEach((n, i) => {
    n.position = { x: (i % 12) * 880, y: Math.floor(i / 12) * 370 };
  });
  doc.edges = doc.edges.filter((e) => e.from.port !== "timeout");
  return doc;
}

/**
 * Opens `doc` (a flow, or the path of a file) from the command line; answers
 * the app, the figures of its opening, and the web process.
 */
async function openAndMeasure(doc, name) {
  let file = doc;
  if (typeof doc !== "string") {
    file = path.join(WORK, `${name}.ivr.json`);
    writeFileSync(file, `${JSON.stringify(doc)}\n`);
  }
  const app = await startApp({ args: [file] });
  const web = webProcess(app.pid());
  assert.ok(web, "the web process is found");
  // With no GPU the app paints with Skia's CPU rasteriser (src-tauri/src/rendering.rs), unless the environment chose.
  const cpuPainting = environVar(web, "WEBKIT_SKIA_ENABLE_CPU_RENDERING");
  if (!hasRenderNode() && process.env.WEBKIT_SKIA_ENABLE_CPU_RENDERING === undefined) {
    assert.equal(cpuPainting, "1", "with no GPU, the web process paints on the CPU");
  }
  const rss = sampleRss(web);
  const browser = app.browser;
  // Drawn, and the first validation result of this flow shown (the starter flow has none).
  await browser.waitUntil(
    async () =>
      browser.execute(
        () =>
          (window.__ivrOpenTimings ?? []).length > 0 && (window.__ivrProblemTimings ?? []).some((t) => t.problems > 0),
      ),
    { timeout: 120_000, interval: 100, timeoutMsg: `${name}: the flow and its problems were not shown` },
  );
  await browser.pause(500);
  const figures = await browser.execute(() => {
    const open = window.__ivrOpenTimings[0];
    const shown = window.__ivrProblemTimings.find((t) => t.problems > 0);
    return {
      blocks: open.nodes,
      drawn: open.drawn,
      openMs: open.ms,
      drawnAt: open.at,
      // The open's stages, from its request: the document answered, first rendered, its drawn blocks measured.
      answeredMs: open.opened,
      firstRenderMs: open.firstRender,
      measuredMs: open.measured,
      problems: Number(document.querySelector('[data-testid="problems-count"]').textContent),
      problemsAt: shown.at,
      rows: document.querySelectorAll('[data-testid^="problem-item-"]').length,
      badges: document.querySelectorAll(".block-badge").length,
    };
  });
  figures.cpuPainting = cpuPainting ?? null;
  figures.rssMb = rss.stop();
  figures.peakMb = memoryMb(web, "VmHWM");
  console.log(`# problems perf: ${name}: ${JSON.stringify(figures)}`);
  return { app, web, figures };
}

describe("flows with many problems, and wide flows, in the real app (issue 19)", () => {
  const apps = [];
  const summary = {};
  after(async () => {
    if (process.exitCode) for (const app of apps) console.log(app.log.join(""));
    for (const app of apps) await app.stop();
    console.log(`# problems perf: summary ${JSON.stringify(summary)}`);
  });

  it("opens a 1,000-block flow with about 2,000 problems within 1.5 s of the window's load, under 1 GB; a selection shows in the inspector within 50 ms", async () => {
    const { app, web, figures } = await openAndMeasure(manyProblems(1000), "1000-blocks");
    apps.push(app);
    summary.many = figures;
    await app.browser.saveScreenshot(path.join(ARTIFACTS, "problems-perf-1-opened.png"));
    assert.equal(figures.blocks, 1000);
    assert.ok(figures.problems > 1500, `about 2,000 problems (${figures.problems})`);
    assert.ok(figures.rows < 60, `only the problem rows in view are drawn (${figures.rows})`);
    assert.ok(figures.badges > 0, "the blocks drawn show their problems");
    assert.ok(figures.drawnAt < DRAWN_LIMIT_MS, `blocks drawn ${figures.drawnAt} ms after the window's load (limit ${DRAWN_LIMIT_MS})`);
    assert.ok(figures.peakMb < RSS_LIMIT_MB, `web process peak ${figures.peakMb} MB (limit ${RSS_LIMIT_MB})`);

    // Select drawn blocks with problems, one after another: from the click to the inspector showing each.
    // The flow opens at its start block at 100 % (too large to read whole), about a dozen blocks in view:
    // zoomed out to 20 % first, as it opened before, so that some 80 blocks are drawn and each selection
    // draws as much as it did then.
    const browser = app.browser;
    const scale = () =>
      browser.execute(() => Number(/scale\(([\d.]+)\)/.exec(document.querySelector(".react-flow__viewport").style.transform)?.[1]));
    for (let i = 0; i < 12 && (await scale()) > 0.21; i++) {
      await browser.$(".react-flow__controls-zoomout").click();
      await browser.pause(150);
    }
    await browser.pause(500);
    figures.selectZoom = await scale();
    figures.selectDrawn = await browser.execute(() => document.querySelectorAll(".react-flow__node").length);
    console.log(`# problems perf: selections at zoom ${figures.selectZoom.toFixed(2)}, ${figures.selectDrawn} blocks drawn`);
    const ids = await browser.execute(() => {
      const pane = document.querySelector(".react-flow").getBoundingClientRect();
      return [...document.querySelectorAll(".react-flow__node .block-node.has-problems")]
        .map((el) => ({ id: el.closest(".react-flow__node").dataset.id, r: el.querySelector(".block-title").getBoundingClientRect() }))
        .filter(({ r }) => r.left > pane.left + 60 && r.right < pane.right - 180 && r.top > pane.top + 10 && r.bottom < pane.bottom - 120)
        .map(({ id }) => id);
    });
    assert.ok(ids.length >= SELECTIONS, `${SELECTIONS} blocks with problems in view (${ids.length})`);
    const shown = [];
    for (const id of ids.slice(0, SELECTIONS)) {
      await browser.execute((target) => {
        const s = (window.__selectTiming = { down: 0, click: 0, shown: 0, frame: 0 });
        document.addEventListener("pointerdown", () => (s.down = performance.now()), { capture: true, once: true });
        // React Flow selects a block on its click (the pointer going up over it).
        document.addEventListener("click", () => (s.click = performance.now()), { capture: true, once: true });
        const inspector = document.querySelector('[data-testid="inspector"]');
        const observer = new MutationObserver(() => {
          if (s.shown || !inspector.querySelector(`[data-testid="inspector-${target}"]`)) return;
          s.shown = performance.now();
          observer.disconnect();
          requestAnimationFrame(() => requestAnimationFrame(() => (s.frame = performance.now())));
        });
        observer.observe(inspector, { childList: true, subtree: true });
      }, id);
      await browser.$(`[data-testid="node-title-${id}"]`).click();
      await browser.waitUntil(async () => browser.execute(() => window.__selectTiming.frame > 0), {
        timeout: TIMEOUT,
        timeoutMsg: `the inspector did not show ${id}`,
      });
      const sel = await browser.execute(() => window.__selectTiming);
      shown.push(Math.round(sel.shown - sel.click));
      console.log(
        `# problems perf: select ${id}: inspector updated ${Math.round(sel.shown - sel.click)} ms after the click (${Math.round(sel.shown - sel.down)} ms after the pointer went down), the frame after it done ${Math.round(sel.frame - sel.click)} ms after the click`,
      );
      await browser.pause(300);
    }
    const shownMs = median(shown);
    summary.selectMs = shown;
    await browser.saveScreenshot(path.join(ARTIFACTS, "problems-perf-2-selected.png"));
    assert.ok(shownMs < SELECT_LIMIT_MS, `the inspector showed a block ${shownMs} ms after the click, median of ${shown.join(", ")} (limit ${SELECT_LIMIT_MS})`);
    assert.ok(memoryMb(web) < RSS_LIMIT_MB, "still under 1 GB");
    await app.stop();
  });

  it("opens the largest real corpus flow (RulesEngineQueue, a Connect export) within 1.5 s and under 1 GB", async () => {
    const file = path.join(ROOT, "tests/corpus/connect/aws-samples--amazon-connect-rules-engine/RulesEngineQueue.json");
    const { app, figures } = await openAndMeasure(file, "RulesEngineQueue");
    apps.push(app);
    summary.corpus = figures;
    assert.equal(figures.blocks, 95);
    assert.ok(figures.openMs < DRAWN_LIMIT_MS, `opened in ${figures.openMs} ms (limit ${DRAWN_LIMIT_MS})`);
    assert.ok(figures.peakMb < RSS_LIMIT_MB, `web process peak ${figures.peakMb} MB (limit ${RSS_LIMIT_MB})`);
    await app.stop();
  });

  it("opens a wide 95-block flow within 1.5 s and under 1 GB, and lays it out under 1 GB", async () => {
    const { app, web, figures } = await openAndMeasure(wideFlow(), "wide-95");
    apps.push(app);
    summary.wide = figures;
    await app.browser.saveScreenshot(path.join(ARTIFACTS, "problems-perf-3-wide.png"));
    assert.equal(figures.blocks, 95);
    assert.ok(figures.problems > 0, "the flow has problems");
    assert.ok(figures.openMs < DRAWN_LIMIT_MS, `opened in ${figures.openMs} ms (limit ${DRAWN_LIMIT_MS})`);
    assert.ok(figures.peakMb < RSS_LIMIT_MB, `web process peak ${figures.peakMb} MB (limit ${RSS_LIMIT_MB})`);

    // Auto-layout (13.6 GB in the issue): every block moves, and each line is drawn again.
    const rss = sampleRss(web);
    const t0 = Date.now();
    await app.browser.$('[data-testid="auto-layout"]').click();
    await app.browser.waitUntil(
      async () => (await app.browser.$('[data-testid="layout-bar"]').getAttribute("aria-busy")) !== "true" && (await app.browser.getTitle()).startsWith("•"),
      { timeout: 60_000, interval: 100, timeoutMsg: "the layout did not finish" },
    );
    await app.browser.pause(1000);
    const layoutMs = Date.now() - t0;
    const layoutMb = rss.stop();
    summary.layout = { ms: layoutMs, rssMb: layoutMb, peakMb: memoryMb(web, "VmHWM") };
    console.log(`# problems perf: wide-95 auto-layout: ${JSON.stringify(summary.layout)}`);
    await app.browser.saveScreenshot(path.join(ARTIFACTS, "problems-perf-4-laid-out.png"));
    assert.ok(summary.layout.peakMb < RSS_LIMIT_MB, `web process peak ${summary.layout.peakMb} MB after Auto-layout (limit ${RSS_LIMIT_MB})`);
    await app.stop();
  });
});
