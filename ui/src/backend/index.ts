/** Picks the backend at start-up: the Rust commands inside Tauri, else the in-memory one. */

import { MemoryBackend } from "./memory";
import { TauriBackend } from "./tauri";
import type { Backend } from "./types";

export type { Backend } from "./types";
export { MemoryBackend } from "./memory";
export { TauriBackend } from "./tauri";
export { MemoryClipboard, type ClipboardApi } from "./clipboard";
export { MemoryFiles, type FilesApi } from "./files";
export { MemoryMenu, type MenuApi } from "./menu";
export { TauriCloud, type CloudApi } from "./cloud";
export { MemoryCloud } from "./memoryCloud";
export { TauriTasks, type TasksApi } from "./tasks";
export { MemoryTasks, blankTask } from "./memoryTasks";
export type * from "./ipc";
export { withBinding } from "./binding";
export { MemorySim, type SimApi, type SimScript } from "./sim";
export { DEFAULT_SETTINGS, MemorySettings, type Settings, type SettingsApi } from "./settings";

/** Whether this page runs inside the Tauri webview. */
export function inTauri(w: object = globalThis): boolean {
  return "__TAURI_INTERNALS__" in w;
}

/** The backend for this page. */
export function chooseBackend(w: object = globalThis): Backend {
  return inTauri(w) ? new TauriBackend() : new MemoryBackend();
}
