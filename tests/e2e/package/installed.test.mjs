// The installed package (issue 18): the app that `apt-get install` put on the
// machine, started the way a file manager starts it (the desktop entry's
// Exec line with a *.ivr.json in place of %F), shows that flow on the canvas.
// Run by scripts/test-package.sh after it installs the .deb, with
// IVR_DESKTOP_FILE naming the installed desktop entry and IVR_STUDIO_BIN the
// binary its Exec line names. Screenshot: artifacts/e2e/installed-window.png.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { ARTIFACTS, BIN, ROOT, TIMEOUT, screenshotDisplay, startApp } from "../harness.mjs";

const DESKTOP = process.env.IVR_DESKTOP_FILE;
const WORK = mkdtempSync(path.join(tmpdir(), "ivr-e2e-installed-"));
const FLOW = path.join(WORK, "main-menu.ivr.json");
copyFileSync(path.join(ROOT, "docs/examples/main-menu.ivr.json"), FLOW);

/** The desktop entry's Exec line, split, with %F (and %f, %U, %u) as FLOW. */
function execLine() {
  assert.ok(DESKTOP, "IVR_DESKTOP_FILE names the installed desktop entry");
  const line = readFileSync(DESKTOP, "utf8")
    .split("\n")
    .find((l) => l.startsWith("Exec="));
  assert.ok(line, `${DESKTOP} has an Exec line`);
  const words = line.slice("Exec=".length).trim().split(/\s+/);
  assert.ok(words.some((w) => /^%[fFuU]$/.test(w)), `Exec passes the opened file: ${line}`);
  return words.map((w) => (/^%[fFuU]$/.test(w) ? FLOW : w));
}

describe("IVR Studio as installed: the desktop entry opens a flow file", () => {
  let app;
  const [program, ...args] = execLine();

  before(async () => {
    // The Exec line names the installed binary, on PATH.
    const resolved = execFileSync("sh", ["-c", `command -v "${program}"`], { encoding: "utf8" }).trim();
    assert.equal(resolved, BIN, "the Exec line runs the installed ivr-studio");
    app = await startApp({
      args,
      env: { IVR_STUDIO_CONFIG_DIR: path.join(WORK, "config"), IVR_STUDIO_DATA_DIR: path.join(WORK, "data") },
    });
  });

  after(async () => {
    await app?.stop();
    if (process.exitCode) console.log(app?.log.join(""));
  });

  it("shows the flow named on its command line", async () => {
    const $ = (testid) => app.browser.$(`[data-testid="${testid}"]`);
    await app.browser.waitUntil(async () => (await $("flow-name").getValue()) === "Acme main menu", {
      timeout: TIMEOUT,
      timeoutMsg: "the flow given to the Exec line did not open",
    });
    const blocks = await app.browser.execute(() => document.querySelectorAll("[data-block]").length);
    assert.equal(blocks, 6, "every block of main-menu.ivr.json is on the canvas");
    screenshotDisplay(path.join(ARTIFACTS, "installed-window.png"));
  });

  it("finds its starter flows where the package put them (New from template)", async () => {
    const $ = (testid) => app.browser.$(`[data-testid="${testid}"]`);
    await $("file-template").click();
    await $("template-main-menu").waitForDisplayed({ timeout: TIMEOUT });
    const ids = await app.browser.execute(() =>
      [...document.querySelectorAll('[data-testid="template-gallery"] [role=option]')].map((e) => e.getAttribute("data-testid")),
    );
    assert.ok(ids.length >= 6, `the installed gallery lists ${ids.join(", ")}`);
    screenshotDisplay(path.join(ARTIFACTS, "installed-templates.png"));
    await $("template-gallery-close").click();
  });
});
