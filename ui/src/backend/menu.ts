/**
 * The native menu bar's items as the editor hears them: inside the app Rust
 * builds the menu (src-tauri/src/menu.rs) and sends the chosen item's id to
 * the focused window as the `menu` event; `MemoryMenu` lets tests choose an
 * item. Export picture is drawn by Rust too (`ivr_flow::render`, the picture
 * `ivr render` writes); a PNG is that SVG drawn here (./png.ts) and handed
 * back to Rust, which writes it to the path just picked.
 */

import { invoke } from "@tauri-apps/api/core";
import { getCurrentWebviewWindow } from "@tauri-apps/api/webviewWindow";
import type { Flow } from "../model";
import { inPageLang } from "../errors";
import type { Exported } from "../bindings/Exported";
import { svgToPng } from "./png";

export interface MenuApi {
  /** Calls `handler` with the id of each menu item chosen in this window; returns the unsubscribe. */
  onMenu(handler: (id: string) => void): () => void;
  /** Asks where to save, then writes the flow's picture (SVG, or PNG for a `.png` name); the path written, or null when cancelled. */
  exportPicture(flow: Flow, lang: string, theme: string, selection: string[]): Promise<string | null>;
}

export const tauriMenu: MenuApi = {
  onMenu(handler) {
    const un = getCurrentWebviewWindow().listen<string>("menu", (e) => handler(e.payload));
    return () => void un.then((f) => f());
  },
  async exportPicture(flow, lang, theme, selection) {
    const done = await invoke<Exported | null>("export_picture", { flow, lang, theme, selection }).catch(inPageLang);
    if (done === null) return null;
    if (done.kind === "svg") return done.path;
    const png = await svgToPng(done.svg);
    return invoke<string>("save_picture_png", png).catch(inPageLang);
  },
};

/** A menu in memory: `choose(id)` is a designer choosing an item. */
export class MemoryMenu implements MenuApi {
  private handlers = new Set<(id: string) => void>();
  /** Every picture asked for (tests), and the path the "dialog" answers. */
  readonly pictures: { flow: Flow; lang: string; theme: string; selection: string[] }[] = [];
  picturePath: string | null = "/tmp/flow.svg";

  onMenu(handler: (id: string) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  choose(id: string): void {
    for (const h of this.handlers) h(id);
  }

  exportPicture(flow: Flow, lang: string, theme: string, selection: string[]): Promise<string | null> {
    this.pictures.push({ flow, lang, theme, selection });
    return Promise.resolve(this.picturePath);
  }
}
