/**
 * The notice bar's message: what the editor tells the designer over the
 * canvas (a file that could not be opened, a refused paste, a layout that
 * failed), a UI string with the engine's or the system's words beside it.
 */

import { useCallback, useState } from "react";
import type { StringKey } from "../i18n";

/** A message in the notice bar: a UI string, or text from the engine. */
export type Notice = { kind: "error" | "info"; key: StringKey; detail?: string };

/** What went wrong, as text: an `Error`'s message, or the thing itself. */
export const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** An error notice: `key` says what failed, `e`'s message why. */
export const errorNotice = (key: StringKey, e: unknown): Notice => ({ kind: "error", key, detail: message(e) });

/** The notice shown now (undefined: none), and `fail` to show an error notice. */
export function useNotices() {
  const [notice, setNotice] = useState<Notice>();
  const fail = useCallback((key: StringKey, e: unknown) => setNotice(errorNotice(key, e)), []);
  return { notice, setNotice, fail };
}

export type Notices = ReturnType<typeof useNotices>;
