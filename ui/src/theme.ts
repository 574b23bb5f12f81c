/**
 * Light and dark themes: the choice (follow the system, or always light or
 * dark) and the theme it gives, set as `data-theme` on the document so
 * base.css picks its colours. The choice is kept by the backend (Rust's
 * settings file in the app); localStorage holds a copy only so that the
 * first paint, before the backend answers, is already in the right theme.
 */

import { useEffect, useState } from "react";

export type Theme = "light" | "dark";
export type ThemeChoice = "system" | Theme;

export const THEME_CHOICES: readonly ThemeChoice[] = ["system", "light", "dark"];
export const THEME_KEY = "ivr-studio.theme";
const DARK_QUERY = "(prefers-color-scheme: dark)";

type Store = Pick<Storage, "getItem" | "setItem">;
type Media = (query: string) => Pick<MediaQueryList, "matches">;

/** The remembered choice; "system" when none (or something unknown) is stored, or storage fails. */
export function loadChoice(store: Store | undefined): ThemeChoice {
  try {
    const v = store?.getItem(THEME_KEY);
    return THEME_CHOICES.includes(v as ThemeChoice) ? (v as ThemeChoice) : "system";
  } catch {
    return "system";
  }
}

/** Remembers the choice; a storage that refuses (private mode) only loses the memory. */
export function saveChoice(store: Store | undefined, choice: ThemeChoice): void {
  try {
    store?.setItem(THEME_KEY, choice);
  } catch {
    // Not remembered: the choice still applies to this run.
  }
}

/** Whether the system asks for dark; light when it cannot say. */
export function systemTheme(media: Media | undefined): Theme {
  return media?.(DARK_QUERY).matches ? "dark" : "light";
}

/** The theme a choice gives. */
export function resolveTheme(choice: ThemeChoice, media: Media | undefined): Theme {
  return choice === "system" ? systemTheme(media) : choice;
}

const browserStore = (): Storage | undefined => {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
};
const browserMedia = (): Media | undefined =>
  typeof window.matchMedia === "function" ? (q) => window.matchMedia(q) : undefined;

/** Sets the theme on the document: the attribute base.css keys on, and the native controls' scheme. */
export function applyTheme(root: HTMLElement, theme: Theme, choice: ThemeChoice): void {
  root.dataset.theme = theme;
  root.dataset.themeChoice = choice;
  root.style.colorScheme = theme;
}

/** Applies the remembered theme before the first render, so a dark start never flashes light. */
export function applyStartTheme(): void {
  const choice = loadChoice(browserStore());
  applyTheme(document.documentElement, resolveTheme(choice, browserMedia()), choice);
}

/**
 * The theme choice and the theme in effect; follows the system while the
 * choice is "system". Starts from `initial` (the backend's; else the copy),
 * and `keep` is told of every new choice.
 */
export function useTheme(initial?: ThemeChoice, keep?: (choice: ThemeChoice) => void) {
  const [choice, setChoiceState] = useState<ThemeChoice>(() => initial ?? loadChoice(browserStore()));
  const [system, setSystem] = useState<Theme>(() => systemTheme(browserMedia()));
  useEffect(() => {
    if (typeof window.matchMedia !== "function") return;
    const mq = window.matchMedia(DARK_QUERY);
    const onChange = () => setSystem(mq.matches ? "dark" : "light");
    mq.addEventListener?.("change", onChange);
    return () => mq.removeEventListener?.("change", onChange);
  }, []);
  const theme: Theme = choice === "system" ? system : choice;
  useEffect(() => applyTheme(document.documentElement, theme, choice), [theme, choice]);
  const setChoice = (c: ThemeChoice) => {
    saveChoice(browserStore(), c);
    setChoiceState(c);
    keep?.(c);
  };
  return { choice, theme, setChoice };
}
