/**
 * NXLink outbound tasks on the backend: a new task, `*.task.json` files
 * opened and saved (also through the native dialogs), a CSV call list read by
 * Rust (`ivr_task`'s reader: UTF-8 with or without BOM, GB18030) into rows,
 * the checks with each row's number in E.164, and the NXLink connection's
 * agents, routes and tasks, and the create. `TauriTasks` calls the Rust
 * commands (src-tauri/src/task.rs); `MemoryTasks` (./memoryTasks.ts) answers
 * in memory for unit tests and the plain browser. Secrets never reach here.
 */

import { invoke } from "@tauri-apps/api/core";
import { getCurrentWebviewWindow } from "@tauri-apps/api/webviewWindow";
import type { AgentView, CreateOutcome, ImportedCalls, OpenedTask, ProfileView, RouteView, Task, TaskCheck, TaskView } from "./ipc";

export interface TasksApi {
  /** A new task with its own `userTaskId`. */
  newTask(): Promise<Task>;
  /** The NXLink connections (the built-in sandbox one first). */
  profiles(): Promise<ProfileView[]>;
  open(path: string): Promise<OpenedTask>;
  /** None when the dialog is cancelled. */
  openDialog(): Promise<OpenedTask | null>;
  save(path: string, task: Task): Promise<void>;
  /** The path saved to; none when the dialog is cancelled. */
  saveDialog(task: Task): Promise<string | null>;
  importCsv(path: string): Promise<ImportedCalls>;
  /** None when the dialog is cancelled. */
  importCsvDialog(): Promise<ImportedCalls | null>;
  check(task: Task, path: string | null): Promise<TaskCheck>;
  agents(profile: string): Promise<AgentView[]>;
  routes(profile: string): Promise<RouteView[]>;
  list(profile: string): Promise<TaskView[]>;
  /** Creates the task; `progress(done, total)` after each chunk. */
  create(profile: string, task: Task, path: string | null, progress?: (done: number, total: number) => void): Promise<CreateOutcome>;
}

export class TauriTasks implements TasksApi {
  newTask() {
    return invoke<Task>("new_task");
  }
  profiles() {
    return invoke<ProfileView[]>("task_profiles");
  }
  open(path: string) {
    return invoke<OpenedTask>("open_task", { path });
  }
  openDialog() {
    return invoke<OpenedTask | null>("open_task_dialog");
  }
  save(path: string, task: Task) {
    return invoke<void>("save_task", { path, task });
  }
  saveDialog(task: Task) {
    return invoke<string | null>("save_task_dialog", { task });
  }
  importCsv(path: string) {
    return invoke<ImportedCalls>("import_call_list", { path });
  }
  importCsvDialog() {
    return invoke<ImportedCalls | null>("import_call_list_dialog");
  }
  check(task: Task, path: string | null) {
    return invoke<TaskCheck>("check_task", { task, path });
  }
  agents(profile: string) {
    return invoke<AgentView[]>("task_agents", { profile });
  }
  routes(profile: string) {
    return invoke<RouteView[]>("task_routes", { profile });
  }
  list(profile: string) {
    return invoke<TaskView[]>("task_list", { profile });
  }
  async create(profile: string, task: Task, path: string | null, progress?: (done: number, total: number) => void) {
    const unlisten = progress ? await getCurrentWebviewWindow().listen<[number, number]>("task-progress", (e) => progress(e.payload[0], e.payload[1])) : undefined;
    try {
      return await invoke<CreateOutcome>("create_task", { profile, task, path });
    } finally {
      unlisten?.();
    }
  }
}
