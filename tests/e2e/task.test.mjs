// An NXLink outbound task made in the real app against the sandbox it starts
// for itself (issue 15, must-show 4): New task; the AI agent and the route
// picked (with search) from the built-in sandbox-nxlink connection's lists;
// the calling hours painted by dragging over the grid; a CSV with bad rows
// imported through the native file dialog (typed into as a hand would, with
// XTest) and each row's problem shown on its row and cell; the rows fixed in
// place; Create enabled only then; the result (task id, accepted, and the row
// NXLink refused with its reason); the task in the Tasks view. Screenshots
// in English and Chinese go to artifacts/e2e/task-*.png.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TIMEOUT, startApp } from "./harness.mjs";
import { pageOf } from "./page.mjs";

const XWINDOWS = path.join(path.dirname(fileURLToPath(import.meta.url)), "xwindows.py");
// Lower case and digits only: the path is typed into the file dialog key by key.
const WORK = `/tmp/ivr-e2e-task-${process.pid}`;
const CSV = path.join(WORK, "calls.csv");
// Row 3: letters in the number; row 4: no number; row 5: row 2's number again.
// "city" is no variable the sandbox's agent 197 declares: NXLink refuses the
// contact that has one (row 6).
const ROWS = [
  "name,phone,customerName,orderNo,city",
  "Li Lei,+86 138 0000 0001,Li,A100,",
  "Han Meimei,138-abc-0002,Han,A101,",
  "Wang Fang,,Wang,A102,",
  "Zhang Wei,+86 138 0000 0001,Zhang,A103,",
  "Chen Jie,+86 139 0000 0005,Chen,A104,Beijing",
];

describe("IVR Studio outbound task: new, hours, CSV, fix, create, list", () => {
  let app;
  let ui;
  const started = Date.now();
  const textOf = (testid) =>
    app.browser.execute((s) => document.querySelector(`[data-testid="${s}"]`)?.textContent ?? null, testid);
  const attr = (testid, name) =>
    app.browser.execute((s, n) => document.querySelector(`[data-testid="${s}"]`)?.getAttribute(n) ?? null, testid, name);
  const until = (f, msg) => app.browser.waitUntil(f, { timeout: TIMEOUT, timeoutMsg: msg });
  const severity = (testid) => attr(testid, "data-severity");
  /** Scrolls the task's main column down to the call list. */
  const scrollToRows = () =>
    app.browser.execute(() => {
      const main = document.querySelector(".task-main");
      main.scrollTop = main.scrollHeight;
    });

  before(async () => {
    mkdirSync(WORK, { recursive: true });
    // As Excel writes it: UTF-8 with a BOM, CRLF.
    writeFileSync(CSV, "\ufeff" + ROWS.join("\r\n") + "\r\n");
    app = await startApp();
    const page = pageOf(app.browser, "task");
    // A moment for the last check's answer to be painted before each picture.
    ui = { ...page, shot: async (name) => (await app.browser.pause(400), page.shot(name)) };
  });

  after(async () => {
    await app?.stop();
    rmSync(WORK, { recursive: true, force: true });
  });

  it("makes a task from the sandbox's lists, paints its hours, imports, fixes and creates it", async () => {
    await ui.$("task-new").click();
    await ui.$("task-form").waitForExist({ timeout: TIMEOUT });
    assert.equal(await attr("app", "data-view"), "task");
    assert.match(await ui.$("task-profile").getValue(), /^sandbox-nxlink$/);

    // The agent and the route, from the connection's lists, narrowed by a search.
    await until(async () => (await app.browser.$$('[data-testid="task-agent"] option')).length >= 3, "no agents listed");
    await ui.$("task-agent-search").setValue("order");
    await until(async () => (await app.browser.$$('[data-testid="task-agent"] option')).length === 2, "the search did not narrow the agents");
    await ui.$("task-agent").selectByAttribute("value", "197");
    await until(async () => (await app.browser.$$('[data-testid="task-route"] option')).length >= 3, "no routes listed");
    await ui.$("task-route-search").setValue("hong");
    const route = await app.browser.execute(
      () => [...document.querySelectorAll('[data-testid="task-route"] option')].map((o) => o.value).find((v) => v !== ""),
    );
    await ui.$("task-route").selectByAttribute("value", route);
    await ui.$("task-name").setValue("Spring follow-up");
    await ui.$("task-country").setValue("86");

    // The required fields' errors leave the form as the check answers: the
    // grid below moves up, so it is measured once they are gone.
    await until(async () => (await app.browser.$$('[data-testid^="field-problem-"]')).length === 0, "the form still shows problems");

    // Calling hours: cleared, then 09:00 to 18:00 painted in one drag; Saturday ticked.
    await ui.$("hours-clear").click();
    await until(async () => /^0 /.test((await textOf("hours-open-count")) ?? ""), "the hours were not cleared");
    const to = await app.browser.execute(() => {
      const r = document.querySelector('[data-testid="hour-cell-71"]').getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    });
    await ui.dragTo("hour-cell-36", to);
    await until(async () => /^36 /.test((await textOf("hours-open-count")) ?? ""), "the drag did not paint 09:00-18:00");
    assert.equal(await attr("hour-cell-35", "data-open"), "false");
    assert.equal(await attr("hour-cell-36", "data-open"), "true");
    assert.equal(await attr("hour-cell-71", "data-open"), "true");
    assert.equal(await attr("hour-cell-72", "data-open"), "false");
    await ui.$("day-6").click();

    // The CSV, through the native file dialog.
    await ui.$("task-import-csv").click();
    await until(async () => {
      try {
        execFileSync("python3", [XWINDOWS, "type", "Import a call list", CSV], { encoding: "utf8" });
        return true;
      } catch {
        return false;
      }
    }, "the file dialog did not open");
    await until(async () => /^5 /.test((await textOf("rows-count")) ?? ""), "the CSV's rows were not imported");
    const shownAt = Date.now();
    assert.match(await textOf("task-imported"), /calls\.csv \(utf8_bom, 5/);
    assert.equal(await ui.$("task-variables").getValue(), "customerName, orderNo, city");

    // Each problem on its row and cell.
    await until(async () => (await severity("row-2")) === "error", "row 2's bad number is not shown");
    console.log(`# problems shown ${Date.now() - shownAt} ms after the rows`);
    assert.equal(await severity("cell-2-phoneNumber"), "error");
    assert.equal(await severity("cell-2-name"), "none");
    assert.match(await textOf("row-problems-2"), /not a phone number/);
    assert.equal(await severity("row-3"), "error");
    assert.match(await textOf("row-problems-3"), /no phone number/);
    assert.equal(await severity("row-4"), "warning");
    assert.match(await textOf("row-problems-4"), /also on row 1/);
    assert.equal(await severity("row-1"), "none");
    assert.equal(await textOf("e164-1"), "+8613800000001");
    assert.equal(await textOf("e164-2"), "—");
    assert.equal(await ui.$("task-create").isEnabled(), false);
    assert.match(await textOf("task-plan"), /3 contacts ready.*2 rows left out for errors/);
    await ui.shot("1-problems-en");
    await scrollToRows();
    await ui.shot("1b-problems-rows-en");

    // Fixed in place; checked again.
    await ui.$("cell-2-phoneNumber").setValue("+86 138 0000 0002");
    await ui.$("cell-3-phoneNumber").setValue("+86 138 0000 0003");
    await ui.$("cell-4-phoneNumber").setValue("+86 138 0000 0004");
    await until(async () => (await ui.$("task-create").isEnabled()) === true, "Create stayed disabled after the fixes");
    // Create is enabled once the errors are gone, which can be before the last edit (row 4's
    // duplicate, a warning) has been checked again: wait for that check too (a CI run saw it).
    for (const n of [1, 2, 3, 4, 5]) await until(async () => (await severity(`row-${n}`)) === "none", `row ${n} still shows a problem`);
    assert.equal(await textOf("e164-2"), "+8613800000002");
    assert.match(await textOf("task-plan"), /^5 contacts ready, in 1 call\(s\), with sandbox-nxlink/);

    // Created: the task id, 4 accepted, the row with a city refused with NXLink's reason.
    await ui.$("task-create").click();
    // The result, or the error the create ended with: a failure names which.
    await until(
      async () => (await textOf("task-result")) !== null || (await textOf("task-create-error")) !== null,
      "no result and no error 20 s after Create",
    );
    assert.equal(await textOf("task-create-error"), null, "the create ended with an error");
    assert.equal(await textOf("task-already-there"), null, "the sandbox had this task already");
    const summary = await textOf("task-result-summary");
    assert.match(summary, /4 accepted · 1 refused/);
    const id = await textOf("task-result-id");
    assert.ok(id, "a task id");
    assert.match(await textOf("refused-0"), /Chen Jie/);
    assert.match(await textOf("refused-0"), /city/);
    await ui.shot("2-created-en");
    await scrollToRows();
    await ui.shot("2b-created-rows-en");

    // The Tasks view lists it.
    await ui.$("task-show-tasks").click();
    await ui.$(`task-row-${id}`).waitForExist({ timeout: TIMEOUT });
    assert.match(await textOf(`task-row-${id}`), /Spring follow-up/);
    await ui.shot("3-tasks-en");
  });

  it("speaks Chinese in the task views", async () => {
    await ui.$("lang-zh").click();
    await until(async () => (await textOf("task-tab-tasks")) === "任务列表", "the task bar is not in Chinese");
    await ui.shot("4-tasks-zh");
    await ui.$("task-tab-task").click();
    await ui.$("task-form").waitForExist({ timeout: TIMEOUT });
    assert.match(await textOf("hours"), /外呼时段/);
    assert.equal(await textOf("task-create"), "创建任务");
    // A bad number again, in Chinese.
    await ui.$("cell-2-phoneNumber").setValue("138-abc-0002");
    await until(async () => (await severity("row-2")) === "error", "the bad number is not shown");
    assert.match(await textOf("row-problems-2"), /不是电话号码/);
    await ui.shot("5-problems-zh");
    await scrollToRows();
    await ui.shot("5b-problems-rows-zh");
    await ui.$("lang-en").click();
    console.log(`# task journey: ${Date.now() - started} ms`);
  });
});
