// The app's WebKit web process, where the page's memory lives: found under
// the app's process, its RSS read from /proc, sampled while a test works.
// Used by the tests that hold a flow to the 1 GB budget (problems-perf,
// simulate).

import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";

/** The web process's budget, in MB; PERF_PROBLEMS_RSS_MB loosens it for a slower machine. */
export const RSS_LIMIT_MB = Number(process.env.PERF_PROBLEMS_RSS_MB ?? 1024);

/** The WebKitWebProcess under the app process `pid`. */
export function webProcess(pid) {
  const rows = execFileSync("ps", ["-e", "-o", "pid=,ppid=,args="], { encoding: "utf8" })
    .split("\n")
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .filter(Boolean)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift();
    for (const r of rows) {
      if (r.ppid !== p) continue;
      if (/WebKitWebProcess/.test(r.args)) return r.pid;
      queue.push(r.pid);
    }
  }
  return undefined;
}

/** Process `pid`'s environment variable `name`, or undefined. */
export function environVar(pid, name) {
  const entry = readFileSync(`/proc/${pid}/environ`, "utf8")
    .split("\0")
    .find((e) => e.startsWith(`${name}=`));
  return entry?.slice(name.length + 1);
}

/** Whether this machine has a GPU render node (`/dev/dri/renderD*`). */
export function hasRenderNode() {
  return existsSync("/dev/dri") && readdirSync("/dev/dri").some((n) => n.startsWith("renderD"));
}

/** `VmRSS` or `VmHWM` (the peak) of process `pid`, in MB. */
export function memoryMb(pid, field = "VmRSS") {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`${field}:\\s+(\\d+) kB`));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

/** Samples the web process's RSS every 100 ms; `stop()` answers the largest. */
export function sampleRss(pid) {
  let peak = memoryMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, memoryMb(pid) || 0);
  }, 100);
  return {
    peak: () => peak,
    stop() {
      clearInterval(timer);
      return Math.max(peak, memoryMb(pid) || 0);
    },
  };
}
