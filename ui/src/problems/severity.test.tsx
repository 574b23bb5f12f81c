/**
 * Severity looks like severity: a block, its badge, its exits, its fields and
 * the problems list take the colour of the most serious problem (error red,
 * warning amber, info neutral), so an info never paints a block as an error;
 * and every severity's text keeps WCAG AA contrast in both themes.
 */

import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { MemoryBackend } from "../backend";
import type { Problem } from "../model";
import { renderApp } from "../test-app";
import { mockReactFlow } from "../test-setup";
import { indexProblems } from "./problemIndex";

beforeAll(mockReactFlow);
afterEach(cleanup);

const problem = (p: Partial<Problem> & Pick<Problem, "severity" | "node">): Problem => ({
  code: "node.unreachable",
  message: { en: `A ${p.severity}.`, zh: "问题。" },
  ...p,
});

describe("the problem index", () => {
  it("counts each block's problems and keeps the worst, on the block and on each exit", () => {
    const index = indexProblems([
      problem({ severity: "info", node: "a", field: "text" }),
      problem({ severity: "warning", node: "a", port: "next" }),
      problem({ severity: "info", node: "a", port: "next" }),
      problem({ severity: "info", node: "b" }),
      problem({ severity: "error", node: "c", port: "error" }),
      { code: "start.missing", severity: "warning", message: { en: "Flow.", zh: "流程。" } },
    ]);
    expect(index.marks.get("a")).toEqual({ count: 3, worst: "warning", ports: { next: "warning" } });
    expect(index.marks.get("b")).toEqual({ count: 1, worst: "info", ports: {} });
    expect(index.marks.get("c")?.worst).toBe("error");
    expect(index.byBlock.get("a")?.map((p) => p.severity)).toEqual(["info", "warning", "info"]);
    expect(index.counts).toEqual({ error: 1, warning: 2, info: 3 });
  });

  it("keeps a block's marks object when a new result shows it the same", () => {
    const first = indexProblems([problem({ severity: "info", node: "a" }), problem({ severity: "error", node: "b" })]);
    const second = indexProblems(
      [problem({ severity: "info", node: "a" }), problem({ severity: "warning", node: "b" })],
      first,
    );
    expect(second.marks.get("a")).toBe(first.marks.get("a"));
    expect(second.marks.get("b")).not.toBe(first.marks.get("b"));
  });
});

describe("severity on the canvas, in the inspector and in the list", () => {
  it("draws an info-only block as info, not as an error; a block takes its worst severity", async () => {
    const backend = new MemoryBackend({
      problems: [
        problem({ severity: "info", node: "welcome", field: "text" }),
        problem({ severity: "info", node: "welcome", port: "next" }),
        problem({ severity: "warning", node: "hang_up" }),
        problem({ severity: "info", node: "start", port: "next" }),
        problem({ severity: "error", node: "start", port: "next" }),
      ],
    });
    await renderApp(backend);
    await waitFor(() => expect(screen.getByTestId("node-welcome").dataset.severity).toBe("info"));

    const welcome = screen.getByTestId("node-welcome");
    expect(welcome.className).toContain("sev-info");
    expect(welcome.className).not.toContain("sev-error");
    expect(screen.getByTestId("badge-welcome").className).toContain("sev-info");
    expect(screen.getByTestId("badge-welcome").textContent).toBe("2");
    expect(screen.getByTestId("port-welcome-next").className).toContain("sev-info");
    expect(screen.getByTestId("node-hang_up").dataset.severity).toBe("warning");
    expect(screen.getByTestId("badge-hang_up").className).toContain("sev-warning");
    expect(screen.getByTestId("node-start").dataset.severity).toBe("error");
    expect(screen.getByTestId("port-start-next").className).toContain("sev-error");

    // The list: each row in its severity.
    const rows = [0, 1, 2, 3, 4].map((i) => screen.getByTestId(`problem-item-${i}`).querySelector("button"));
    expect(rows.map((b) => b?.dataset.severity)).toEqual(["info", "info", "warning", "info", "error"]);
    expect(rows[0]?.querySelector(".severity")?.className).toContain("sev-info");

    // The inspector: the field's message is an info, and its field is not marked as an error.
    await act(async () => {
      fireEvent.click(screen.getByTestId("node-welcome"));
    });
    const message = await screen.findByTestId("field-error-text");
    expect(message.className).toContain("sev-info");
    const field = screen.getByTestId("field-text");
    expect(field.className).toContain("sev-info");
    expect(field.className).not.toContain("has-error");
  });
});

/** The custom properties set in a rule whose selector is exactly `selector`. */
function vars(css: string, selector: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = new RegExp(`(^|\\n)${selector.replace(/[[\]"().]/g, "\\$&")}\\s*\\{([^}]*)\\}`, "g");
  for (const m of css.matchAll(re)) {
    for (const d of m[2].matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) out.set(d[1], d[2].trim());
  }
  return out;
}

function luminance(hex: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(m[1].slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

/** base.css (the themes' colours) as written (Vitest hands CSS imports over empty): read from disk, with Node's fs. */
async function stylesheet(): Promise<string> {
  const fs = (await import(/* @vite-ignore */ ["node", "fs"].join(":"))) as {
    readFileSync: (path: string, encoding: string) => string;
  };
  const cwd = (globalThis as unknown as { process: { cwd: () => string } }).process.cwd();
  return fs.readFileSync(`${cwd.replace(/\/ui$/, "")}/ui/src/base.css`, "utf8");
}

const css = await stylesheet();

describe("severity colours", () => {
  const light = vars(css, ":root");
  const themes = { light, dark: new Map([...light, ...vars(css, '[data-theme="dark"]')]) };

  for (const [name, v] of Object.entries(themes)) {
    it(`keep AA text contrast (4.5:1) in the ${name} theme`, () => {
      const get = (k: string) => {
        const value = v.get(k);
        if (!value) throw new Error(`${k} is not set in the ${name} theme`);
        return value;
      };
      for (const sev of ["error", "warning", "info"]) {
        // Severity text (list labels, exit names, field messages) on the panels and on a hovered row.
        for (const bg of ["--panel", "--hover-soft"]) {
          expect(contrast(get(`--sev-${sev}`), get(bg)), `--sev-${sev} on ${bg}`).toBeGreaterThanOrEqual(4.5);
        }
        // A badge's count on its background.
        expect(contrast(get(`--on-sev-${sev}`), get(`--sev-${sev}-bg`)), `${sev} badge`).toBeGreaterThanOrEqual(4.5);
      }
      // The three are told apart by more than text: each its own badge colour.
      expect(new Set(["error", "warning", "info"].map((s) => get(`--sev-${s}-bg`))).size).toBe(3);
    });
  }
});
