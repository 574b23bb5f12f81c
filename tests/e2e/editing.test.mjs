// Editing end to end, in the real app: undo and redo of every kind of edit
// (add, move, connect, edit a setting, delete) back to the exact state before;
// copy in one app window and paste in a second app on another file (both
// running at once on the same X display, so they share its clipboard), saved
// and read back from disk; find a block by its label or prompt and have it
// selected and centred; the `?` overlay in English and Chinese; an arrow-key
// nudge of one grid step. Screenshots go to artifacts/e2e/editing-*.png.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Key } from "webdriverio";
import { ROOT, TIMEOUT, startApp } from "./harness.mjs";
import { pageOf } from "./page.mjs";

const WORK = mkdtempSync(path.join(tmpdir(), "ivr-e2e-editing-"));
const FILE_A = path.join(WORK, "a.ivr.json");
const FILE_B = path.join(WORK, "b.ivr.json");
const fixture = JSON.parse(readFileSync(path.join(ROOT, "ui/src/backend/fixture.json"), "utf8"));
const timings = [];

/** The starter flow named `name`, its hang-up block labelled `hangUpLabel`, its prompt saying `prompt`. */
function flowFile(file, name, prompt, hangUpLabel) {
  const flow = structuredClone(fixture.starter_flow);
  flow.name = name;
  for (const n of flow.nodes) {
    if (n.id === "welcome") n.params.text = prompt;
    if (n.id === "hang_up") n.label = hangUpLabel;
  }
  writeFileSync(file, JSON.stringify({ format: "ivr-studio/flow", version: 1, ...flow }, null, 2));
}

/** Helpers bound to one running app. */
function on(app, prefix) {
  const { browser } = app;
  const { $, rect, shot, retry, dragTo, offCentre, gone } = pageOf(browser, `editing-${prefix}`);
  /** Clicks element `testid`, with Shift held when `shift`. */
  const clickAt = async (testid, shift = false) => {
    const r = await rect(testid);
    assert.ok(r, `${testid} is on screen`);
    const x = Math.round(r.x + r.w / 2);
    const y = Math.round(r.y + r.h / 2);
    if (!shift) {
      // An element click also takes the focus (out of an inspector field), as a real click does.
      await $(testid).click();
      return;
    }
    await retry(() =>
      browser.actions([
        browser.action("key").down(Key.Shift).pause(60).pause(60).pause(60).up(Key.Shift),
        browser.action("pointer").move({ x, y, origin: "viewport" }).pause(60).down({ button: 0 }).up({ button: 0 }).pause(60),
      ]),
    );
  };
  /** The flow as the canvas shows it: blocks (id, place, title, summary) and lines. */
  const snapshot = () =>
    browser.execute(() => ({
      nodes: [...document.querySelectorAll(".react-flow__node")]
        .map((n) =>
          [
            n.dataset.id,
            n.style.transform,
            n.querySelector(".block-title")?.textContent ?? "",
            n.querySelector(".block-summary")?.textContent ?? "",
          ].join(" | "),
        )
        .sort(),
      edges: [...document.querySelectorAll(".react-flow__edge")].map((e) => e.getAttribute("aria-label")).sort(),
    }));
  /** Waits until the canvas shows `want` (a snapshot). */
  const showsState = async (want, msg) => {
    let last;
    const deadline = Date.now() + TIMEOUT;
    while (Date.now() < deadline) {
      last = await snapshot();
      if (JSON.stringify(last) === JSON.stringify(want)) return;
      await browser.pause(100);
    }
    assert.deepEqual(last, want, `${msg}: the canvas does not show the state wanted`);
  };
  const selected = () =>
    browser.execute(() =>
      [...document.querySelectorAll(".react-flow__node.selected")].map((n) => n.dataset.id).sort(),
    );
  const translate = (id) =>
    browser.execute((i) => {
      const m = document
        .querySelector(`.react-flow__node[data-id="${i}"]`)
        ?.style.transform.match(/translate\(([-\d.]+)px,\s*([-\d.]+)px\)/);
      return m ? { x: Number(m[1]), y: Number(m[2]) } : null;
    }, id);
  const keys = (k) => browser.keys(k);
  /** Presses and holds `key` for a moment (React Flow's Delete reacts to the key being down across a render). */
  const hold = (key) => retry(() => browser.action("key").down(key).pause(150).up(key).perform());
  return { $, rect, shot, dragTo, gone, clickAt, snapshot, showsState, selected, offCentre, translate, keys, hold };
}

async function timed(name, fn) {
  const t0 = Date.now();
  await fn();
  timings.push(`${name}: ${Date.now() - t0} ms`);
}

describe("editing: undo, clipboard, find, keyboard", () => {
  let a;
  let b;

  before(() => {
    flowFile(FILE_A, "File A", "Thanks for calling the A team.", "Farewell desk");
    flowFile(FILE_B, "File B", "Welcome to B.", "");
  });

  after(async () => {
    await a?.stop();
    await b?.stop();
    console.log(`# timings (${WORK}):\n# ${timings.join("\n# ")}`);
    if (process.exitCode) for (const app of [a, b]) if (app) console.log(app.log.join(""));
  });

  it("undoes and redoes add, move, connect, edit and delete, each as one step back to the exact state", async () => {
    a = await startApp({ args: [FILE_A] });
    const ui = on(a, "a");
    await ui.$("node-welcome").waitForDisplayed({ timeout: TIMEOUT });
    await a.browser.waitUntil(async () => (await ui.$("flow-name").getValue()) === "File A", { timeout: TIMEOUT });
    const undoRedo = async (before, after, what) => {
      // The app's undo, not a text field's own.
      const typing = await a.browser.execute(() => document.activeElement?.matches("input, textarea, select"));
      assert.equal(typing, false, `a text field has the focus before undoing ${what}`);
      await ui.keys([Key.Ctrl, "z"]);
      await ui.showsState(before, `Ctrl+Z after ${what}`);
      await ui.keys([Key.Ctrl, Key.Shift, "z"]);
      await ui.showsState(after, `Ctrl+Shift+Z after ${what}`);
    };
    await timed("undo/redo five kinds of edit", async () => {
      const s0 = await ui.snapshot();
      assert.equal(s0.nodes.length, 3);

      // Add: a double-click in the palette puts a menu in the middle of the view.
      await ui.$("palette-menu").doubleClick();
      await ui.$("node-menu_1").waitForDisplayed({ timeout: TIMEOUT });
      const s1 = await ui.snapshot();
      assert.equal(s1.nodes.length, 4);
      await undoRedo(s0, s1, "add");

      // Move: drag the menu by its title.
      const canvas = await ui.rect("canvas");
      await ui.dragTo("node-title-menu_1", { x: canvas.x + canvas.w * 0.45, y: canvas.y + canvas.h * 0.8 });
      await a.browser.waitUntil(async () => JSON.stringify(await ui.snapshot()) !== JSON.stringify(s1), {
        timeout: TIMEOUT,
        timeoutMsg: "the drag did not move the menu",
      });
      const s2 = await ui.snapshot();
      await undoRedo(s1, s2, "move");

      // Connect: welcome's exit onto the menu (replacing its line to hang up).
      const menu = await ui.rect("node-menu_1");
      await ui.dragTo("handle-welcome-next", { x: menu.x + menu.w / 2, y: menu.y + 18 });
      await a.browser.waitUntil(
        async () => (await ui.snapshot()).edges.includes("Edge from welcome to menu_1"),
        { timeout: TIMEOUT, timeoutMsg: "the line was not drawn" },
      );
      const s3 = await ui.snapshot();
      await undoRedo(s2, s3, "connect");

      // Edit: type a new prompt in the inspector (one step however many keys), then leave the field.
      await ui.clickAt("node-title-welcome");
      await ui.$("inspector-welcome").waitForExist({ timeout: TIMEOUT });
      // Select the old text and type over it (WebDriver's clear does not reach React's state).
      await ui.$("param-text").click();
      await ui.keys([Key.Ctrl, "a"]);
      // Element keys (browser.keys drops a repeated letter on WebKitWebDriver); they replace the selection.
      await ui.$("param-text").addValue("Hello from A, press one.");
      await a.browser.waitUntil(async () => (await ui.snapshot()).nodes.some((n) => n.includes("Hello from A")), {
        timeout: TIMEOUT,
        timeoutMsg: "the prompt did not change on the block",
      });
      await ui.clickAt("node-title-menu_1");
      const s4 = await ui.snapshot();
      await undoRedo(s3, s4, "edit");

      // Delete: the selected menu (and its line) with the Delete key.
      await ui.clickAt("node-title-menu_1");
      await ui.hold(Key.Delete);
      await ui.gone("node-menu_1", TIMEOUT);
      const s5 = await ui.snapshot();
      assert.equal(s5.nodes.length, 3);
      assert.ok(!s5.edges.some((e) => e.includes("menu_1")));
      await undoRedo(s4, s5, "delete");

      // All the way back, then all the way forward.
      for (let i = 0; i < 5; i++) await ui.keys([Key.Ctrl, "z"]);
      await ui.showsState(s0, "five undos back to the opened file");
      for (let i = 0; i < 5; i++) await ui.keys([Key.Ctrl, "y"]);
      await ui.showsState(s5, "five redos (Ctrl+Y) forward again");
    });
    await ui.shot("1-after-undo-redo");
  });

  it("copies blocks in one app and pastes them into another file in a second app, with fresh ids and their line", async () => {
    const ua = on(a, "a");
    // Welcome's exit back to hang up (the menu it went to is deleted).
    const hangUp = await ua.rect("node-hang_up");
    await ua.dragTo("handle-welcome-next", { x: hangUp.x + hangUp.w / 2, y: hangUp.y + 18 });
    await a.browser.waitUntil(
      async () => (await ua.snapshot()).edges.includes("Edge from welcome to hang_up"),
      { timeout: TIMEOUT, timeoutMsg: "welcome was not wired to hang up again" },
    );
    // Welcome and hang up: their line is inside the selection, start's line into welcome is not.
    await ua.keys(Key.Escape);
    await ua.clickAt("node-title-welcome");
    await ua.clickAt("node-title-hang_up", true);
    assert.deepEqual(await ua.selected(), ["hang_up", "welcome"]);
    await ua.keys([Key.Ctrl, "c"]);
    await ua.shot("2-copied");

    await timed("start a second app on file B", async () => {
      b = await startApp({ args: [FILE_B] });
    });
    const ub = on(b, "b");
    await b.browser.waitUntil(async () => (await ub.$("flow-name").getValue()) === "File B", { timeout: TIMEOUT });
    await ub.$("node-welcome").waitForDisplayed({ timeout: TIMEOUT });
    await timed("paste from the other app", async () => {
      await ub.keys([Key.Ctrl, "v"]);
      await ub.$("node-play_prompt_1").waitForExist({ timeout: TIMEOUT, timeoutMsg: "nothing was pasted in B" });
    });
    assert.deepEqual(await ub.selected(), ["hang_up_1", "play_prompt_1"]);
    await ub.shot("3-pasted");
    await ub.keys([Key.Ctrl, "s"]);
    await b.browser.waitUntil(async () => (await ub.$("dirty-marker").getAttribute("data-dirty")) === "false", {
      timeout: TIMEOUT,
      timeoutMsg: "Ctrl+S did not save B",
    });
    const saved = JSON.parse(readFileSync(FILE_B, "utf8"));
    const ids = saved.nodes.map((n) => n.id);
    assert.deepEqual([...ids].sort(), ["hang_up", "hang_up_1", "play_prompt_1", "start", "welcome"]);
    assert.equal(new Set(ids).size, ids.length, "no two blocks share an id");
    assert.equal(new Set(saved.edges.map((e) => e.id)).size, saved.edges.length, "no two lines share an id");
    const pasted = saved.nodes.find((n) => n.id === "play_prompt_1");
    assert.equal(pasted.params.text, "Hello from A, press one.");
    assert.equal(saved.nodes.find((n) => n.id === "hang_up_1").label, "Farewell desk");
    const lines = saved.edges.map((e) => `${e.from.node}.${e.from.port}->${e.to}`).sort();
    assert.deepEqual(lines, ["play_prompt_1.next->hang_up_1", "start.next->welcome", "welcome.next->hang_up"]);
    // B's own blocks are as they were.
    assert.equal(saved.nodes.find((n) => n.id === "welcome").params.text, "Welcome to B.");
  });

  it("finds blocks by label and by prompt text, selecting and centring each match", async () => {
    const ui = on(b, "b");
    await ui.keys(Key.Escape);
    await ui.keys([Key.Ctrl, "f"]);
    await ui.$("search-input").waitForDisplayed({ timeout: TIMEOUT });
    // The pasted hang-up kept its label: one match, far from the middle of the view.
    assert.ok((await ui.offCentre("hang_up_1")) > 60, "the match starts off centre");
    await ui.$("search-input").setValue("farewell");
    await b.browser.waitUntil(async () => (await ui.$("search-count").getText()) === "0 / 1", { timeout: TIMEOUT });
    await ui.keys(Key.Enter);
    await b.browser.waitUntil(async () => JSON.stringify(await ui.selected()) === '["hang_up_1"]', {
      timeout: TIMEOUT,
      timeoutMsg: "Enter did not select the match",
    });
    await b.browser.waitUntil(async () => (await ui.offCentre("hang_up_1")) < 8, {
      timeout: TIMEOUT,
      timeoutMsg: "the match was not centred",
    });
    assert.equal(await ui.$("search-count").getText(), "1 / 1");
    await ui.shot("4-found-label");
    // Prompt text: only the pasted prompt says "press one".
    await ui.$("search-input").setValue("press one");
    await ui.keys(Key.Enter);
    await b.browser.waitUntil(async () => JSON.stringify(await ui.selected()) === '["play_prompt_1"]', {
      timeout: TIMEOUT,
      timeoutMsg: "the prompt text was not found",
    });
    await b.browser.waitUntil(async () => (await ui.offCentre("play_prompt_1")) < 8, {
      timeout: TIMEOUT,
      timeoutMsg: "the prompt match was not centred",
    });
    // Two matches ("hang up" by the catalog name): Enter steps on, Shift+Enter back.
    await ui.$("search-input").setValue("hang");
    await ui.keys(Key.Enter);
    await b.browser.waitUntil(async () => (await ui.$("search-count").getText()) === "1 / 2", { timeout: TIMEOUT });
    const first = await ui.selected();
    await ui.keys(Key.Enter);
    await b.browser.waitUntil(async () => (await ui.$("search-count").getText()) === "2 / 2", { timeout: TIMEOUT });
    assert.notDeepEqual(await ui.selected(), first);
    await ui.keys([Key.Shift, Key.Enter]);
    await b.browser.waitUntil(async () => JSON.stringify(await ui.selected()) === JSON.stringify(first), {
      timeout: TIMEOUT,
      timeoutMsg: "Shift+Enter did not go back",
    });
    await ui.shot("5-found-two");
    await ui.keys(Key.Escape);
    await ui.gone("search-bar", TIMEOUT);
  });

  it("lists the shortcuts with ?, in English and Chinese, and nudges a block one grid step with an arrow", async () => {
    const ui = on(b, "b");
    await ui.keys("?");
    await ui.$("shortcuts-overlay").waitForDisplayed({ timeout: TIMEOUT });
    assert.match(await ui.$("shortcuts-overlay").getText(), /Keyboard shortcuts/);
    assert.match(await ui.$("shortcut-undo").getText(), /Ctrl\+Z/);
    assert.match(await ui.$("shortcut-paste").getText(), /Ctrl\+V/);
    assert.match(await ui.$("shortcut-find").getText(), /Ctrl\+F/);
    await ui.shot("6-shortcuts-en");
    await ui.keys(Key.Escape);
    await ui.gone("shortcuts-overlay", TIMEOUT);
    await ui.$("lang-zh").click();
    await ui.$("shortcuts-button").click();
    await ui.$("shortcuts-overlay").waitForDisplayed({ timeout: TIMEOUT });
    assert.match(await ui.$("shortcuts-overlay").getText(), /键盘快捷键/);
    assert.match(await ui.$("shortcut-copy").getText(), /复制所选模块/);
    await ui.shot("7-shortcuts-zh");
    await ui.$("shortcuts-close").click();
    await ui.gone("shortcuts-overlay", TIMEOUT);

    await ui.clickAt("node-title-welcome");
    await b.browser.waitUntil(async () => JSON.stringify(await ui.selected()) === '["welcome"]', { timeout: TIMEOUT });
    const p0 = await ui.translate("welcome");
    await ui.keys(Key.ArrowRight);
    await b.browser.waitUntil(async () => (await ui.translate("welcome")).x === p0.x + 20, {
      timeout: TIMEOUT,
      timeoutMsg: "ArrowRight did not move the block 20 px",
    });
    assert.equal((await ui.translate("welcome")).y, p0.y);
    await ui.keys([Key.Shift, Key.ArrowDown]);
    await b.browser.waitUntil(async () => (await ui.translate("welcome")).y === p0.y + 100, {
      timeout: TIMEOUT,
      timeoutMsg: "Shift+ArrowDown did not move the block 100 px",
    });
    await ui.shot("8-nudged-zh");
    await ui.keys([Key.Ctrl, "z"]);
    await ui.keys([Key.Ctrl, "z"]);
    await b.browser.waitUntil(async () => JSON.stringify(await ui.translate("welcome")) === JSON.stringify(p0), {
      timeout: TIMEOUT,
      timeoutMsg: "two undos did not put the block back",
    });
  });
});
