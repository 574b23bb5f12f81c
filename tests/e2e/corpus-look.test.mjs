// How real flows look (issue 19): the three largest Amazon Connect flows of
// the corpus (tests/corpus/, written by others) just opened from the command
// line, in English and Chinese, light and dark, each screenshotted
// (artifacts/e2e/look-*.png) and checked by axe-core's colour-contrast rule
// (WCAG AA) in the real window: no violation in either theme. A provider
// block (a Connect action kept verbatim) is selected first, so the
// inspector's readable parameter rows are in the shots and the check.

import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { ARTIFACTS, ROOT, screenshotDisplay, startApp } from "./harness.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const FLOWS = [
  "aws-samples--amazon-connect-rules-engine/RulesEngineQueue.json",
  "aws-samples--amazon-connect-rules-engine/RulesEngineDTMFInput.json",
  "aws-samples--amazon-connect-step-by-step-guides-module-library/Financial--contactFlow.json",
].map((f) => path.join(ROOT, "tests/corpus/connect", f));
const LONG = 60_000;

describe("IVR Studio: the largest real flows, in both languages and both themes", () => {
  let app;
  after(async () => {
    await app?.stop();
    if (process.exitCode) console.log(app?.log.join(""));
  });

  for (const file of FLOWS) {
    const name = path.basename(file, ".json");
    it(`${name}: readable, and no colour-contrast violation`, async () => {
      const work = mkdtempSync(path.join(tmpdir(), "ivr-e2e-look-"));
      app = await startApp({
        args: [file],
        env: { IVR_STUDIO_CONFIG_DIR: path.join(work, "config"), IVR_STUDIO_DATA_DIR: path.join(work, "data") },
      });
      const $ = (testid) => app.browser.$(`[data-testid="${testid}"]`);
      await app.browser.waitUntil(
        () => app.browser.execute(() => document.querySelectorAll("[data-block]").length > 0),
        { timeout: LONG, timeoutMsg: `${name} did not open` },
      );
      // A Connect action the model keeps verbatim, selected: the inspector
      // shows its parameters as readable rows (and is checked for contrast too).
      // The first one whose action has parameters (some have none).
      const providers = await app.browser.execute(() =>
        [...document.querySelectorAll('[data-block="provider"]')].map((el) => el.dataset.testid),
      );
      let rows = 0;
      for (const testid of providers.slice(0, 12)) {
        await app.browser.execute((id) => document.querySelector(`[data-testid="${id}"]`)?.click(), testid);
        await app.browser.$('[data-testid="param-type"]').waitForExist({ timeout: LONG, timeoutMsg: `${testid}: not shown` });
        await app.browser.pause(200);
        rows = await app.browser.execute(() => document.querySelectorAll(".provider-param").length);
        if (rows > 0) {
          console.log(`# ${name}: ${testid} selected, ${rows} parameter rows`);
          break;
        }
      }
      console.log(`# ${name}: ${providers.length} provider blocks drawn`);
      if (providers.length > 0) assert.ok(rows > 0, "a provider block's parameters are shown as rows");
      const violations = [];
      for (const lang of ["en", "zh"]) {
        for (const theme of ["light", "dark"]) {
          await $(`lang-${lang}`).click();
          await $(`theme-${theme}`).click();
          await app.browser.waitUntil(
            () =>
              app.browser.execute(
                (l, t) =>
                  document.querySelector(`[data-testid="lang-${l}"]`)?.getAttribute("aria-pressed") === "true" &&
                  document.documentElement.dataset.theme === t,
                lang,
                theme,
              ),
            { timeout: LONG, timeoutMsg: `the app did not switch to ${lang} ${theme}` },
          );
          // Let transitions (colours fade over 150 ms) end before measuring.
          await app.browser.pause(600);
          const shot = path.join(ARTIFACTS, `look-${name}-${lang}-${theme}.png`);
          await app.browser.saveScreenshot(shot);
          screenshotDisplay(shot.replace(/\.png$/, "-window.png"));
          if (!(await app.browser.execute(() => typeof window.axe === "object"))) await app.browser.execute(AXE);
          const found = await app.browser.executeAsync((done) => {
            window.axe
              .run(document, { runOnly: { type: "rule", values: ["color-contrast"] }, resultTypes: ["violations"] })
              .then((r) =>
                done(
                  r.violations.flatMap((v) =>
                    v.nodes.map((n) => `${n.target.join(" ")}: ${n.any.map((a) => a.message).join("; ")}`),
                  ),
                ),
              )
              .catch((e) => done([`axe failed: ${e}`]));
          });
          const checked = await app.browser.execute(() => document.querySelectorAll("[data-block]").length);
          console.log(`# ${name} ${lang} ${theme}: ${checked} blocks drawn, ${found.length} contrast violations`);
          violations.push(...found.map((v) => `${lang} ${theme}: ${v}`));
        }
      }
      await app.stop();
      app = undefined;
      assert.deepEqual(violations, [], "text below WCAG AA contrast");
    });
  }
});
