// Errors from the Rust side in the UI's language (issue 19), in the real app
// with the UI in Chinese: a file that is not JSON, opened from the recent
// list, is refused in Chinese, naming the file; a connection test that cannot
// reach its endpoint says so in Chinese, naming the host and what to check,
// and in English with the UI in English. Screenshots go
// to artifacts/e2e/errors-zh-*.png.

import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ARTIFACTS, TIMEOUT, screenshotDisplay, startApp } from "./harness.mjs";

const WORK = mkdtempSync(path.join(tmpdir(), "ivr-e2e-errors-zh-"));
const DATA = path.join(WORK, "data");
const ENV = { IVR_STUDIO_CONFIG_DIR: path.join(WORK, "config"), IVR_STUDIO_DATA_DIR: DATA };
const BAD = path.join(WORK, "notes.ivr.json");
const SECRET = "e2e-errors-zh-s3cr3t-Pq7";

describe("IVR Studio: errors from the Rust side, in Chinese", () => {
  let app;
  const $ = (testid) => app.browser.$(`[data-testid="${testid}"]`);
  const textOf = (testid) =>
    app.browser.execute((s) => document.querySelector(`[data-testid="${s}"]`)?.textContent ?? null, testid);
  const waitText = (testid, re, msg) =>
    app.browser
      .waitUntil(async () => re.test((await textOf(testid)) ?? ""), { timeout: TIMEOUT, timeoutMsg: msg })
      .catch(async (e) => {
        e.message += `: ${await textOf(testid)}`;
        throw e;
      });
  const shot = (name) => screenshotDisplay(path.join(ARTIFACTS, `errors-zh-${name}.png`));

  after(async () => {
    await app?.stop();
    if (process.exitCode) console.log(app?.log.join(""));
  });

  it("refuses a bad file in Chinese, naming it", async () => {
    writeFileSync(BAD, "this is not JSON");
    // In the recent list, as if opened before: no native dialog needed.
    mkdirSync(DATA, { recursive: true });
    writeFileSync(path.join(DATA, "recent.json"), JSON.stringify([BAD]));
    app = await startApp({ env: ENV });
    await $("lang-zh").click();
    await $("file-recent").click();
    await app.browser.$(`[data-testid^="recent-"][title="${BAD}"]`).click();
    await $("notice").waitForDisplayed({ timeout: TIMEOUT });
    const text = await textOf("notice");
    assert.ok(text.includes("notes.ivr.json"), text);
    assert.match(text, /第 1 行第 \d+ 列：不是有效的 JSON/);
    assert.doesNotMatch(text, /not valid JSON/);
    shot("file");
    await $("notice-dismiss").click();
  });

  it("says in Chinese which host a connection test could not reach, and in English in English", async (t) => {
    if (!process.env.IVR_E2E_KEYRING_DATA) {
      t.skip("no gnome-keyring in this D-Bus session (scripts/e2e-session.sh starts one)");
      return;
    }
    await $("connections-button").click();
    await $("add-profile").click();
    await $("profile-name").setValue("offline");
    await $("profile-provider").selectByAttribute("value", "connect");
    await $("profile-region").setValue("us-east-1");
    await $("profile-instance").setValue("i-offline");
    // Nothing listens on port 9: the connection is refused at once.
    await $("profile-endpoint").setValue("http://127.0.0.1:9");
    await $("profile-key_id").setValue("AKIDOFFLINE");
    await $("profile-secret").setValue(SECRET);
    await $("save-profile").click();
    await $("secret-stored").waitForExist({ timeout: TIMEOUT });
    await $("test-offline").click();
    await waitText("test-result-offline", /网络错误：无法连接 127\.0\.0\.1/, "the failure is not in Chinese with the host");
    const zh = await textOf("test-result-offline");
    assert.match(zh, /接入地址/, "it says what to check");
    assert.doesNotMatch(zh, /cannot reach|check the endpoint/);
    assert.ok(!zh.includes(SECRET));
    shot("connection");
    // The same failure in English, with the UI in English.
    await $("connections-panel-close").click();
    await $("lang-en").click();
    await $("connections-button").click();
    await $("test-offline").click();
    await waitText("test-result-offline", /network error: cannot reach 127\.0\.0\.1/, "the failure is not in English");
    assert.match(await textOf("test-result-offline"), /check the endpoint/);
    await $("remove-offline").click();
    await app.browser.waitUntil(async () => !(await $("profile-offline").isExisting()), { timeout: TIMEOUT });
  });
});
