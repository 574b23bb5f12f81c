// The native menu bar of the real app (issue 18), walked with the keyboard
// as a designer does (F10, arrows, Enter, sent by xdotool to the focused
// window under a window manager), in English and in Chinese:
// - File > New from template opens the gallery of the shipped starter
//   flows; one is created and its blocks are on the canvas;
// - File > Export picture asks where to save (the real GTK dialog, answered
//   with a path) and writes an SVG, parsed here, holding every block's name;
//   given a `.png` name, a PNG (its signature and size read back);
// - Help > Open logs folder hands the app's log folder to the file manager
//   (`xdg-open`, here a script first on PATH that notes what it was given).
// Screenshots of the open menus and the gallery in both languages.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TIMEOUT, startApp } from "./harness.mjs";
import { pageOf } from "./page.mjs";

const WORK = mkdtempSync(path.join(tmpdir(), "ivr-e2e-menu-"));
const DATA = path.join(WORK, "data");
const BIN = path.join(WORK, "bin");
const OPENED = path.join(WORK, "xdg-open.txt");

/** Where a program is, or null. */
function which(program) {
  try {
    return execFileSync("sh", ["-c", `command -v ${program}`], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const xdotool = (...args) => execFileSync("xdotool", args, { encoding: "utf8", timeout: 20_000 }).trim();

/** The text of every element of an SVG document, entities undone (a parse of what the picture says). */
function svgTexts(svg) {
  assert.match(svg, /^(<\?xml[^>]*\?>\s*)?<svg[\s>]/, "the file is an SVG document");
  // Well-formed: every opened element is closed, in order.
  const stack = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    if (m[3] === "/") continue;
    if (m[1] === "/") assert.equal(stack.pop(), m[2], `</${m[2]}> closes what was opened`);
    else stack.push(m[2]);
  }
  assert.deepEqual(stack, [], "every element is closed");
  const unescape = (s) =>
    s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]));
}

describe("the native menu", { skip: !which("xdotool") || !which("openbox") ? "needs xdotool and openbox" : false }, () => {
  let app;
  let wm;

  before(async () => {
    mkdirSync(BIN, { recursive: true });
    const fake = path.join(BIN, "xdg-open");
    writeFileSync(fake, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${OPENED}'\n`);
    chmodSync(fake, 0o755);
    // Keyboard focus and a menu that opens under the pointer need a window manager.
    wm = spawn(which("openbox"), [], { stdio: "ignore" });
    await sleep(800);
    app = await startApp({
      env: {
        IVR_STUDIO_DATA_DIR: DATA,
        IVR_STUDIO_CONFIG_DIR: path.join(WORK, "config"),
        PATH: `${BIN}:${process.env.PATH}`,
        IVR_LOG: "info",
      },
    });
  });

  after(async () => {
    await app?.stop();
    wm?.kill();
    if (process.exitCode && app) console.log(app.log.join(""));
  });

  /** Focuses the app's window, opens menu number `menu` (0 = File) with F10 and the arrows, and goes `down` items. */
  async function openItem(menu, down) {
    const id = xdotool("search", "--sync", "--onlyvisible", "--name", "IVR Studio").split("\n")[0];
    xdotool("windowactivate", "--sync", id);
    await sleep(300);
    xdotool("key", "--clearmodifiers", "F10");
    await sleep(400);
    for (let i = 0; i < menu; i++) xdotool("key", "Right");
    for (let i = 0; i < down; i++) xdotool("key", "Down");
    await sleep(400);
  }

  /** File > Export picture (the ninth item: separators are skipped), the save dialog answered with `file`. */
  async function exportPictureTo(file) {
    await openItem(0, 9);
    xdotool("key", "Return");
    await sleep(1500);
    xdotool("key", "ctrl+a");
    xdotool("type", "--delay", "20", file);
    await sleep(300);
    xdotool("key", "Return");
  }

  async function walk(lang) {
    const page = pageOf(app.browser, `menu-${lang}`);
    const { $, shot } = page;
    const browser = app.browser;
    await $("node-start").waitForExist({ timeout: TIMEOUT });
    await $(`lang-${lang}`).click();
    await browser.waitUntil(async () => (await $("app").getAttribute("data-lang")) === lang, { timeout: TIMEOUT });
    // The menu is rebuilt in the new language.
    await sleep(600);

    // File > New from template (New is the first item, New from template the second).
    await openItem(0, 2);
    await shot("file-menu");
    xdotool("key", "Return");
    await $("template-gallery").waitForDisplayed({ timeout: TIMEOUT });
    await $("template-after-hours").waitForDisplayed({ timeout: TIMEOUT });
    const cards = await browser.execute(() => document.querySelectorAll('[data-testid="template-gallery"] [role=option]').length);
    assert.ok(cards >= 6, `${cards} templates in the gallery`);
    const heading = await browser.execute(() => document.querySelector('[data-testid="template-gallery"]')?.getAttribute("aria-label"));
    assert.equal(heading, lang === "zh" ? "从模板新建" : "New from template");
    await $("template-after-hours").click();
    await shot("gallery");
    await $("template-create").click();
    await page.gone("template-gallery", TIMEOUT);
    await $("node-holidays").waitForExist({ timeout: TIMEOUT });
    const nodes = await browser.execute(() =>
      [...document.querySelectorAll(".react-flow__node")].map((n) => n.getAttribute("data-id")),
    );
    for (const id of ["start", "holidays", "hours", "queue", "goodbye"]) assert.ok(nodes.includes(id), `${id} on the canvas: ${nodes}`);

    // File > Export picture as SVG.
    const out = path.join(WORK, `after-hours-${lang}.svg`);
    await exportPictureTo(out);
    await browser.waitUntil(() => existsSync(out), { timeout: TIMEOUT, timeoutMsg: `no picture at ${out}` });
    await browser.waitUntil(async () => readFileSync(out, "utf8").trimEnd().endsWith("</svg>"), { timeout: TIMEOUT });
    const texts = svgTexts(readFileSync(out, "utf8")).join("\n");
    const flow = JSON.parse(readFileSync(new URL("../../templates/after-hours.ivr.json", import.meta.url), "utf8"));
    for (const n of flow.nodes.filter((n) => n.label)) assert.ok(texts.includes(n.label), `"${n.label}" in the ${lang} picture`);

    // The same item, a name ending .png: the web view draws the picture and Rust writes it there.
    const png = path.join(WORK, `after-hours-${lang}.png`);
    await exportPictureTo(png);
    await browser.waitUntil(() => existsSync(png), { timeout: TIMEOUT, timeoutMsg: `no PNG at ${png}` });
    const bytes = readFileSync(png);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "a PNG file");
    const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
    assert.ok(width >= 800 && height >= 300, `a PNG of ${width} x ${height} px`);

    // Help > Open logs folder: the fourth menu, the second item.
    const before = existsSync(OPENED) ? readFileSync(OPENED, "utf8").split("\n").filter(Boolean).length : 0;
    await openItem(3, 2);
    await shot("help-menu");
    xdotool("key", "Return");
    await browser.waitUntil(() => existsSync(OPENED) && readFileSync(OPENED, "utf8").split("\n").filter(Boolean).length > before, {
      timeout: TIMEOUT,
      timeoutMsg: "Open logs folder did not call the file manager",
    });
    const opened = readFileSync(OPENED, "utf8").split("\n").filter(Boolean).at(-1);
    assert.equal(opened, path.join(DATA, "logs"));
    assert.ok(existsSync(opened), "the log folder is there");
  }

  it("walks File > New from template, File > Export picture and Help > Open logs folder in English", async () => {
    await walk("en");
  });

  it("walks the same items in Chinese", async () => {
    await walk("zh");
  });
});
