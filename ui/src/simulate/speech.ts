/**
 * Spoken prompts through the platform's speech synthesis (the Web Speech
 * API), only where it is there: WebKitGTK often has no `speechSynthesis`,
 * or one without a voice. Detected, never assumed; text is always shown.
 */

import type { Lang } from "../i18n";

/** Whether prompts can be spoken here: the API, and at least one voice (voices may load late). */
export function speechAvailable(w: object = globalThis): boolean {
  const g = w as { speechSynthesis?: SpeechSynthesis; SpeechSynthesisUtterance?: unknown };
  if (!g.speechSynthesis || typeof g.SpeechSynthesisUtterance !== "function") return false;
  try {
    return g.speechSynthesis.getVoices().length > 0;
  } catch {
    return false;
  }
}

/** Speaks `text` in `lang`'s voice, after what is being spoken; nothing where speech is not available. */
export function speak(text: string, lang: Lang) {
  if (!speechAvailable()) return;
  const u = new SpeechSynthesisUtterance(text);
  // A prompt is spoken in its own language (a Chinese flow in the English UI too).
  u.lang = /[\u4e00-\u9fff]/.test(text) || (lang === "zh" && !/[a-z]/i.test(text)) ? "zh-CN" : "en-US";
  speechSynthesis.speak(u);
}
