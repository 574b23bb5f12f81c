// Helpers bound to one running app's page, shared by the end-to-end files:
// an element by its test id, an element's box on screen, a block's distance
// from the canvas's centre, screenshots of the page and of the whole X
// display, and pointer drags made the way a hand makes them (press, a small
// first move, then the way there in two legs), each tried once more when
// WebKitWebDriver answers "unknown error" before acting, and a wait for an
// element to go that holds no element handle.

import assert from "node:assert/strict";
import path from "node:path";
import { ARTIFACTS, screenshotDisplay } from "./harness.mjs";

/** Helpers for `browser`; screenshots are named `<shotPrefix>-<name>.png` in the artifacts folder. */
export function pageOf(browser, shotPrefix) {
  const $ = (testid) => browser.$(`[data-testid="${testid}"]`);
  /** The box of the element with test id `testid` in viewport pixels, or null. */
  const rect = (testid) =>
    browser.execute((s) => {
      const r = document.querySelector(`[data-testid="${s}"]`)?.getBoundingClientRect();
      return r ? { x: r.x, y: r.y, w: r.width, h: r.height } : null;
    }, testid);
  const shot = async (name) => {
    await browser.saveScreenshot(path.join(ARTIFACTS, `${shotPrefix}-${name}.png`));
    screenshotDisplay(path.join(ARTIFACTS, `${shotPrefix}-${name}-window.png`));
  };
  /** Runs a WebDriver action, once more if WebKitWebDriver answers "unknown error" before it ran. */
  const retry = async (gesture) => {
    try {
      await gesture();
    } catch (error) {
      console.log(`# action failed, once more: ${error.message}`);
      await browser.releaseActions().catch(() => {});
      await browser.pause(200);
      await gesture();
    }
  };
  /** The centre of element `testid`, in whole viewport pixels. */
  const centre = async (testid) => {
    const r = await rect(testid);
    assert.ok(r, `${testid} is on screen`);
    return { x: Math.round(r.x + r.w / 2), y: Math.round(r.y + r.h / 2) };
  };
  /** Presses the mouse on element `testid`'s centre and lets go at viewport point `to`. */
  const dragTo = async (testid, to) => {
    const { x: x0, y: y0 } = await centre(testid);
    await retry(() =>
      browser
        .action("pointer", { parameters: { pointerType: "mouse" } })
        .move({ x: x0, y: y0, origin: "viewport" })
        .down({ button: 0 })
        .pause(50)
        .move({ x: x0 + 10, y: y0 + 6, origin: "viewport", duration: 50 })
        .move({ x: Math.round((x0 + to.x) / 2), y: Math.round((y0 + to.y) / 2), origin: "viewport", duration: 150 })
        .move({ x: Math.round(to.x), y: Math.round(to.y), origin: "viewport", duration: 150 })
        .pause(50)
        .up({ button: 0 })
        .perform(),
    );
  };
  /** Drags element `testid` from its centre by (dx, dy) pixels. */
  const dragBy = async (testid, dx, dy) => {
    const { x, y } = await centre(testid);
    await dragTo(testid, { x: x + dx, y: y + dy });
  };
  /**
   * How far block `id`'s centre is from the canvas's centre, in px; Infinity
   * when it is not drawn (the page answers null: WebDriver's JSON has no Infinity).
   */
  const offCentre = async (id) =>
    (await browser.execute((i) => {
      const n = document.querySelector(`.react-flow__node[data-id="${i}"]`)?.getBoundingClientRect();
      const c = document.querySelector(".react-flow")?.getBoundingClientRect();
      if (!n || !c) return null;
      return Math.hypot(n.x + n.width / 2 - (c.x + c.width / 2), n.y + n.height / 2 - (c.y + c.height / 2));
    }, id)) ?? Infinity;
  /**
   * Waits until no element has test id `testid`. Asked of the page itself, so
   * no element handle is held: WebKitWebDriver answers "stale element" when
   * an element it is finding is removed meanwhile.
   */
  const gone = (testid, timeout = 10_000) =>
    browser.waitUntil(
      () => browser.execute((s) => !document.querySelector(`[data-testid="${s}"]`), testid),
      { timeout, timeoutMsg: `${testid} is still on the page after ${timeout} ms` },
    );
  return { $, rect, shot, retry, dragTo, dragBy, offCentre, gone };
}
