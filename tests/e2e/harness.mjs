// The real app under WebDriver, for the end-to-end tests: start the release
// `ivr-studio` binary through tauri-driver (free ports per run), with its own
// data folder and command-line arguments, find and kill the app process, and
// take screenshots of the page and of the whole X display.
//
// Environment: IVR_STUDIO_BIN (the binary; default target/release/ivr-studio),
// TAURI_DRIVER (default: tauri-driver on PATH or in ~/.cargo/bin),
// E2E_ARTIFACTS (default: artifacts/e2e).

import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = path.resolve(process.env.IVR_STUDIO_BIN ?? path.join(ROOT, "target/release/ivr-studio"));
export const ARTIFACTS = path.resolve(process.env.E2E_ARTIFACTS ?? path.join(ROOT, "artifacts/e2e"));
export const DRIVER =
  process.env.TAURI_DRIVER ??
  (existsSync(path.join(homedir(), ".cargo/bin/tauri-driver"))
    ? path.join(homedir(), ".cargo/bin/tauri-driver")
    : "tauri-driver");
export const TIMEOUT = 20_000;

/** A free TCP port on loopback. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when `port` on loopback accepts connections, rejects after `ms` (`what` names the listener). */
export async function waitForPort(port, ms, child, what = "tauri-driver") {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited with ${child.exitCode}`);
    const ok = await new Promise((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not listen on port ${port} within ${ms} ms`);
}

/** A screenshot of the whole X display (the real window), when ImageMagick's import is there. */
export function screenshotDisplay(file) {
  if (!process.env.DISPLAY) return;
  try {
    execFileSync("import", ["-window", "root", file], { stdio: "ignore", timeout: 15_000 });
  } catch (error) {
    console.log(`# could not take a display screenshot: ${error.message}`);
  }
}

/** The ids of every process below `pid`. */
function descendants(pid) {
  const rows = execFileSync("ps", ["-e", "-o", "pid=,ppid=,args="], { encoding: "utf8" })
    .split("\n")
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .filter(Boolean)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
  const out = [];
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift();
    for (const r of rows) if (r.ppid === p) {
      out.push(r);
      queue.push(r.pid);
    }
  }
  return out;
}

/** Whether process `pid` has exited within `ms` (polled every 50 ms; a zombie waiting for its parent has exited). */
async function gone(pid, ms) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) return true;
    } catch {
      return true;
    }
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Ends `driver` and everything it started (WebKitWebDriver, the app), by process id. */
function endAll(driver) {
  for (const p of descendants(driver.pid).reverse()) {
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  driver.kill("SIGKILL");
}

/** One try at starting the app through a new tauri-driver. */
async function launch(args, env) {
  const log = [];
  const port = await freePort();
  const nativePort = await freePort();
  const driver = spawn(DRIVER, ["--port", String(port), "--native-port", String(nativePort)], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      IVR_STUDIO_DATA_DIR: mkdtempSync(path.join(tmpdir(), "ivr-e2e-data-")),
      // The config folder holds the profiles and the window's kept size and
      // place: a start keeps nothing from another unless the test names one.
      IVR_STUDIO_CONFIG_DIR: mkdtempSync(path.join(tmpdir(), "ivr-e2e-config-")),
      ...env,
    },
  });
  driver.stdout.on("data", (d) => log.push(String(d)));
  driver.stderr.on("data", (d) => log.push(String(d)));
  try {
    await waitForPort(port, TIMEOUT, driver);
    // tauri-driver listens at once but forwards the new session to WebKitWebDriver
    // without waiting for it: on a busy 2-core machine the session request then
    // meets a closed port ("tcp connect error"). Wait for the native driver too.
    await waitForPort(nativePort, TIMEOUT, driver, "WebKitWebDriver");
    const browser = await remote({
      hostname: "127.0.0.1",
      port,
      logLevel: "warn",
      connectionRetryCount: 0,
      connectionRetryTimeout: 60_000,
      capabilities: {
        browserName: "wry",
        "tauri:options": { application: BIN, args },
        "wdio:enforceWebDriverClassic": true,
      },
    });
    await browser.$('[data-testid="app"]').waitForExist({ timeout: TIMEOUT });
    return { driver, browser, log };
  } catch (error) {
    endAll(driver);
    error.message += `\n${log.join("")}`;
    throw error;
  }
}

/**
 * Starts the app: `args` on its command line, `env` added to its environment
 * (fresh data and config folders unless `env` names them in
 * IVR_STUDIO_DATA_DIR and IVR_STUDIO_CONFIG_DIR). A failed start is retried
 * once. Returns { browser, pid(), kill(), stop(), log }.
 */
export async function startApp({ args = [], env = {} } = {}) {
  if (!existsSync(BIN)) throw new Error(`the app binary ${BIN} is missing: build it first`);
  mkdirSync(ARTIFACTS, { recursive: true });
  let started;
  try {
    started = await launch(args, env);
  } catch (error) {
    console.log(`# the app did not start, trying again: ${error.message}`);
    started = await launch(args, env);
  }
  const { driver, browser, log } = started;
  const appPid = () => descendants(driver.pid).find((p) => p.args.startsWith(BIN))?.pid;
  return {
    browser,
    log,
    pid: appPid,
    /** SIGKILLs the app process (as a crash would), then ends the driver. */
    async kill() {
      const pid = appPid();
      if (!pid) throw new Error("the app process was not found");
      process.kill(pid, "SIGKILL");
      await new Promise((r) => setTimeout(r, 300));
      await browser.deleteSession().catch(() => {});
      endAll(driver);
    },
    /**
     * Lets the app exit (SIGTERM, as a logout or `kill` asks it to) and waits
     * for its process to be gone, then ends the driver; SIGKILL only for an
     * app still there after 10 s.
     */
    async stop() {
      const pid = appPid();
      if (pid) {
        try {
          process.kill(pid, "SIGTERM");
        } catch {
          // Already gone.
        }
        if (!(await gone(pid, 10_000))) console.log(`# the app (pid ${pid}) did not exit within 10 s of SIGTERM`);
      }
      await browser.deleteSession().catch(() => {});
      endAll(driver);
    },
  };
}
