/** The backend inside the desktop app: each call is a Rust command (src-tauri/src/commands.rs). */

import { invoke } from "@tauri-apps/api/core";
import type { Catalog, Flow, Problem, Provider } from "../model";
import { tauriClipboard } from "./clipboard";
import { TauriCloud } from "./cloud";
import { tauriFiles } from "./files";
import { tauriMenu } from "./menu";
import { tauriSettings } from "./settings";
import { TauriTasks } from "./tasks";
import { tauriSim } from "./sim";
import type { DiffLine, TemplateCard } from "./ipc";
import type { Backend } from "./types";
import { inPageLang } from "../errors";

export class TauriBackend implements Backend {
  readonly kind = "tauri" as const;
  readonly files = tauriFiles;
  readonly clipboard = tauriClipboard;
  readonly cloud = new TauriCloud();
  readonly settings = tauriSettings;
  readonly tasks = new TauriTasks();
  readonly menu = tauriMenu;
  readonly sim = tauriSim;

  catalog(): Promise<Catalog> {
    return invoke<Catalog>("catalog");
  }

  starterFlow(): Promise<Flow> {
    return invoke<Flow>("starter_flow");
  }

  templates(lang: string, theme: string): Promise<TemplateCard[]> {
    return invoke<TemplateCard[]>("list_templates", { lang, theme }).catch(inPageLang);
  }

  openTemplate(id: string): Promise<Flow> {
    return invoke<Flow>("open_template", { id }).catch(inPageLang);
  }

  diffFlows(old: Flow, now: Flow): Promise<DiffLine[]> {
    return invoke<DiffLine[]>("diff_flows", { old, new: now });
  }

  validateFlow(flow: Flow, target: Provider | null): Promise<Problem[]> {
    return invoke<Problem[]>("validate_flow", { flow, target });
  }
}
