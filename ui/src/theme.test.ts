import { afterEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, renderHook } from "@testing-library/react";
import {
  THEME_KEY,
  applyStartTheme,
  loadChoice,
  resolveTheme,
  saveChoice,
  systemTheme,
  useTheme,
} from "./theme";

/** A storage backed by a map. */
function store(init: Record<string, string> = {}) {
  const m = new Map(Object.entries(init));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}
const media = (dark: boolean) => (q: string) => ({ matches: dark && q === "(prefers-color-scheme: dark)" });

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.unstubAllGlobals();
});

describe("theme choice", () => {
  it("follows the system by default, and when it is the choice", () => {
    expect(loadChoice(store())).toBe("system");
    expect(resolveTheme("system", media(true))).toBe("dark");
    expect(resolveTheme("system", media(false))).toBe("light");
    // No matchMedia at all: light.
    expect(systemTheme(undefined)).toBe("light");
  });

  it("an explicit choice wins over the system, and is remembered", () => {
    const s = store();
    saveChoice(s, "dark");
    expect(s.m.get(THEME_KEY)).toBe("dark");
    expect(loadChoice(s)).toBe("dark");
    expect(resolveTheme(loadChoice(s), media(false))).toBe("dark");
    saveChoice(s, "light");
    expect(resolveTheme(loadChoice(s), media(true))).toBe("light");
  });

  it("ignores junk in storage, and storage that throws", () => {
    expect(loadChoice(store({ [THEME_KEY]: "purple" }))).toBe("system");
    const broken = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
    };
    expect(loadChoice(broken)).toBe("system");
    expect(() => saveChoice(broken, "dark")).not.toThrow();
  });
});

describe("useTheme", () => {
  /** A matchMedia whose answer can change, with its listeners. */
  function stubMedia(dark: boolean) {
    const listeners = new Set<() => void>();
    const mq = {
      get matches() {
        return dark;
      },
      addEventListener: (_: string, f: () => void) => listeners.add(f),
      removeEventListener: (_: string, f: () => void) => listeners.delete(f),
    };
    vi.stubGlobal("matchMedia", () => mq);
    return {
      set(d: boolean) {
        dark = d;
        for (const f of listeners) f();
      },
    };
  }

  it("sets data-theme from the system, follows its changes, and stops following after a choice", () => {
    const sys = stubMedia(true);
    const { result } = renderHook(() => useTheme());
    expect(result.current.choice).toBe("system");
    expect(document.documentElement.dataset.theme).toBe("dark");
    act(() => sys.set(false));
    expect(document.documentElement.dataset.theme).toBe("light");
    act(() => result.current.setChoice("dark"));
    expect(document.documentElement.dataset.theme).toBe("dark");
    expect(localStorage.getItem(THEME_KEY)).toBe("dark");
    act(() => sys.set(true));
    act(() => sys.set(false));
    expect(document.documentElement.dataset.theme).toBe("dark");
  });

  it("applies the remembered theme before the first render", () => {
    stubMedia(false);
    localStorage.setItem(THEME_KEY, "dark");
    applyStartTheme();
    expect(document.documentElement.dataset.theme).toBe("dark");
    localStorage.setItem(THEME_KEY, "system");
    applyStartTheme();
    expect(document.documentElement.dataset.theme).toBe("light");
  });

  it("starts from the remembered choice", () => {
    stubMedia(true);
    localStorage.setItem(THEME_KEY, "light");
    const { result } = renderHook(() => useTheme());
    expect(result.current.choice).toBe("light");
    expect(document.documentElement.dataset.theme).toBe("light");
  });
});
