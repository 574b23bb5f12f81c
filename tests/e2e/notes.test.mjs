// Sticky notes and the light / dark themes, in the real app: add a note from
// the toolbar, type in it, move it, save with Ctrl+S (the file on the command
// line) and find it in the file; reopen and find it drawn again; delete it.
// Then switch to the dark theme (the document's theme changes, colours
// change, the choice survives a restart) with screenshots of both themes in
// English and Chinese, the connections and publish dialogs included (publishing
// to CCC warns that its notes are not carried). The Connect encoding
// of notes (annotations) is checked by ivr-flow's connect_roundtrip test.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Key } from "webdriverio";
import { ROOT, TIMEOUT, startApp } from "./harness.mjs";
import { pageOf } from "./page.mjs";

const WORK = mkdtempSync(path.join(tmpdir(), "ivr-e2e-notes-"));
const env = { IVR_STUDIO_DATA_DIR: path.join(WORK, "data"), IVR_STUDIO_CONFIG_DIR: path.join(WORK, "config") };
const FILE = path.join(WORK, "notes.ivr.json");
const fixture = JSON.parse(readFileSync(path.join(ROOT, "ui/src/backend/fixture.json"), "utf8"));
const TEXT = "Ask sales about\nthe May holiday hours";

function on(app) {
  const { browser } = app;
  const page = pageOf(browser, "notes");
  const { $, rect, dragBy: drag, gone } = page;
  const shot = async (name) => {
    await browser.pause(250);
    await page.shot(name);
  };
  const saved = () => JSON.parse(readFileSync(FILE, "utf8"));
  const save = async () => {
    await browser.keys([Key.Ctrl, "s"]);
    await browser.waitUntil(async () => (await $("dirty-marker").getAttribute("data-dirty")) === "false", {
      timeout: TIMEOUT,
      timeoutMsg: "Ctrl+S did not save",
    });
  };
  /** The theme on <html> and the computed background colours of some parts. */
  const colours = () =>
    browser.execute(() => {
      const bg = (sel) => {
        const el = document.querySelector(sel);
        return el ? getComputedStyle(el).backgroundColor : null;
      };
      return {
        theme: document.documentElement.dataset.theme,
        toolbar: bg(".toolbar"),
        inspector: bg(".inspector"),
        canvas: bg(".react-flow"),
        block: bg(".block-node"),
        note: bg(".note-node"),
        text: getComputedStyle(document.querySelector(".toolbar")).color,
        flowClass: document.querySelector(".react-flow")?.className ?? "",
      };
    });
  return { $, rect, shot, saved, save, colours, drag, gone };
}

describe("sticky notes and themes", () => {
  let app;

  before(() => {
    writeFileSync(FILE, JSON.stringify({ format: "ivr-studio/flow", version: 1, ...fixture.starter_flow, name: "Notes" }));
  });

  after(async () => {
    await app?.stop();
    if (process.exitCode && app) console.log(app.log.join(""));
  });

  it("adds a note from the toolbar, types in it, moves it, and saves it in the file", async () => {
    app = await startApp({ args: [FILE], env });
    const ui = on(app);
    const { browser } = app;
    await ui.$("node-welcome").waitForExist({ timeout: TIMEOUT });
    await browser.waitUntil(async () => (await browser.getTitle()).includes("notes.ivr.json"), { timeout: TIMEOUT });
    // The choice is kept in the webview's storage, across runs: start from
    // "follow the system" (light under Xvfb), and leave it so at the end.
    await ui.$("theme-system").click();
    await browser.waitUntil(async () => (await ui.colours()).theme === "light", {
      timeout: TIMEOUT,
      timeoutMsg: "following the system (light) did not give the light theme",
    });
    await ui.$("add-note").click();
    const input = ui.$("note-input-note_1");
    await input.waitForExist({ timeout: TIMEOUT });
    // The new note is ready for typing, and the inspector says what it is.
    assert.equal(await browser.execute(() => document.activeElement?.dataset.testid), "note-input-note_1");
    assert.ok(await ui.$("inspector-note").isExisting());
    await browser.keys("Ask sales about");
    await browser.keys(Key.Enter);
    await browser.keys("the May holiday hours");
    await browser.keys([Key.Ctrl, Key.Enter]);
    await ui.gone("note-input-note_1", TIMEOUT);
    assert.equal(await ui.$("note-text-note_1").getText(), TEXT);
    // Notes take no lines: no handle on it.
    const handles = await browser.execute(
      () => document.querySelector('[data-id="note_1"]')?.querySelectorAll(".react-flow__handle").length,
    );
    assert.equal(handles, 0);
    await ui.save();
    let note = ui.saved().notes[0];
    assert.equal(note.text, TEXT);
    assert.deepEqual(note.size, { width: 200, height: 120 });
    const before = note.position;
    // Off the block it was added over (the middle of the view).
    await ui.drag("note-note_1", 120, 200);
    await browser.waitUntil(async () => (await ui.$("dirty-marker").getAttribute("data-dirty")) === "true", {
      timeout: TIMEOUT,
      timeoutMsg: "the drag did not move the note",
    });
    await ui.save();
    note = ui.saved().notes[0];
    assert.ok(note.position.x > before.x + 60 && note.position.y > before.y + 100, JSON.stringify(note.position));
    assert.equal(note.text, TEXT);
    // A note does not disturb validation.
    assert.ok(await ui.$("problems-empty").isExisting());
    await ui.shot("1-light-en");
  });

  it("switches to the dark theme: the document's theme and colours change", async () => {
    const ui = on(app);
    const light = await ui.colours();
    await ui.$("theme-dark").click();
    await app.browser.waitUntil(async () => (await ui.colours()).theme === "dark", { timeout: TIMEOUT });
    const dark = await ui.colours();
    for (const part of ["toolbar", "inspector", "canvas", "block", "note", "text"]) {
      assert.notEqual(dark[part], light[part], `${part} changes colour`);
    }
    assert.match(dark.flowClass, /\bdark\b/, "React Flow follows (colorMode)");
    assert.equal(await ui.$("theme-dark").getAttribute("aria-pressed"), "true");
    await ui.shot("2-dark-en");
    await ui.$("lang-zh").click();
    await ui.$("node-welcome").click();
    await ui.$("inspector-welcome").waitForExist({ timeout: TIMEOUT });
    await ui.shot("3-dark-zh");
    await ui.$("connections-button").click();
    await ui.$("connections-panel").waitForDisplayed({ timeout: TIMEOUT });
    await ui.shot("4-dark-zh-connections");
    await ui.$("connections-panel-close").click();
    // Publishing to CCC, which has no place for notes, says so before the designer confirms.
    await ui.$("publish-button").click();
    await ui.$("cloud-profile").selectByAttribute("value", "sandbox-ccc");
    await ui.$("publish-warnings").waitForExist({ timeout: TIMEOUT });
    const codes = await app.browser.execute(() =>
      [...document.querySelectorAll('[data-testid="publish-warnings"] li')].map((li) => li.dataset.code),
    );
    assert.deepEqual(codes, ["target.notes-dropped"]);
    assert.ok(await ui.$("publish-confirm").isExisting(), "a warning does not stop the publish");
    await ui.shot("4b-dark-zh-publish-ccc");
    await ui.$("publish-dialog-close").click();
    await ui.$("lang-en").click();
    await ui.$("theme-light").click();
    await app.browser.waitUntil(async () => (await ui.colours()).theme === "light", { timeout: TIMEOUT });
    await ui.$("lang-zh").click();
    await ui.shot("5-light-zh");
    await ui.$("lang-en").click();
    await ui.$("theme-dark").click();
  });

  it("reopens the file with the note drawn, in the remembered theme; Delete removes the note", async () => {
    // Rust keeps the theme and language in the settings file, written when
    // chosen (before the command answers): it is on disk now, with no wait.
    const settingsFile = path.join(env.IVR_STUDIO_CONFIG_DIR, "settings.json");
    await app.browser.waitUntil(
      async () => {
        try {
          return JSON.parse(readFileSync(settingsFile, "utf8")).theme === "dark";
        } catch {
          return false;
        }
      },
      { timeout: 5_000, timeoutMsg: `the dark choice is not in ${settingsFile}` },
    );
    assert.deepEqual(JSON.parse(readFileSync(settingsFile, "utf8")), { theme: "dark", language: "en" });
    await app.stop();
    app = await startApp({ args: [FILE], env });
    const ui = on(app);
    await ui.$("note-note_1").waitForExist({ timeout: TIMEOUT });
    assert.equal(await ui.$("note-text-note_1").getText(), TEXT);
    await app.browser.waitUntil(async () => (await ui.colours()).theme === "dark", {
      timeout: TIMEOUT,
      timeoutMsg: "the dark theme was not remembered",
    });
    await ui.shot("6-reopened-dark");
    await ui.$("note-text-note_1").click();
    await ui.$("inspector-note").waitForExist({ timeout: TIMEOUT });
    await app.browser.keys(Key.Delete);
    await ui.gone("note-note_1", TIMEOUT);
    await ui.save();
    assert.deepEqual(ui.saved().notes ?? [], []);
    assert.equal(ui.saved().nodes.length, fixture.starter_flow.nodes.length, "the blocks are untouched");
    // Back to following the system, for the next runs and tests.
    await ui.$("theme-system").click();
    await app.browser.waitUntil(async () => (await ui.colours()).theme === "light", { timeout: TIMEOUT });
  });
});
