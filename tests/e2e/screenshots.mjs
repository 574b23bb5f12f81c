// README screenshots of a real menu flow, in English (docs/examples/main-menu.ivr.json)
// and in Chinese (main-menu-zh.ivr.json), taken from the release app under Xvfb:
//   xvfb-run -a -s "-screen 0 1360x850x24" dbus-run-session -- node tests/e2e/screenshots.mjs
// Not a test (node --test runs only *.test.mjs).

import path from "node:path";
import { ROOT, TIMEOUT, screenshotDisplay, startApp } from "./harness.mjs";

/** Opens `example`, selects its menu, switches to `lang` and takes the display into `out`. */
async function shoot(example, lang, out) {
  const app = await startApp({ args: [path.join(ROOT, "docs/examples", example)] });
  const { browser } = app;
  try {
    const $ = (id) => browser.$(`[data-testid="${id}"]`);
    await $("node-main_menu").waitForDisplayed({ timeout: TIMEOUT });
    await $(`lang-${lang}`).click();
    await $("problems-empty").waitForExist({ timeout: TIMEOUT });
    await browser.$(".react-flow__controls-fitview").click();
    await $("node-title-main_menu").click();
    await $("inspector-main_menu").waitForExist({ timeout: TIMEOUT });
    await browser.pause(600);
    screenshotDisplay(path.join(ROOT, "docs", out));
  } finally {
    await app.stop();
  }
}

await shoot("main-menu.ivr.json", "en", "screenshot-menu.png");
await shoot("main-menu-zh.ivr.json", "zh", "screenshot-menu-zh.png");
