/**
 * What the UI needs from the engine. The app talks only to this interface;
 * `tauri.ts` answers it with the Rust commands, `memory.ts` in memory (unit
 * tests and the plain browser), so the UI runs with or without Tauri. The
 * data crossing the IPC is typed in `ipc.ts`.
 */

import type { Catalog, Flow, Problem, Provider } from "../model";
import type { ClipboardApi } from "./clipboard";
import type { CloudApi } from "./cloud";
import type { FilesApi } from "./files";
import type { MenuApi } from "./menu";
import type { DiffLine, TemplateCard } from "./ipc";
import type { SettingsApi } from "./settings";
import type { TasksApi } from "./tasks";
import type { SimApi } from "./sim";

export interface Backend {
  /** Which implementation this is, for the status bar and tests. */
  readonly kind: "tauri" | "memory";
  /** The block catalog. */
  catalog(): Promise<Catalog>;
  /** The flow a new document starts with. */
  starterFlow(): Promise<Flow>;
  /** The starter flows of New from template, each with its picture drawn in `lang` and `theme`. */
  templates(lang: string, theme: string): Promise<TemplateCard[]>;
  /** The flow of template `id`, for a new document. */
  openTemplate(id: string): Promise<Flow>;
  /** The engine's problems in `flow`, with `target`'s rules when one is chosen. */
  validateFlow(flow: Flow, target: Provider | null): Promise<Problem[]>;
  /** What changed from `old` to `now`, each change with its line in both languages (the engine's diff). */
  diffFlows(old: Flow, now: Flow): Promise<DiffLine[]>;
  /** Files, autosave and the window (./files.ts). */
  readonly files: FilesApi;
  /** The system clipboard, for copy and paste of blocks (./clipboard.ts). */
  readonly clipboard: ClipboardApi;
  /** Connection profiles, remote flows, import and publish (./cloud.ts). */
  readonly cloud: CloudApi;
  /** The theme and language choice, kept by Rust in the app (./settings.ts). */
  readonly settings: SettingsApi;
  /** NXLink outbound tasks: files, CSV import, checks, agents, routes, create (./tasks.ts). */
  readonly tasks: TasksApi;
  /** The native menu bar's chosen items, and Export picture (./menu.ts). */
  readonly menu: MenuApi;
  /** The call simulator and the flow's saved test cases (./sim.ts). */
  readonly sim: SimApi;
}
