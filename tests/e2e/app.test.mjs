// The real app, end to end: the release `ivr-studio` binary with its bundled UI,
// in a real window (run under Xvfb by scripts/test.sh), driven over WebDriver by
// tauri-driver + WebKitWebDriver. It checks that the window opens the starter
// flow on the canvas, drawn from the catalog, with the problems the Rust
// `validate_flow` command returns, in English and in Chinese. Screenshots go
// to artifacts/e2e/.
//
// Environment: IVR_STUDIO_BIN (the binary; default target/release/ivr-studio),
// TAURI_DRIVER (default: tauri-driver on PATH or in ~/.cargo/bin),
// E2E_ARTIFACTS (default: artifacts/e2e).

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { ARTIFACTS, TIMEOUT, screenshotDisplay, startApp } from "./harness.mjs";

describe("IVR Studio window", () => {
  let app;
  let browser;

  /** The text of the element `selector` selects, as the DOM has it (WebKitWebDriver's
   * visible-text atom misreads text inside React Flow's transformed viewport). */
  const text = (selector) =>
    browser.execute((s) => document.querySelector(s)?.textContent ?? null, selector);

  before(async () => {
    app = await startApp();
    browser = app.browser;
  });

  after(async () => {
    await app?.stop();
    if (process.exitCode && app) console.log(app.log.join(""));
  });

  it("opens the starter flow's three blocks on the canvas", async () => {
    const root = await browser.$('[data-testid="app"]');
    await root.waitForExist({ timeout: TIMEOUT });
    assert.equal(await browser.getTitle(), "New flow — IVR Studio");
    // The data comes from the Rust commands, not the in-memory backend.
    assert.equal(await root.getAttribute("data-backend"), "tauri");
    for (const id of ["start", "welcome", "hang_up"]) {
      const node = await browser.$(`[data-testid="node-${id}"]`);
      await node.waitForDisplayed({ timeout: TIMEOUT });
    }
    assert.equal(await browser.$('[data-testid="node-start"]').getAttribute("data-block"), "start");
    assert.equal(
      await browser.$('[data-testid="node-welcome"]').getAttribute("data-block"),
      "play_prompt",
    );
    assert.equal(await browser.$('[data-testid="node-hang_up"]').getAttribute("data-block"), "hang_up");
    assert.equal((await browser.$$(".react-flow__node")).length, 3);
    // Two lines, start -> welcome -> hang up.
    await browser.waitUntil(async () => (await browser.$$(".react-flow__edge")).length === 2, {
      timeout: TIMEOUT,
      timeoutMsg: "the starter flow's two lines were not drawn",
    });
  });

  it("renders each block from the catalog, in English", async () => {
    await browser.$('[data-testid="lang-en"]').click();
    assert.equal(await text('[data-testid="node-title-start"]'), "Start");
    assert.equal(await text('[data-testid="node-title-welcome"]'), "Welcome");
    assert.equal(await text('[data-testid="node-title-hang_up"]'), "Hang up");
    assert.match(await text('[data-testid="node-summary-welcome"]'), /Welcome to our service/);
    // One labelled exit per port: a prompt has next and error; hang up has none.
    assert.ok(await browser.$('[data-testid="port-welcome-next"]').isExisting());
    assert.ok(await browser.$('[data-testid="port-welcome-error"]').isExisting());
    assert.equal((await browser.$$('[data-testid^="port-hang_up-"]')).length, 0);
    // The start block has no entry; the others have one.
    assert.equal((await browser.$$('[data-testid="node-start"] .react-flow__handle.target')).length, 0);
    assert.equal((await browser.$$('[data-testid="node-hang_up"] .react-flow__handle.target')).length, 1);
    // Selecting a block shows its settings in the inspector.
    await browser.$('[data-testid="node-title-welcome"]').click();
    await browser.$('[data-testid="inspector-welcome"]').waitForExist({ timeout: TIMEOUT });
    assert.match(
      await browser.execute(() => document.querySelector('[data-testid="param-text"]')?.value),
      /Welcome to our service/,
    );
  });

  it("shows the problems panel with what validate_flow returns", async () => {
    const panel = await browser.$('[data-testid="problems-panel"]');
    await panel.waitForDisplayed({ timeout: TIMEOUT });
    // Settled: either "No problems" or a list, never an error.
    await browser.waitUntil(
      async () =>
        (await browser.$('[data-testid="problems-empty"]').isExisting()) ||
        (await browser.$('[data-testid="problem-item-0"]').isExisting()),
      { timeout: TIMEOUT, timeoutMsg: "the problems panel never showed a result" },
    );
    assert.equal(await browser.$('[data-testid="problems-error"]').isExisting(), false);
    const count = Number(await text('[data-testid="problems-count"]'));
    const listed = (await browser.$$('[data-testid^="problem-item-"]')).length;
    if (count === 0) {
      assert.match(await text('[data-testid="problems-empty"]'), /No problems/);
    } else {
      assert.equal(listed, count);
    }
    await browser.saveScreenshot(path.join(ARTIFACTS, "starter-en.png"));
    screenshotDisplay(path.join(ARTIFACTS, "window-en.png"));
  });

  it("checks again for a chosen target", async () => {
    await browser.$('[data-testid="target-select"]').selectByAttribute("value", "connect");
    await browser.waitUntil(
      async () =>
        (await browser.$('[data-testid="problems-empty"]').isExisting()) ||
        (await browser.$('[data-testid="problem-item-0"]').isExisting()),
      { timeout: TIMEOUT, timeoutMsg: "no result for the Connect target" },
    );
    assert.equal(await browser.$('[data-testid="problems-error"]').isExisting(), false);
    await browser.$('[data-testid="target-select"]').selectByAttribute("value", "");
  });

  it("enforces the CSP: no inline script, no remote origin", async () => {
    const result = await browser.executeAsync((done) => {
      const violations = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        violations.push(e.effectiveDirective || e.violatedDirective),
      );
      const script = document.createElement("script");
      script.textContent = "window.__inlineRan = true;";
      document.head.appendChild(script);
      fetch("https://example.com/")
        .then(() => "fetched")
        .catch(() => "blocked")
        .then((fetchResult) =>
          setTimeout(
            () => done({ inlineRan: window.__inlineRan === true, fetchResult, violations }),
            300,
          ),
        );
    });
    assert.equal(result.inlineRan, false, "an inline script ran");
    assert.equal(result.fetchResult, "blocked");
    assert.ok(result.violations.some((d) => d.startsWith("script-src")), JSON.stringify(result));
    assert.ok(result.violations.some((d) => d.startsWith("connect-src")), JSON.stringify(result));
  });

  it("switches to Chinese", async () => {
    await browser.$('[data-testid="lang-zh"]').click();
    await browser.waitUntil(
      async () => (await text('[data-testid="node-title-start"]')) === "开始",
      { timeout: TIMEOUT, timeoutMsg: "the start block was not named in Chinese" },
    );
    assert.equal(await text('[data-testid="node-title-hang_up"]'), "挂机");
    assert.match(await text('[data-testid="problems-panel"]'), /问题/);
    await browser.saveScreenshot(path.join(ARTIFACTS, "starter-zh.png"));
    screenshotDisplay(path.join(ARTIFACTS, "window-zh.png"));
    await browser.$('[data-testid="lang-en"]').click();
  });
});
