/**
 * The backend without Tauri: the engine's catalog and starter flow as the
 * Rust tests export them (fixture.json, checked for freshness by
 * `cargo test -p ivr-studio`), and whatever problems it is given. It never
 * judges a flow itself: validation is the engine's job.
 */

import type { Catalog, Flow, Problem, Provider } from "../model";
import { MemoryClipboard } from "./clipboard";
import type { CloudApi } from "./cloud";
import { MemoryFiles } from "./files";
import { MemoryMenu } from "./menu";
import { MemoryCloud } from "./memoryCloud";
import { MemorySettings, type SettingsApi } from "./settings";
import { MemorySim, type SimApi } from "./sim";
import type { DiffLine, TemplateCard } from "./ipc";
import { MemoryTasks } from "./memoryTasks";
import type { TasksApi } from "./tasks";
import type { Backend } from "./types";
import fixture from "./fixture.json";

export type MemoryOptions = {
  catalog?: Catalog;
  starterFlow?: Flow;
  /** The gallery of New from template, with each template's flow (default: none). */
  templates?: { card: TemplateCard; flow: Flow }[];
  /** The problems `validateFlow` reports (default: none). */
  problems?: Problem[] | ((flow: Flow, target: Provider | null) => Problem[]);
  /** The cloud (default: a fresh `MemoryCloud`, its Local sandbox profiles only). */
  cloud?: CloudApi;
  /** What `diffFlows` answers (default: no lines). */
  diff?: (old: Flow, now: Flow) => DiffLine[];
  /** The theme and language choice (default: a fresh `MemorySettings`, nothing chosen). */
  settings?: SettingsApi;
  /** NXLink tasks (default: a fresh `MemoryTasks`). */
  tasks?: TasksApi;
  /** The call simulator (default: a `MemorySim` with no script). */
  sim?: SimApi;
};

export class MemoryBackend implements Backend {
  readonly kind = "memory" as const;
  readonly files = new MemoryFiles();
  readonly clipboard = new MemoryClipboard();
  readonly menu = new MemoryMenu();
  readonly cloud: CloudApi;
  readonly settings: SettingsApi;
  readonly tasks: TasksApi;
  readonly sim: SimApi;
  /** Every `validateFlow` call, for tests. */
  readonly validations: { flow: Flow; target: Provider | null }[] = [];
  private readonly options: MemoryOptions;

  constructor(options: MemoryOptions = {}) {
    this.options = options;
    this.cloud = options.cloud ?? new MemoryCloud();
    this.settings = options.settings ?? new MemorySettings();
    this.tasks = options.tasks ?? new MemoryTasks();
    this.sim = options.sim ?? new MemorySim();
  }

  catalog(): Promise<Catalog> {
    return Promise.resolve(structuredClone(this.options.catalog ?? (fixture.catalog as Catalog)));
  }

  starterFlow(): Promise<Flow> {
    return Promise.resolve(
      structuredClone(this.options.starterFlow ?? (fixture.starter_flow as Flow)),
    );
  }

  templates(): Promise<TemplateCard[]> {
    return Promise.resolve((this.options.templates ?? []).map((t) => structuredClone(t.card)));
  }

  openTemplate(id: string): Promise<Flow> {
    const t = (this.options.templates ?? []).find((x) => x.card.template.id === id);
    return t ? Promise.resolve(structuredClone(t.flow)) : Promise.reject(new Error(`no template "${id}"`));
  }

  /** The lines `diffFlows` answers: the option's, else none (it never diffs itself: that is the engine's job). */
  diffFlows(old: Flow, now: Flow): Promise<DiffLine[]> {
    return Promise.resolve(this.options.diff?.(old, now) ?? []);
  }

  validateFlow(flow: Flow, target: Provider | null): Promise<Problem[]> {
    this.validations.push({ flow, target });
    const p = this.options.problems;
    return Promise.resolve(typeof p === "function" ? p(flow, target) : structuredClone(p ?? []));
  }
}
