// Auto-layout and tidy in the real app: a 200-block flow whose blocks are all
// piled up at one point is opened from the command line; Auto-layout (ELK in
// a module worker, under the app's strict CSP) spreads it out so that no two
// blocks overlap, every block on the 20 px grid, a menu's keys top to bottom;
// one Ctrl+Z puts every block back. Tidy then lays out three selected blocks
// of a new flow only, the fourth staying where it was. Screenshots before and after go to artifacts/e2e/layout-*.png.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Key } from "webdriverio";
import { ARTIFACTS, TIMEOUT, screenshotDisplay, startApp } from "./harness.mjs";
import { writeLargeFlow } from "./synth.mjs";

const WORK = mkdtempSync(path.join(tmpdir(), "ivr-e2e-layout-"));
const FILE = path.join(WORK, "pile.ivr.json");
const BLOCKS = 200;

/** Every block's box in flow coordinates (React Flow's translate) with its unscaled size, by id. */
function boxes(browser) {
  return browser.execute(() => {
    const out = {};
    for (const el of document.querySelectorAll(".react-flow__node")) {
      const m = /translate\(\s*(-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(el.style.transform);
      if (!m) continue;
      out[el.dataset.id] = { x: Number(m[1]), y: Number(m[2]), w: el.offsetWidth, h: el.offsetHeight };
    }
    return out;
  });
}

/** The pairs of boxes that overlap (touching edges do not count). */
function overlapping(all, only) {
  const ids = Object.keys(all).filter((id) => !only || only.includes(id));
  const out = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = all[ids[i]];
      const b = all[ids[j]];
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) out.push(`${ids[i]}/${ids[j]}`);
    }
  }
  return out;
}

describe("auto-layout and tidy", () => {
  let app;
  let before_;
  const shot = async (name) => {
    await app.browser.saveScreenshot(path.join(ARTIFACTS, `layout-${name}.png`));
    screenshotDisplay(path.join(ARTIFACTS, `layout-${name}-window.png`));
  };
  const $ = (testid) => app.browser.$(`[data-testid="${testid}"]`);

  before(() => writeLargeFlow(FILE, BLOCKS, { pile: true }));
  after(async () => {
    if (process.exitCode && app) console.log(app.log.join(""));
    await app?.stop();
  });

  it("opens a 200-block flow with every block piled up", async () => {
    app = await startApp({ args: [FILE] });
    await app.browser.waitUntil(
      async () => (await app.browser.execute(() => document.querySelectorAll(".react-flow__node").length)) === BLOCKS,
      { timeout: TIMEOUT, timeoutMsg: "the 200 blocks were not drawn" },
    );
    await app.browser.pause(300);
    before_ = await boxes(app.browser);
    assert.equal(Object.keys(before_).length, BLOCKS);
    assert.ok(overlapping(before_).length > 1000, "the blocks start piled up");
    assert.equal(await $("undo").getAttribute("disabled"), "true", "nothing to undo after opening");
    await shot("1-piled");
  });

  it("lays the flow out with no two blocks overlapping, as one undoable step", async () => {
    const button = await $("auto-layout");
    assert.match(await button.getAttribute("title"), /Ctrl\+Shift\+L/);
    const t0 = Date.now();
    await button.click();
    let after_;
    await app.browser.waitUntil(
      async () => {
        if ((await $("layout-bar").getAttribute("aria-busy")) === "true") return false;
        after_ = await boxes(app.browser);
        return Object.values(after_).some((b) => b.x !== 0 || b.y !== 0);
      },
      { timeout: 60_000, interval: 100, timeoutMsg: "the layout did not finish" },
    );
    console.log(`# layout: ${BLOCKS} blocks laid out and drawn in ${Date.now() - t0} ms (click to moved)`);
    assert.equal(await $("notice").isExisting(), false, "no notice: the worker ran under the CSP");
    await app.browser.pause(600); // The view fits the new layout.
    after_ = await boxes(app.browser);
    assert.equal(Object.keys(after_).length, BLOCKS);
    assert.deepEqual(overlapping(after_), [], "no two blocks overlap");
    for (const [id, b] of Object.entries(after_)) {
      assert.equal(b.x % 20, 0, `${id} is on the grid`);
      assert.equal(b.y % 20, 0, `${id} is on the grid`);
    }
    // Left to right, and a menu's keys 1, 2, 3 from top to bottom.
    assert.ok(after_.start.x < after_.menu0.x && after_.menu0.x < after_.prompt0.x);
    assert.ok(after_.prompt0.y < after_.queue0.y && after_.queue0.y < after_.collect0.y, "menu0's keys in order");
    assert.ok((await app.browser.getTitle()).startsWith("•"), "the document is changed");
    await shot("2-laid-out");

    // One Ctrl+Z: every block back where it was, and nothing more to undo.
    await app.browser.$(".react-flow__pane").click({ x: 5, y: 5 }).catch(() => {});
    await app.browser.keys([Key.Ctrl, "z"]);
    await app.browser.waitUntil(async () => Object.values(await boxes(app.browser)).every((b) => b.x === 0 && b.y === 0), {
      timeout: TIMEOUT,
      timeoutMsg: "Ctrl+Z did not put the blocks back",
    });
    const undone = await boxes(app.browser);
    for (const [id, b] of Object.entries(before_)) {
      assert.deepEqual([undone[id].x, undone[id].y], [b.x, b.y], `${id} is back`);
    }
    assert.equal(await $("undo").getAttribute("disabled"), "true", "the layout was one step");
    await shot("3-undone");
  });

  it("tidies only the selected blocks, keeping their top-left corner", async () => {
    // A new flow (start -> welcome -> hang up in a row) and a menu added in the middle of the canvas.
    await $("file-new").click();
    await $("node-welcome").waitForExist({ timeout: TIMEOUT });
    await $("palette-menu").doubleClick();
    await $("node-menu_1").waitForExist({ timeout: TIMEOUT });
    await app.browser.pause(300);
    const ids = ["start", "welcome", "menu_1"];
    const was = await boxes(app.browser);
    // The new menu is selected (added blocks are); shift-click the start and the welcome prompt too, each
    // where it shows (the menu, added in the middle of the view, may cover part of the welcome prompt).
    const centres = await app.browser.execute((list) => {
      return list.map((id) => {
        const r = document.querySelector(`[data-testid="node-${id}"]`).getBoundingClientRect();
        for (let y = r.top + 8; y < r.bottom - 4; y += 6) {
          for (let x = r.left + 8; x < r.right - 8; x += 12) {
            if (document.elementFromPoint(x, y)?.closest(".react-flow__node")?.dataset.id === id) {
              return { x: Math.round(x), y: Math.round(y) };
            }
          }
        }
        return { x: Math.round(r.x + 40), y: Math.round(r.y + 12) };
      });
    }, ["start", "welcome"]);
    const pointer = [{ type: "pause", duration: 100 }];
    for (const c of centres) {
      pointer.push(
        { type: "pointerMove", duration: 0, x: c.x, y: c.y, origin: "viewport" },
        { type: "pointerDown", button: 0 },
        { type: "pause", duration: 60 },
        { type: "pointerUp", button: 0 },
        { type: "pause", duration: 150 },
      );
    }
    const keys = [
      { type: "keyDown", value: Key.Shift },
      ...pointer.slice(1).map(() => ({ type: "pause", duration: 0 })),
      { type: "keyUp", value: Key.Shift },
    ];
    await app.browser.performActions([
      { type: "key", id: "kb", actions: keys },
      { type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions: [...pointer, { type: "pause", duration: 0 }] },
    ]);
    await app.browser.releaseActions();
    const selectedNow = await app.browser.execute(() =>
      [...document.querySelectorAll(".react-flow__node.selected")].map((n) => n.dataset.id),
    );
    console.log(`# layout: selected for tidy: ${selectedNow.join(", ")}`);
    await app.browser.waitUntil(async () => (await $("tidy").getAttribute("disabled")) === null, {
      timeout: TIMEOUT,
      timeoutMsg: "three selected blocks did not enable Tidy",
    });
    await $("tidy").click();
    let now;
    await app.browser.waitUntil(
      async () => {
        if ((await $("layout-bar").getAttribute("aria-busy")) === "true") return false;
        now = await boxes(app.browser);
        return ids.some((id) => now[id].x !== was[id].x || now[id].y !== was[id].y);
      },
      { timeout: TIMEOUT, timeoutMsg: "Tidy moved nothing" },
    ).catch(async (error) => {
      const state = await app.browser.execute(() => ({
        busy: document.querySelector('[data-testid="layout-bar"]')?.getAttribute("aria-busy"),
        notice: document.querySelector('[data-testid="notice"]')?.textContent ?? null,
      }));
      console.log(`# layout: after Tidy: ${JSON.stringify(state)}`);
      await shot("4-tidy-failed");
      throw error;
    });
    for (const id of Object.keys(was)) {
      if (ids.includes(id)) continue;
      assert.deepEqual([now[id].x, now[id].y], [was[id].x, was[id].y], `${id} was not moved`);
    }
    const corner = (bs) => [Math.min(...ids.map((id) => bs[id].x)), Math.min(...ids.map((id) => bs[id].y))];
    assert.deepEqual(corner(now), corner(was), "the selection keeps its top-left corner");
    assert.deepEqual(overlapping(now, ids), [], "the tidied blocks do not overlap");
    await shot("4-tidied");
  });

  it("names the buttons in Chinese too", async () => {
    await $("lang-zh").click();
    await app.browser.waitUntil(async () => (await $("auto-layout").getText()) === "自动布局", {
      timeout: TIMEOUT,
      timeoutMsg: "the layout button was not translated",
    });
    assert.equal(await $("tidy").getText(), "整理");
    await shot("5-zh");
  });
});
