// Local history in the real app (issue 16): a flow file is opened from the
// command line, edited and saved twice; History lists a snapshot per save,
// the older one compared with the document names the edit in the designer's
// words (the engine's diff over IPC), and Restore makes it the document
// again as one unsaved edit that one undo takes back. In English and
// Chinese, with screenshots.

import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Key } from "webdriverio";
import { ROOT, TIMEOUT, startApp } from "./harness.mjs";
import { pageOf } from "./page.mjs";

const WORK = mkdtempSync(path.join(tmpdir(), "ivr-e2e-history-"));
const env = { IVR_STUDIO_DATA_DIR: path.join(WORK, "data"), IVR_STUDIO_CONFIG_DIR: path.join(WORK, "config") };
const FILE = path.join(WORK, "history.ivr.json");
const fixture = JSON.parse(readFileSync(path.join(ROOT, "ui/src/backend/fixture.json"), "utf8"));

describe("local history", () => {
  let app;

  after(async () => {
    await app?.stop();
    if (process.exitCode && app) console.log(app.log.join(""));
  });

  it("keeps a snapshot per save, compares one with the document, and restores it as one undo step", async () => {
    writeFileSync(FILE, JSON.stringify({ format: "ivr-studio/flow", version: 1, ...fixture.starter_flow, name: "History" }));
    app = await startApp({ args: [FILE], env });
    const { browser } = app;
    const page = pageOf(browser, "history");
    const { $ } = page;
    const value = () => browser.execute(() => document.querySelector('[data-testid="param-text"]')?.value);
    const save = async () => {
      await browser.keys([Key.Ctrl, "s"]);
      await browser.waitUntil(async () => (await $("dirty-marker").getAttribute("data-dirty")) === "false", {
        timeout: TIMEOUT,
        timeoutMsg: "Ctrl+S did not save",
      });
    };
    const setPrompt = async (text) => {
      await $("param-text").setValue(text);
      await browser.waitUntil(async () => (await value())?.endsWith(text), { timeout: TIMEOUT });
    };
    await $("node-welcome").waitForExist({ timeout: TIMEOUT });
    await $("lang-en").click();
    await $("node-welcome").click();
    await $("param-text").waitForExist({ timeout: TIMEOUT });
    const first = await value();
    await setPrompt("Version two.");
    await save();
    await setPrompt("Version three.");
    await save();
    assert.ok(JSON.parse(readFileSync(FILE, "utf8")).nodes.some((n) => String(n.params.text).endsWith("Version three.")));

    await $("file-history").click();
    await $("history-list").waitForExist({ timeout: TIMEOUT });
    const rows = await browser.$$('[data-testid="history-list"] li');
    assert.equal(rows.length, 2, "a snapshot per save");
    await $("history-1").click();
    await $("history-compare").waitForExist({ timeout: TIMEOUT });
    const compare = await $("history-compare").getText();
    assert.match(compare, /Version two\.".*→.*Version three\./s, compare);
    await page.shot("1-compare-en");
    // In Chinese (the language is chosen with the dialog closed).
    await $("history-dialog-close").click();
    await $("lang-zh").click();
    await $("file-history").click();
    await $("history-1").click();
    await $("history-compare").waitForExist({ timeout: TIMEOUT });
    const zh = await $("history-compare").getText();
    assert.match(zh, /从此快照到当前文档的改动/, zh);
    assert.match(zh, /"Welcome" 的提示文本/, zh);
    await page.shot("2-compare-zh");

    await $("history-restore").click();
    await page.gone("history-dialog", TIMEOUT);
    await browser.waitUntil(async () => (await value())?.endsWith("Version two."), {
      timeout: TIMEOUT,
      timeoutMsg: "Restore did not bring the older text back",
    });
    assert.equal(await $("dirty-marker").getAttribute("data-dirty"), "true", "restored as an unsaved edit");
    assert.ok(
      JSON.parse(readFileSync(FILE, "utf8")).nodes.some((n) => String(n.params.text).endsWith("Version three.")),
      "the file is untouched until saved",
    );
    await page.shot("3-restored");
    await browser.keys([Key.Ctrl, "z"]);
    await browser.waitUntil(async () => (await value())?.endsWith("Version three."), {
      timeout: TIMEOUT,
      timeoutMsg: "one undo did not take the restore back",
    });
    assert.notEqual(first, "Version three.");
  });
});
