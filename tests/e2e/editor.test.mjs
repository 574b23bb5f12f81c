// The editor end to end, in the real app, with mouse and keyboard as a
// designer works: drag blocks from the palette and lines from exits, edit
// settings in the inspector, watch the problems come and go, save (Ctrl+S on
// a file given on the command line), reopen from the recent files, survive a
// crash (SIGKILL) through autosave, and have bad files refused with the file
// named and nothing changed on disk. Native dialogs are never opened:
// WebDriver cannot drive them. Screenshots of each stage go to artifacts/e2e/.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync, existsSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Key } from "webdriverio";
import { ROOT, TIMEOUT, startApp } from "./harness.mjs";
import { pageOf } from "./page.mjs";

const WORK = mkdtempSync(path.join(tmpdir(), "ivr-e2e-editor-"));
const DATA = path.join(WORK, "data");
const FILE = path.join(WORK, "menu.ivr.json");
const fixture = JSON.parse(readFileSync(path.join(ROOT, "ui/src/backend/fixture.json"), "utf8"));
const env = { IVR_STUDIO_DATA_DIR: DATA };
const timings = [];

/** Helpers bound to one running app. */
function on(app) {
  const { browser } = app;
  const { $, rect, shot, dragTo, gone } = pageOf(browser, "editor");
  const value = (testid) =>
    browser.execute((s) => document.querySelector(`[data-testid="${s}"]`)?.value ?? null, testid);
  const textOf = (testid) =>
    browser.execute((s) => document.querySelector(`[data-testid="${s}"]`)?.textContent ?? null, testid);
  /** Drags a line from exit `port` of `node` onto block `target`. */
  const wire = async (node, port, target) => {
    const r = await rect(`node-${target}`);
    assert.ok(r, `node-${target} is on screen`);
    await dragTo(`handle-${node}-${port}`, { x: r.x + r.w / 2, y: r.y + 18 });
  };
  /** Waits until the problems panel lists exactly these codes (any order, repeats counted). */
  const problemsAre = async (codes, msg) => {
    let last;
    await browser.waitUntil(
      async () => {
        last = await browser.execute(() =>
          [...document.querySelectorAll('[data-testid^="problem-item-"]')].map((li) => li.dataset.code).sort(),
        );
        const empty = await $("problems-empty").isExisting();
        return JSON.stringify(last) === JSON.stringify([...codes].sort()) && (codes.length > 0 || empty);
      },
      { timeout: TIMEOUT, timeoutMsg: `${msg}: problems were ${JSON.stringify(last)}` },
    );
  };
  /** Clicks `testid`, again if React replaced the element under WebDriver (a stale reference). */
  const click = async (testid) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await $(testid).click();
        return;
      } catch (error) {
        if (attempt >= 3 || !/stale/i.test(error.message)) throw error;
        await browser.pause(200);
      }
    }
  };
  const edgeCount = () => browser.execute(() => document.querySelectorAll(".react-flow__edge").length);
  const nodeIds = () =>
    browser.execute(() => [...document.querySelectorAll(".react-flow__node")].map((n) => n.dataset.id).sort());
  return { $, value, textOf, rect, shot, dragTo, gone, wire, problemsAre, click, edgeCount, nodeIds };
}

async function timed(name, fn) {
  const t0 = Date.now();
  await fn();
  timings.push(`${name}: ${Date.now() - t0} ms`);
}

describe("the editor, as a designer uses it", () => {
  let app;

  before(() => {
    writeFileSync(
      FILE,
      JSON.stringify({ format: "ivr-studio/flow", version: 1, ...fixture.starter_flow, name: "Main menu" }, null, 2),
    );
  });

  after(async () => {
    await app?.stop();
    console.log(`# timings (${WORK}):\n# ${timings.join("\n# ")}`);
    if (process.exitCode && app) console.log(app.log.join(""));
  });

  it("opens the file named on the command line, clean, named in the title", async () => {
    await timed("start with a file", async () => {
      app = await startApp({ args: [FILE], env });
    });
    const ui = on(app);
    await app.browser.waitUntil(async () => (await ui.value("flow-name")) === "Main menu", {
      timeout: TIMEOUT,
      timeoutMsg: "the command-line file was not opened",
    });
    assert.equal(await app.browser.getTitle(), "Main menu (menu.ivr.json) — IVR Studio");
    assert.equal(await ui.$("dirty-marker").getAttribute("data-dirty"), "false");
    await ui.problemsAre([], "the starter flow is clean");
    await ui.shot("1-opened");
  });

  it("builds start -> play prompt -> menu (1, 2) -> transfer / hang up with the mouse", async () => {
    const ui = on(app);
    const canvas = await ui.rect("canvas");
    await timed("build the menu flow", async () => {
      // A menu below the welcome prompt, dragged from the palette.
      await ui.dragTo("palette-menu", { x: canvas.x + canvas.w * 0.42, y: canvas.y + canvas.h * 0.68 });
      await ui.$("node-menu_1").waitForExist({ timeout: TIMEOUT });
      assert.equal(await app.browser.getTitle(), "• Main menu (menu.ivr.json) — IVR Studio");
      // The new block is selected: its keys are 1 and 2, its exits on the block.
      assert.equal(await ui.value("param-keys-0"), "1");
      assert.equal(await ui.value("param-keys-1"), "2");
      assert.ok(await ui.$("handle-menu_1-key:1").isExisting());
      assert.ok(await ui.$("handle-menu_1-key:2").isExisting());
      await ui.problemsAre(
        ["node.unreachable", "exit.unwired", "exit.unwired", "exit.unwired", "exit.unwired"],
        "a new menu is unreachable with four unwired exits",
      );
      await ui.shot("2-menu-dropped");
      // A transfer to a queue, to its right.
      await ui.dragTo("palette-transfer_queue", { x: canvas.x + canvas.w * 0.76, y: canvas.y + canvas.h * 0.6 });
      await ui.$("node-transfer_queue_1").waitForExist({ timeout: TIMEOUT });
      await ui.$("param-queue").setValue("Sales");
      // Lines: welcome's next now goes to the menu (replacing its line to hang up).
      await ui.wire("welcome", "next", "menu_1");
      await ui.wire("menu_1", "key:1", "transfer_queue_1");
      await ui.wire("menu_1", "key:2", "hang_up");
      await ui.wire("menu_1", "timeout", "hang_up");
      await ui.wire("menu_1", "no_match", "hang_up");
    });
    assert.equal(await ui.edgeCount(), 6);
    await ui.shot("3-wired");
  });

  it("refuses a line into the start block, saying why", async () => {
    const ui = on(app);
    await ui.wire("transfer_queue_1", "at_capacity", "start");
    await ui.$("notice").waitForDisplayed({ timeout: TIMEOUT });
    assert.match(await ui.textOf("notice"), /start block/);
    assert.equal(await ui.edgeCount(), 6);
    await ui.shot("4-refused");
    await ui.$("notice-dismiss").click();
  });

  it("shows the problem of an unwired exit on the block and in the panel, and clears it when wired", async () => {
    const ui = on(app);
    await ui.problemsAre(["exit.unwired"], "the transfer's error exit is unwired");
    const item = await ui.$("problem-exit.unwired");
    assert.equal(await item.getAttribute("data-node"), "transfer_queue_1");
    assert.equal(await item.getAttribute("data-port"), "error");
    assert.match(await ui.$("port-transfer_queue_1-error").getAttribute("class"), /bad/);
    await item.click();
    await ui.$("inspector-transfer_queue_1").waitForExist({ timeout: TIMEOUT });
    await app.browser.pause(400);
    await ui.shot("5-problem");
    // The whole flow in view again.
    await app.browser.$(".react-flow__controls-fitview").click();
    await app.browser.pause(300);
    await timed("wire and see problems clear", async () => {
      await ui.wire("transfer_queue_1", "error", "hang_up");
      await ui.problemsAre([], "every exit is wired");
    });
    await ui.shot("6-clean");
  });

  it("adds key 3 to the menu (a new exit appears) and removes it again", async () => {
    const ui = on(app);
    await ui.click("node-title-menu_1");
    await ui.$("inspector-menu_1").waitForExist({ timeout: TIMEOUT });
    await ui.click("param-keys-add");
    await ui.$("handle-menu_1-key:3").waitForExist({ timeout: TIMEOUT });
    await ui.problemsAre(["exit.unwired"], "key 3 is unwired");
    await ui.click("param-keys-remove-2");
    await ui.gone("handle-menu_1-key:3", TIMEOUT);
    await ui.problemsAre([], "key 3 is gone");
  });

  it("zoomed far out, shows handles only where they can be used, and still draws a line", async () => {
    const ui = on(app);
    const { browser } = app;
    const visibility = (testid) =>
      browser.execute((s) => {
        const el = document.querySelector(`[data-testid="${s}"]`);
        return el ? getComputedStyle(el).visibility : "missing";
      }, testid);
    const scale = () =>
      browser.execute(() =>
        Number(/scale\(([\d.]+)\)/.exec(document.querySelector(".react-flow__viewport").style.transform)?.[1]),
      );
    await browser.keys(Key.Escape);
    for (let i = 0; i < 12 && (await scale()) >= 0.45; i++) {
      await browser.$(".react-flow__controls-zoomout").click();
      await browser.pause(120);
    }
    await browser.$(".react-flow.zoomed-out").waitForExist({ timeout: TIMEOUT });
    assert.equal(await visibility("handle-welcome-next"), "hidden", "an exit of a block at rest is not drawn");
    assert.equal(await visibility("entry-hang_up"), "hidden", "nor is an entry");
    await ui.click("node-title-menu_1");
    await ui.$("inspector-menu_1").waitForExist({ timeout: TIMEOUT });
    assert.equal(await visibility("handle-menu_1-key:1"), "visible", "the selected block's exits are drawn");
    await ui.click("param-keys-add");
    await ui.$("handle-menu_1-key:3").waitForExist({ timeout: TIMEOUT });
    await ui.problemsAre(["exit.unwired"], "key 3 is unwired");
    await browser.keys(Key.Escape);
    await ui.gone("inspector-menu_1", TIMEOUT);
    assert.equal(await visibility("handle-menu_1-key:1"), "hidden");
    assert.equal(await visibility("handle-menu_1-key:3"), "visible", "an exit with a problem stays drawn");
    await ui.shot("6b-far");
    // The pointer over the block shows its handles; the line is drawn as at any zoom.
    await ui.wire("menu_1", "key:3", "hang_up");
    await ui.problemsAre([], "key 3 is wired, zoomed out");
    // Back to the flow as it was (add key 3 and its line: two steps), in full view.
    await browser.keys([Key.Ctrl, "z"]);
    await browser.keys([Key.Ctrl, "z"]);
    await ui.gone("handle-menu_1-key:3", TIMEOUT);
    await ui.problemsAre([], "key 3 is gone again");
    await browser.$(".react-flow__controls-fitview").click();
    await browser.waitUntil(() => browser.execute(() => !document.querySelector(".react-flow.zoomed-out")), {
      timeout: TIMEOUT,
      timeoutMsg: "the canvas still reads as zoomed out after Fit view",
    });
  });

  it("saves with Ctrl+S, and the recent file reopens the same flow", async () => {
    let ui = on(app);
    await timed("save", async () => {
      await app.browser.keys([Key.Ctrl, "s"]);
      await app.browser.waitUntil(
        async () => (await ui.$("dirty-marker").getAttribute("data-dirty")) === "false",
        { timeout: TIMEOUT, timeoutMsg: "Ctrl+S did not save" },
      );
    });
    const saved = readFileSync(FILE, "utf8");
    const flow = JSON.parse(saved);
    assert.deepEqual(flow.nodes.map((n) => n.block).sort(), [
      "hang_up",
      "menu",
      "play_prompt",
      "start",
      "transfer_queue",
    ]);
    const menu = flow.nodes.find((n) => n.block === "menu");
    assert.deepEqual(menu.params.keys, ["1", "2"]);
    const lines = flow.edges.map((e) => `${e.from.node}.${e.from.port}->${e.to}`).sort();
    assert.deepEqual(lines, [
      "menu_1.key:1->transfer_queue_1",
      "menu_1.key:2->hang_up",
      "menu_1.no_match->hang_up",
      "menu_1.timeout->hang_up",
      "start.next->welcome",
      "transfer_queue_1.error->hang_up",
      "welcome.next->menu_1",
    ]);
    const ids = await ui.nodeIds();
    await app.stop();
    // A new run without arguments; the file is in the recent list.
    await timed("restart and open a recent file", async () => {
      app = await startApp({ env });
      ui = on(app);
      await ui.$("file-recent").click();
      await ui.$("recent-0").click();
      await app.browser.waitUntil(async () => (await ui.value("flow-name")) === "Main menu", {
        timeout: TIMEOUT,
        timeoutMsg: "the recent file was not opened",
      });
    });
    assert.deepEqual(await ui.nodeIds(), ids);
    await app.browser.waitUntil(async () => (await ui.edgeCount()) === 7, { timeout: TIMEOUT });
    await ui.problemsAre([], "the reopened flow is clean");
    // Saving it again writes the same bytes: nothing was lost or changed.
    await app.browser.keys([Key.Ctrl, "s"]);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(readFileSync(FILE, "utf8"), saved);
    await ui.shot("7-reopened");
  });

  it("keeps the toolbar still when the title changes; a long title ends in an ellipsis, whole on hover", async () => {
    const ui = on(app);
    /** Where the toolbar's controls are, and what the title shows. */
    const toolbar = () =>
      app.browser.execute(() => {
        const input = document.querySelector('[data-testid="flow-name"]');
        return {
          at: [...document.querySelectorAll('[data-testid="toolbar"] button, [data-testid="toolbar"] select')].map(
            (el) => `${el.dataset.testid ?? el.textContent}@${Math.round(el.getBoundingClientRect().left)}`,
          ),
          width: input.getBoundingClientRect().width,
          cut: input.scrollWidth > input.clientWidth,
          ellipsis: getComputedStyle(input).textOverflow,
          title: input.title,
        };
      });
    const was = await toolbar();
    const long = "C3 Agent-Assisted Payment IVR, Inbound Queue Flow (Production)";
    await ui.$("flow-name").setValue(long);
    await app.browser.keys(Key.Tab);
    await app.browser.waitUntil(async () => (await toolbar()).title === long, { timeout: TIMEOUT });
    const now = await toolbar();
    assert.deepEqual(now.at, was.at, "every toolbar control stays where it was");
    assert.equal(now.width, was.width, "the title keeps its width");
    assert.ok(now.cut, "the long title is cut");
    assert.equal(now.ellipsis, "ellipsis");
    assert.equal(now.title, long, "its whole text on hover");
    await ui.shot("8a-long-title");
    await ui.$("flow-name").setValue("M");
    await app.browser.waitUntil(async () => (await toolbar()).title === "M", { timeout: TIMEOUT });
    assert.deepEqual((await toolbar()).at, was.at, "and with a one-letter title");
  });

  it("gets an edit back after the app is killed", async () => {
    let ui = on(app);
    await ui.$("flow-name").setValue("Sales line");
    // Autosave keeps it within a few seconds.
    const kept = path.join(DATA, "autosave.json");
    await app.browser.waitUntil(
      async () => existsSync(kept) && readFileSync(kept, "utf8").includes("Sales line"),
      { timeout: TIMEOUT, timeoutMsg: "the edit was not autosaved" },
    );
    await app.kill();
    app = undefined;
    await timed("restart after a crash and restore", async () => {
      app = await startApp({ env });
      ui = on(app);
      await ui.$("recovery-banner").waitForDisplayed({ timeout: TIMEOUT });
      await ui.shot("8-recovery-offered");
      await ui.$("recover-restore").click();
      await app.browser.waitUntil(async () => (await ui.value("flow-name")) === "Sales line", {
        timeout: TIMEOUT,
        timeoutMsg: "the autosaved edit was not restored",
      });
    });
    assert.equal(await ui.$("dirty-marker").getAttribute("data-dirty"), "true");
    await app.browser.waitUntil(async () => (await ui.edgeCount()) === 7, {
      timeout: TIMEOUT,
      timeoutMsg: "the restored flow's lines were not drawn",
    });
    // The file on disk still has the last saved version until the designer saves.
    assert.match(readFileSync(FILE, "utf8"), /"Main menu"/);
    await ui.shot("9-restored");
  });

  it("refuses bad files with a clear message, naming the file, changing nothing on disk", async () => {
    await app.stop();
    const bad = {
      "notes.ivr.json": ["this is not JSON", /not valid JSON/],
      "other.json": ['{"hello": "world"}', /not/],
      "newer.ivr.json": ['{"format": "ivr-studio/flow", "version": 99, "name": "x"}', /newer IVR Studio/],
      "huge.ivr.json": [null, /20\.0 MB limit/],
    };
    const paths = Object.keys(bad).map((n) => path.join(WORK, n));
    for (const [name, [content]] of Object.entries(bad)) {
      const p = path.join(WORK, name);
      if (content === null) {
        writeFileSync(p, "");
        truncateSync(p, 20 * 1024 * 1024 + 1);
      } else writeFileSync(p, content);
    }
    const before = paths.map((p) => readFileSync(p));
    // Put them in the recent list, as if opened before: no native dialog needed.
    writeFileSync(path.join(DATA, "recent.json"), JSON.stringify(paths));
    app = await startApp({ env });
    const ui = on(app);
    // Dismiss the autosave offer left from the last run.
    if (await ui.$("recover-discard").isExisting()) await ui.$("recover-discard").click();
    const names = Object.keys(bad);
    for (let i = 0; i < names.length; i++) {
      const [, says] = bad[names[i]];
      await ui.$("file-recent").click();
      const entry = await app.browser.$(`[data-testid^="recent-"][title="${paths[i]}"]`);
      await entry.click();
      await ui.$("notice").waitForDisplayed({ timeout: TIMEOUT });
      const text = await ui.textOf("notice");
      assert.ok(text.includes(names[i]), `${names[i]} is named: ${text}`);
      assert.match(text, says);
      assert.match(text, /The file was not opened/);
      await ui.shot(`10-refused-${i}`);
      await ui.$("notice-dismiss").click();
    }
    paths.forEach((p, i) => assert.ok(readFileSync(p).equals(before[i]), `${p} is unchanged`));
    // The document open before (the starter flow) is still there.
    assert.deepEqual(await ui.nodeIds(), ["hang_up", "start", "welcome"]);
  });
});
