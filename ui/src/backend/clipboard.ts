/**
 * The system clipboard as the editor uses it for copy and paste of blocks:
 * plain text in and out. Inside Tauri it is two Rust commands
 * (src-tauri/src/clipboard.rs: the webview's own clipboard is not dependable
 * there); `MemoryClipboard` keeps the text in memory for unit tests and the
 * plain browser.
 */

import { invoke } from "@tauri-apps/api/core";
import { inPageLang } from "../errors";

export interface ClipboardApi {
  /** Puts `text` on the clipboard. */
  writeText(text: string): Promise<void>;
  /** The clipboard's text; empty when it holds none. */
  readText(): Promise<string>;
}

/** Rejects with an `Error` in the page's language (the Rust side sends both). */
export const tauriClipboard: ClipboardApi = {
  writeText: (text) => invoke<void>("clipboard_write_text", { text }).catch(inPageLang),
  readText: () => invoke<string>("clipboard_read_text").catch(inPageLang),
};

/** A clipboard in memory: `text` is what it holds. */
export class MemoryClipboard implements ClipboardApi {
  text = "";

  writeText(text: string): Promise<void> {
    this.text = text;
    return Promise.resolve();
  }

  readText(): Promise<string> {
    return Promise.resolve(this.text);
  }
}
