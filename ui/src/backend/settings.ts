/**
 * The theme and language choice. Inside the app Rust keeps them in its
 * settings file (src-tauri/src/settings.rs), written when chosen;
 * `MemorySettings` keeps them for the page's life (tests, the plain browser).
 */

import { invoke } from "@tauri-apps/api/core";
import type { Settings } from "../bindings/Settings";
import { inPageLang } from "../errors";

export type { Settings } from "../bindings/Settings";

export interface SettingsApi {
  /** What was chosen before (the defaults when nothing was). */
  load(): Promise<Settings>;
  /** Keeps `settings`; kept on disk when this resolves. */
  save(settings: Settings): Promise<void>;
}

/** Nothing chosen yet: follow the system's theme and language. */
export const DEFAULT_SETTINGS: Settings = { theme: "system", language: null };

export const tauriSettings: SettingsApi = {
  load: () => invoke<Settings>("settings"),
  save: (settings) => invoke<void>("set_settings", { settings }).catch(inPageLang),
};

export class MemorySettings implements SettingsApi {
  /** Every save, in order (tests). */
  readonly saved: Settings[] = [];
  private current: Settings;

  constructor(initial: Settings = DEFAULT_SETTINGS) {
    this.current = { ...initial };
  }

  load(): Promise<Settings> {
    return Promise.resolve({ ...this.current });
  }

  save(settings: Settings): Promise<void> {
    this.current = { ...settings };
    this.saved.push({ ...settings });
    return Promise.resolve();
  }
}
