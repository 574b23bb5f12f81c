// Block geometry in the real app: the canvas computes each block's size and
// handle places without drawing it (ui/src/canvas/blockGeometry.ts), so
// that a large flow can leave blocks out of view undrawn and still draw the
// lines to them. Here every kind of block in the catalog, with and without a
// label, every exit wired, is opened; after the blocks are handed to React
// Flow again (select all: from then on its lines start and end at the
// computed places, not the measured ones), every line must start at the
// right-middle of its exit's drawn handle and end at the left-middle of its
// target's drawn entry handle, in English and in Chinese. Then a 1,000-block
// flow: only the blocks in view are drawn, and finding one out of view draws
// it in the middle.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Key } from "webdriverio";
import { ROOT, TIMEOUT, startApp } from "./harness.mjs";
import { pageOf } from "./page.mjs";
import { writeLargeFlow } from "./synth.mjs";

const WORK = mkdtempSync(path.join(tmpdir(), "ivr-e2e-geometry-"));
const FILE = path.join(WORK, "every-block.ivr.json");
const { catalog } = JSON.parse(readFileSync(path.join(ROOT, "ui/src/backend/fixture.json"), "utf8"));
/** Tolerance in flow units: the browser rounds boxes to 1/64 px. */
const EPSILON = 0.5;

/** One block of every kind (defaults as the palette adds them; a menu with three keys), each exit wired to the next block. */
function everyBlockFlow() {
  const nodes = catalog.blocks.map((spec, i) => {
    const params = Object.fromEntries(spec.params.filter((p) => p.default !== undefined).map((p) => [p.key, p.default]));
    if (spec.id === "menu") params.keys = ["1", "2", "3"];
    if (spec.id === "provider") params.exits = ["ok", "failed"];
    return {
      id: `b${i}_${spec.id}`,
      block: spec.id,
      label: i % 2 ? `Labelled ${spec.id}` : "",
      position: { x: (i % 5) * 340, y: Math.floor(i / 5) * 300 },
      params,
    };
  });
  const entries = nodes.filter((n) => catalog.blocks.find((s) => s.id === n.block).entry !== false);
  const edges = [];
  nodes.forEach((n, i) => {
    const spec = catalog.blocks[i];
    const derived = spec.derived_ports ? (n.params[spec.derived_ports.param] ?? []).map((k) => `${spec.derived_ports.prefix}${k.id ?? k}`) : [];
    const ports = [...derived, ...spec.ports.map((p) => p.id)];
    const to = entries[(entries.indexOf(n) + 1) % entries.length] ?? entries[0];
    for (const port of ports) edges.push({ id: `e${edges.length}`, from: { node: n.id, port }, to: to.id === n.id ? entries[0].id : to.id });
  });
  return { nodes, edges };
}

describe("block geometry computed without drawing", () => {
  let app;
  let flow;

  before(() => {
    flow = everyBlockFlow();
    writeFileSync(
      FILE,
      JSON.stringify({ format: "ivr-studio/flow", version: 1, name: "Every block", description: "", kind: "main", variables: [], notes: [], bindings: [], ...flow }),
    );
  });
  after(async () => {
    if (process.exitCode && app) console.log(app.log.join(""));
    await app?.stop();
  });

  /** Every line's two ends against its drawn handles: the misses, as text. */
  const misses = () =>
    app.browser.execute(
      (edges, eps) => {
        const zoom = Number(/scale\(([\d.]+)\)/.exec(document.querySelector(".react-flow__viewport").style.transform)[1]);
        /** A handle's box in flow units, from its block's place and their drawn boxes. */
        const box = (testid) => {
          const h = document.querySelector(`[data-testid="${testid}"]`);
          const el = h?.closest(".react-flow__node");
          if (!h || !el) return null;
          const t = /translate\(\s*(-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(el.style.transform);
          const n = el.getBoundingClientRect();
          const r = h.getBoundingClientRect();
          return {
            x: Number(t[1]) + (r.left - n.left) / zoom,
            y: Number(t[2]) + (r.top - n.top) / zoom,
            w: r.width / zoom,
            h: r.height / zoom,
          };
        };
        const out = [];
        for (const e of edges) {
          const d = document.querySelector(`.react-flow__edge[data-id="${e.id}"] .react-flow__edge-path`)?.getAttribute("d");
          if (!d) {
            out.push(`${e.id}: not drawn`);
            continue;
          }
          const xs = d.match(/-?\d+(\.\d+)?/g).map(Number);
          const [sx, sy, tx, ty] = [xs[0], xs[1], xs[xs.length - 2], xs[xs.length - 1]];
          const s = box(`handle-${e.from.node}-${e.from.port}`);
          const t = box(`entry-${e.to}`);
          if (!s || !t) {
            out.push(`${e.id}: a handle is missing`);
            continue;
          }
          const want = [s.x + s.w, s.y + s.h / 2, t.x, t.y + t.h / 2];
          const got = [sx, sy, tx, ty];
          if (want.some((w, i) => Math.abs(w - got[i]) > eps)) {
            out.push(`${e.id} ${e.from.node}.${e.from.port} -> ${e.to}: line ${got.map((v) => v.toFixed(1))}, handles ${want.map((v) => v.toFixed(1))}`);
          }
        }
        return out;
      },
      flow.edges,
      EPSILON,
    );

  /** The blocks handed to React Flow again (new objects): its lines now use the computed handles. */
  const handOver = async () => {
    await app.browser.keys(Key.Escape);
    await app.browser.keys([Key.Ctrl, "a"]);
    await app.browser.waitUntil(
      async () =>
        (await app.browser.execute(() => document.querySelectorAll(".react-flow__node.selected").length)) === flow.nodes.length,
      { timeout: TIMEOUT, timeoutMsg: "Ctrl+A did not select every block" },
    );
    await app.browser.pause(300);
  };

  it("draws every line from its exit's handle to its target's entry, as computed (English)", async () => {
    app = await startApp({ args: [FILE] });
    const ui = pageOf(app.browser, "geometry");
    await app.browser.waitUntil(
      async () => (await app.browser.execute(() => document.querySelectorAll(".react-flow__edge").length)) === flow.edges.length,
      { timeout: TIMEOUT, timeoutMsg: "the lines were not all drawn" },
    );
    assert.deepEqual(await misses(), [], "as measured");
    await handOver();
    assert.deepEqual(await misses(), [], "as computed");
    await ui.shot("1-every-block-en");
  });

  it("and in Chinese, where every label and exit name changes", async () => {
    const ui = pageOf(app.browser, "geometry");
    await ui.$("lang-zh").click();
    const title = () =>
      app.browser.execute((id) => document.querySelector(`[data-testid="node-title-${id}"]`)?.textContent, flow.nodes[0].id);
    await app.browser.waitUntil(async () => (await title()) === "开始", {
      timeout: TIMEOUT,
      timeoutMsg: "the blocks did not switch to Chinese",
    });
    await app.browser.pause(300);
    assert.deepEqual(await misses(), [], "as computed, in Chinese");
    await ui.shot("2-every-block-zh");
    await ui.$("lang-en").click();
  });
});

describe("a large flow, drawn as far as it is in view", () => {
  const LARGE = path.join(WORK, "large.ivr.json");
  let app;

  before(() => writeLargeFlow(LARGE, 1000));
  after(async () => {
    if (process.exitCode && app) console.log(app.log.join(""));
    await app?.stop();
  });

  const drawnIds = () =>
    app.browser.execute(() => [...document.querySelectorAll(".react-flow__node")].map((n) => n.dataset.id));

  it("finds a block out of view by its id: drawn, selected and centred", async () => {
    app = await startApp({ args: [LARGE] });
    const ui = pageOf(app.browser, "geometry-large");
    await app.browser.waitUntil(async () => app.browser.execute(() => (window.__ivrOpenTimings ?? []).length > 0), {
      timeout: TIMEOUT,
      timeoutMsg: "the flow was not drawn",
    });
    const before_ = await drawnIds();
    assert.ok(before_.length > 0 && before_.length < 1000, `only the blocks in view are drawn (${before_.length})`);
    // The flow is a column 40,000 px tall: its first or its last unit is out of view.
    const target = ["collect0", "collect248"].find((id) => !before_.includes(id));
    assert.ok(target, "a block to look for is out of view");
    await app.browser.keys([Key.Ctrl, "f"]);
    await ui.$("search-input").waitForDisplayed({ timeout: TIMEOUT });
    await ui.$("search-input").setValue(target);
    await app.browser.keys(Key.Enter);
    await app.browser.waitUntil(async () => (await ui.offCentre(target)) < 8, {
      timeout: TIMEOUT,
      timeoutMsg: "the block found was not drawn in the middle of the view",
    });
    assert.match(await ui.$(`node-${target}`).getAttribute("class"), /\bselected\b/);
    const now = await drawnIds();
    assert.ok(before_.some((id) => !now.includes(id)), "blocks now out of view are no longer drawn");
    await ui.shot("1-found");
  });
});
