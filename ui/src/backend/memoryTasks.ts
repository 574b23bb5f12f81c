/**
 * Tasks without Tauri, for unit tests and the plain browser: a sandbox
 * NXLink connection with two agents and two routes, files kept in a map,
 * tasks created in memory. It never checks a task itself (that is
 * `ivr_task`'s job): `check` answers what its options say, no problem by
 * default.
 */

import type { TasksApi } from "./tasks";
import type { AgentView, CommandError, CreateOutcome, ImportedCalls, OpenedTask, ProfileView, RouteView, Task, TaskCheck, TaskView } from "./ipc";

export type MemoryTasksOptions = {
  /** What `check` answers (default: no problem, every row ready). */
  check?: (task: Task) => TaskCheck;
  /** CSV files by path, already read into rows. */
  csv?: Record<string, ImportedCalls>;
  /** What the import dialog picks (default: cancelled). */
  pick?: string;
};

export const MEMORY_AGENTS: AgentView[] = [
  { id: 197, name: "Order follow-up" },
  { id: 198, name: "Payment reminder" },
];
export const MEMORY_ROUTES: RouteView[] = [
  { id: "route-hk-1", name: "Hong Kong outbound" },
  { id: "route-idn-1", name: "Indonesia outbound" },
];

/** A new task as `Task::default()` makes it, with its own id. */
export function blankTask(id = "ivr-task-1"): Task {
  const office = [9, 10, 11, 12, 13, 14, 15, 16, 17];
  return {
    userTaskId: id,
    other: "",
    taskName: "",
    taskDesc: "",
    routeId: "",
    taskKeep: false,
    startupType: "manual",
    zoneSecond: 0,
    weekDay: [1, 2, 3, 4, 5],
    firstFifteen: [...office],
    secondFifteen: [...office],
    thirdFifteen: [...office],
    fourthFifteen: [...office],
    orderMaxCall: 1,
    replayInterval: 600,
    taskCallbackUrl: "",
    callCallbackUrl: "",
    countryCode: "",
    variables: [],
    callList: { rows: [] },
  };
}

function notFound(path: string): CommandError {
  const message = { en: `${path}: no such file`, zh: `${path}：没有这个文件` };
  return { kind: "not_found", message, hint: null, text: message, provider: null, status: null, code: null, request_id: null, refusal: null };
}

export class MemoryTasks implements TasksApi {
  readonly files = new Map<string, Task>();
  readonly created: { profile: string; task: Task }[] = [];
  private readonly options: MemoryTasksOptions;
  private nextId = 1;

  constructor(options: MemoryTasksOptions = {}) {
    this.options = options;
  }

  newTask() {
    return Promise.resolve(blankTask(`ivr-task-${this.nextId++}`));
  }
  profiles(): Promise<ProfileView[]> {
    const profile = { name: "sandbox-nxlink", provider: "nxlink" as const, region: "hk", instance: null, endpoint: "http://127.0.0.1:0", key_id: "sandbox" };
    return Promise.resolve([{ profile, secret: { stored: false, length: null, last4: null, session_token: false }, builtin: true, keyring_error: null }]);
  }
  open(path: string): Promise<OpenedTask> {
    const task = this.files.get(path);
    return task ? Promise.resolve({ path, task: structuredClone(task), calls_file: null }) : Promise.reject(notFound(path));
  }
  openDialog() {
    return Promise.resolve(null);
  }
  save(path: string, task: Task) {
    this.files.set(path, structuredClone(task));
    return Promise.resolve();
  }
  saveDialog(task: Task) {
    const path = `/memory/${task.taskName || "task"}.task.json`;
    this.files.set(path, structuredClone(task));
    return Promise.resolve(path);
  }
  importCsv(path: string): Promise<ImportedCalls> {
    const csv = this.options.csv?.[path];
    return csv ? Promise.resolve(structuredClone(csv)) : Promise.reject(notFound(path));
  }
  importCsvDialog() {
    return this.options.pick ? this.importCsv(this.options.pick) : Promise.resolve(null);
  }
  check(task: Task): Promise<TaskCheck> {
    if (this.options.check) return Promise.resolve(this.options.check(task));
    const rows = "rows" in task.callList ? task.callList.rows : [];
    return Promise.resolve({ problems: [], numbers: rows.map((r) => r.phoneNumber || null), declared: task.variables, ready: rows.length, left_out: 0, has_errors: false });
  }
  agents() {
    return Promise.resolve(structuredClone(MEMORY_AGENTS));
  }
  routes() {
    return Promise.resolve(structuredClone(MEMORY_ROUTES));
  }
  list(): Promise<TaskView[]> {
    return Promise.resolve(
      this.created.map((c, i) => {
        const rows = "rows" in c.task.callList ? c.task.callList.rows.length : 0;
        return { task_id: `task-${i + 1}`, user_task_id: c.task.userTaskId, name: c.task.taskName, status: 1, success: 0, total: rows };
      }),
    );
  }
  create(profile: string, task: Task, _path: string | null, progress?: (done: number, total: number) => void): Promise<CreateOutcome> {
    const rows = "rows" in task.callList ? task.callList.rows.length : 0;
    const i = this.created.findIndex((c) => c.task.userTaskId === task.userTaskId);
    if (i >= 0) {
      return Promise.resolve({ already_there: true, task_id: `task-${i + 1}`, user_task_id: task.userTaskId, total: 0, accepted: 0, chunks: 0, refused: [], left_out: 0 });
    }
    this.created.push({ profile, task: structuredClone(task) });
    progress?.(rows, rows);
    return Promise.resolve({ already_there: false, task_id: `task-${this.created.length}`, user_task_id: task.userTaskId, total: rows, accepted: rows, chunks: 1, refused: [], left_out: 0 });
  }
}
