// Import and publish end to end, in the real app against the sandbox it
// starts for itself (issues 5, 6 and 7): for a CCC 2020, a CCC 2017 and a Connect
// profile, publish a flow through the app (seeding the sandbox), import it
// back from the Import dialog (search, preview), edit its prompt in the
// inspector, publish back (the plan says update, same remote id), and import
// again to see the edit. Then a user profile whose distinctive secret goes
// to the real Secret Service (gnome-keyring in this D-Bus session) is added,
// tested (the provider's refusal is shown) and removed; the secret must be
// in no file of the config and data folders, no log line, no IPC response
// and nowhere in the page. Screenshots in English and Chinese go to
// artifacts/e2e/cloud-*.png.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Key } from "webdriverio";
import { ARTIFACTS, TIMEOUT, screenshotDisplay, startApp } from "./harness.mjs";

const WORK = mkdtempSync(path.join(tmpdir(), "ivr-e2e-cloud-"));
const CONFIG = path.join(WORK, "config");
const DATA = path.join(WORK, "data");
const SECRET = "e2e-Canary-s3cr3t-Kq8Vx";

/** Starts an unlocked gnome-keyring in this D-Bus session, if there is one to
 * start; the test command's session (scripts/e2e-session.sh) has one already. */
function startKeyring() {
  if (process.env.IVR_E2E_KEYRING_DATA) return true;
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) return false;
  const r = spawnSync("gnome-keyring-daemon", ["--unlock", "--components=secrets"], {
    input: "throwaway-e2e-password\n",
    env: { ...process.env, XDG_DATA_HOME: path.join(WORK, "keyring-home") },
    encoding: "utf8",
    timeout: 15_000,
  });
  return r.status === 0;
}

/** Every file under `dir` whose bytes contain `needle`. */
function filesContaining(dir, needle) {
  const hits = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return hits;
  }
  for (const name of entries) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) hits.push(...filesContaining(p, needle));
    else if (readFileSync(p).includes(needle)) hits.push(p);
  }
  return hits;
}

describe("IVR Studio cloud: import, edit, publish back", () => {
  let app;
  let keyring = false;
  const $ = (testid) => app.browser.$(`[data-testid="${testid}"]`);
  const textOf = (testid) =>
    app.browser.execute((s) => document.querySelector(`[data-testid="${s}"]`)?.textContent ?? null, testid);
  const attr = (testid, name) =>
    app.browser.execute((s, n) => document.querySelector(`[data-testid="${s}"]`)?.getAttribute(n) ?? null, testid, name);
  const shot = async (name) => {
    await app.browser.saveScreenshot(path.join(ARTIFACTS, `cloud-${name}.png`));
    screenshotDisplay(path.join(ARTIFACTS, `cloud-${name}-window.png`));
  };
  const waitText = (testid, re, msg) =>
    app.browser.waitUntil(async () => re.test((await textOf(testid)) ?? ""), { timeout: TIMEOUT, timeoutMsg: msg });
  const choose = async (profile) => {
    await $("cloud-profile").selectByAttribute("value", profile);
    await app.browser.waitUntil(async () => (await $("cloud-profile").getValue()) === profile, { timeout: TIMEOUT });
  };

  /**
   * Publishes the open document with `profile`; returns the plan (action,
   * text) and the remote id. With `review` (an update): the dialog must list
   * the change `review.text` names, and Show on canvas must colour the block
   * `review.node` as changed (screenshot `review.shot`).
   */
  const publish = async (profile, review) => {
    await $("publish-button").click();
    await choose(profile);
    await $("publish-plan").waitForExist({ timeout: TIMEOUT });
    const action = await attr("publish-plan", "data-action");
    const plan = await textOf("publish-plan");
    if (review) {
      await $("publish-changes").waitForExist({ timeout: TIMEOUT });
      await waitText("publish-changes", new RegExp(review.text), "the publish's changes do not name the edit");
      await $("publish-show-changes").click();
      await app.browser.waitUntil(async () => (await attr(review.node, "data-review")) === "changed", {
        timeout: TIMEOUT,
        timeoutMsg: "Show on canvas did not colour the edited block",
      });
      await shot(review.shot);
    }
    await $("publish-confirm").click();
    await $("publish-remote-id").waitForExist({ timeout: TIMEOUT });
    const id = await textOf("publish-remote-id");
    return { action, id, plan };
  };

  /** Imports the flow `id` (found by searching `name`), checking the preview; opens it. */
  const importFlow = async (profile, name, id, shotName) => {
    await $("import-button").click();
    await choose(profile);
    await $("import-search").setValue(name);
    const row = await app.browser.$(`[data-testid="remote-flow-${id}"]`);
    await row.waitForExist({ timeout: TIMEOUT });
    await app.browser.waitUntil(async () => (await app.browser.$$('[data-testid^="remote-flow-"]')).length === 1, {
      timeout: TIMEOUT,
      timeoutMsg: "the search did not narrow the list to the flow",
    });
    await row.click();
    await waitText("preview-name", new RegExp(name), "no preview of the selected flow");
    if (shotName) await shot(shotName);
    await $("import-open").click();
    await app.browser.waitUntil(async () => !(await $("import-dialog").isExisting()), {
      timeout: TIMEOUT,
      timeoutMsg: "the Import dialog did not close",
    });
    // The published document is unsaved (it has no file): the editor asks first.
    if (await $("unsaved-dialog").isExisting()) {
      await $("unsaved-discard").click();
      await app.browser.waitUntil(async () => !(await $("unsaved-dialog").isExisting()), { timeout: TIMEOUT });
    }
    await app.browser.waitUntil(async () => (await $("flow-name").getValue()) === name, {
      timeout: TIMEOUT,
      timeoutMsg: `the imported flow ${name} did not open`,
    });
  };

  /** The id of the open document's prompt block. */
  const promptNode = () =>
    app.browser.execute(() => document.querySelector('[data-block="play_prompt"]')?.getAttribute("data-testid"));

  before(async () => {
    keyring = startKeyring();
    // The log at its most detailed: still nothing secret may reach it.
    app = await startApp({ env: { IVR_STUDIO_CONFIG_DIR: CONFIG, IVR_STUDIO_DATA_DIR: DATA, IVR_LOG: "trace" } });
    await $("cloud-toolbar").waitForExist({ timeout: TIMEOUT });
    await $("lang-en").click();
    // Record every IPC answer the webview gets from now on: the IPC goes
    // over fetch to the ipc: protocol, falling back to postMessage, whose
    // answers come back through window callbacks; both are recorded.
    await app.browser.execute(() => {
      window.__ipcLog = [];
      const fetch0 = window.fetch.bind(window);
      window.fetch = async (input, init) => {
        const r = await fetch0(input, init);
        const url = String(input?.url ?? input);
        if (url.startsWith("ipc:") || url.includes("ipc.localhost")) {
          r.clone()
            .text()
            .then((t) => window.__ipcLog.push(`${url} ${t}`));
        }
        return r;
      };
      const internals = window.__TAURI_INTERNALS__;
      const transform = internals.transformCallback?.bind(internals);
      if (transform) {
        try {
          internals.transformCallback = (cb, once) =>
            transform((response) => {
              window.__ipcLog.push(`callback ${JSON.stringify(response)}`);
              return cb?.(response);
            }, once);
        } catch {
          // Not replaceable: the fetch path still records.
        }
      }
    });
  });

  after(async () => {
    await app?.stop();
    if (process.exitCode) console.log(app?.log.join(""));
  });

  it("offers the built-in Local sandbox connections at once", async () => {
    await app.browser.waitUntil(async () => Number(await attr("cloud-toolbar", "data-profiles")) >= 3, {
      timeout: TIMEOUT,
      timeoutMsg: "the built-in profiles did not appear",
    });
    await shot("toolbar-en");
    await $("import-button").click();
    const values = await app.browser.execute(() =>
      [...document.querySelectorAll('[data-testid="cloud-profile"] option')].map((o) => o.value),
    );
    assert.deepEqual(values.slice(0, 3), ["sandbox-connect", "sandbox-ccc", "sandbox-ccc2017"]);
    await $("import-dialog-close").click();
  });

  for (const [profile, label] of [
    ["sandbox-ccc", "CCC"],
    ["sandbox-ccc2017", "CCC 2017"],
    ["sandbox-connect", "Connect"],
  ]) {
    const slug = label.toLowerCase().replace(/\W+/g, "-");
    it(`${label}: publish, import, edit, publish back, import again and see the edit`, async () => {
      const name = `E2E ${label} menu`;
      await $("flow-name").setValue(name);
      // Seed the sandbox through the app.
      const first = await publish(profile);
      assert.equal(first.action, "create");
      assert.match(first.plan, /local-sandbox/);
      assert.ok(first.id, "a remote id is reported");
      await shot(`${slug}-published`);
      await $("publish-done").click();

      await importFlow(profile, name, first.id, `${slug}-import`);
      const node = await promptNode();
      assert.ok(node, "the imported flow has its prompt");
      await app.browser.$(`[data-testid="${node}"]`).click();
      const edited = `Edited in the ${label} e2e test`;
      await $("param-text").waitForExist({ timeout: TIMEOUT });
      await $("param-text").setValue(edited);
      // WebKitWebDriver does not always clear a React-controlled field first: what counts is
      // that the field holds the edit, and that exactly this text comes back.
      const text = await $("param-text").getValue();
      assert.ok(text.endsWith(edited), text);

      const second = await publish(profile, { text: `Edited in the ${label} e2e test`, node, shot: `${slug}-changes` });
      assert.equal(second.action, "update");
      assert.equal(second.id, first.id, "the same remote flow is updated, not a new one");
      assert.match(second.plan, new RegExp(first.id));
      await $("publish-done").click();

      await importFlow(profile, name, first.id);
      const again = await promptNode();
      await app.browser.$(`[data-testid="${again}"]`).click();
      await $("param-text").waitForExist({ timeout: TIMEOUT });
      assert.equal(await $("param-text").getValue(), text);
      await shot(`${slug}-reimported`);
    });
  }

  it("keeps a user profile's secret in the keyring only", async (t) => {
    if (!keyring) {
      t.skip("no gnome-keyring in this D-Bus session");
      return;
    }
    await $("connections-button").click();
    const meta = await textOf("profile-sandbox-ccc");
    const endpoint = meta.match(/http:\/\/127\.0\.0\.1:\d+/)?.[0];
    assert.ok(endpoint, `the sandbox endpoint is shown: ${meta}`);
    await $("add-profile").click();
    await $("profile-name").setValue("e2e-user");
    await $("profile-provider").selectByAttribute("value", "aliyun");
    await $("profile-region").setValue("cn-shanghai");
    await $("profile-instance").setValue("e2e-instance");
    await $("profile-endpoint").setValue(endpoint);
    await $("profile-key_id").setValue("sandbox");
    await $("profile-secret").setValue(SECRET);
    await $("save-profile").click();
    await $("secret-stored").waitForExist({ timeout: TIMEOUT });
    assert.match(await textOf("secret-stored"), new RegExp(SECRET.slice(-4)));
    assert.equal(await $("profile-secret").getValue(), "", "the secret field is write-only");
    // Use it: the sandbox knows only its demo secret, so the provider refuses the signature.
    await $("test-e2e-user").click();
    await waitText("test-result-e2e-user", /SignatureDoesNotMatch/, "the provider's error is shown");
    await shot("connections-en");
    const ipc = await app.browser.execute(() => window.__ipcLog.join("\n"));
    const page = await app.browser.execute(
      () => document.documentElement.outerHTML + [...document.querySelectorAll("input")].map((i) => i.value).join("\n"),
    );
    await $("remove-e2e-user").click();
    await app.browser.waitUntil(async () => !(await $("profile-e2e-user").isExisting()), { timeout: TIMEOUT });
    await $("connections-panel-close").click();

    assert.ok(ipc.includes("save_profile") && ipc.includes("test_connection"), "the IPC answers were recorded");
    assert.ok(!ipc.includes(SECRET), "no IPC response carries the secret");
    assert.ok(!page.includes(SECRET), "the page holds no secret after saving");
    assert.deepEqual(filesContaining(CONFIG, SECRET), [], "no file in the config folder holds the secret");
    assert.deepEqual(filesContaining(DATA, SECRET), [], "no file in the data folder holds the secret");
    // The app's log (a file a day in the data folder's logs) has the refused
    // call, with the provider's request id, and nothing secret.
    const logDir = path.join(DATA, "logs");
    const logFiles = readdirSync(logDir).filter((f) => /^ivr-studio\..*\.log$/.test(f));
    assert.equal(logFiles.length, 1, `one log file for today: ${logFiles}`);
    const log = readFileSync(path.join(logDir, logFiles[0]), "utf8");
    const refused = log.split("\n").find((l) => l.includes("call failed") && l.includes("code=SignatureDoesNotMatch"));
    assert.ok(refused, `the refused call is in the log:\n${log}`);
    assert.match(refused, /provider=aliyun .*request_id=[0-9A-F-]{20,}/, refused);
    for (const needle of [SECRET, "Authorization", "authorization", "Signature="]) {
      assert.ok(!log.includes(needle), `the log holds no ${needle}`);
    }
    assert.ok(!app.log.join("").includes(SECRET), "no log line holds the secret");
  });

  it("refuses to publish a flow with errors, and shows them on the canvas", async () => {
    const node = await promptNode();
    await app.browser.$(`[data-testid="${node}"]`).click();
    await $("param-text").click();
    await app.browser.keys([Key.Ctrl, "a"]);
    await app.browser.keys([Key.Backspace]);
    await app.browser.waitUntil(async () => (await $("param-text").getValue()) === "", { timeout: TIMEOUT });
    await $("publish-button").click();
    await choose("sandbox-ccc");
    await $("publish-refused").waitForExist({ timeout: TIMEOUT });
    // The target switches to the connection's provider, and its problems are listed.
    await app.browser.waitUntil(async () => Number(await textOf("problems-count")) > 0, {
      timeout: TIMEOUT,
      timeoutMsg: "the problems panel does not list the flow's errors",
    });
    assert.equal(await $("target-select").getValue(), "aliyun");
    await shot("publish-refused");
    await $("publish-dialog-close").click();
    await $("param-text").setValue("Welcome back.");
    await app.browser.waitUntil(async () => Number(await textOf("problems-count")) === 0, {
      timeout: TIMEOUT,
      timeoutMsg: "the problems did not clear",
    });
  });

  it("speaks Chinese in the cloud dialogs", async () => {
    await $("lang-zh").click();
    assert.equal(await textOf("publish-button"), "发布");
    await $("connections-button").click();
    await $("connections-panel").waitForExist({ timeout: TIMEOUT });
    await shot("connections-zh");
    await $("connections-panel-close").click();
    await $("import-button").click();
    await choose("sandbox-ccc");
    await $("import-list").waitForExist({ timeout: TIMEOUT });
    await app.browser.waitUntil(async () => (await app.browser.$$('[data-testid^="remote-flow-"]')).length > 0, {
      timeout: TIMEOUT,
    });
    await (await app.browser.$$('[data-testid^="remote-flow-"]'))[0].click();
    await $("preview-name").waitForExist({ timeout: TIMEOUT });
    await shot("import-zh");
    await $("import-dialog-close").click();
    await $("publish-button").click();
    await choose("sandbox-ccc");
    await $("publish-plan").waitForExist({ timeout: TIMEOUT });
    await shot("publish-zh");
    await $("publish-dialog-close").click();
    await $("lang-en").click();
  });
});
