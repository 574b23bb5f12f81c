/**
 * What a Rust command rejects with, shown in the UI's language. The Rust side
 * keeps the words (one source of truth): every error it sends carries its
 * message and hint, and the whole `text`, in English and Chinese, while what
 * a provider or the system said stays as they said it. The UI only picks the
 * language.
 */

import { type Lang, tx } from "./i18n";
import type { Text } from "./model";

/** What every Rust command rejects with (generated from src-tauri/src/error.rs). */
export type { CommandError } from "./bindings/CommandError";

const isText = (v: unknown): v is Text =>
  !!v && typeof v === "object" && typeof (v as Text).en === "string" && typeof (v as Text).zh === "string";

/** The text of anything a command (or the in-memory backend) rejected with, in `lang`. */
export function errorText(e: unknown, lang: Lang): string {
  if (e && typeof e === "object") {
    const o = e as { text?: unknown };
    if (isText(o.text)) return tx(o.text, lang);
    if (typeof o.text === "string") return o.text;
  }
  return e instanceof Error ? e.message : String(e);
}

/** The language the page is shown in (`<html lang>`, which the app keeps in step with its language). */
export function pageLang(): Lang {
  return typeof document !== "undefined" && document.documentElement.lang.toLowerCase().startsWith("zh") ? "zh" : "en";
}

/**
 * Rejects with an `Error` whose message is `e`'s text in the page's language:
 * for callers that show `error.message` as it is (the file commands' callers).
 */
export function inPageLang(e: unknown): never {
  const error = new Error(errorText(e, pageLang()));
  (error as Error & { cause?: unknown }).cause = e;
  throw error;
}
