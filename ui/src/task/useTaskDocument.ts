/**
 * The open task document: the task, its file, whether it changed since it
 * was saved, and the checks' answer for what is on screen (asked of Rust
 * after each edit, the latest answer winning). New, open, save, save as and
 * CSV import go through the backend; every edit is a function of the task.
 */

import { useCallback, useEffect, useRef, useState } from "react";
import type { TasksApi } from "../backend/tasks";
import type { ContactRow, ImportedCalls, OpenedTask, Task, TaskCheck } from "../backend/ipc";

export type TaskDocument = {
  task: Task | null;
  path: string | null;
  dirty: boolean;
  check: TaskCheck | null;
  /** Why the last file operation or check failed. */
  error: unknown;
  /** The CSV last imported (its path and encoding). */
  imported: { path: string; encoding: string | null; rows: number } | null;
  newTask(): Promise<void>;
  load(opened: OpenedTask): void;
  openDialog(): Promise<boolean>;
  save(): Promise<void>;
  saveAs(): Promise<void>;
  importCsv(path?: string): Promise<void>;
  edit(change: (task: Task) => Task): void;
  clearError(): void;
};

/** The rows a task holds (none for a task naming a file the app has not read). */
export function rowsOf(task: Task): ContactRow[] {
  return "rows" in task.callList ? task.callList.rows : [];
}

/** `task` with `imported`'s rows, its columns added to the agent's variables. */
export function withImported(task: Task, imported: ImportedCalls): Task {
  const variables = [...task.variables];
  for (const v of imported.variables) if (!variables.includes(v)) variables.push(v);
  return { ...task, variables, callList: { rows: imported.rows } };
}

export function useTaskDocument(api: TasksApi): TaskDocument {
  const [task, setTask] = useState<Task | null>(null);
  const [path, setPath] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [check, setCheck] = useState<TaskCheck | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [imported, setImported] = useState<TaskDocument["imported"]>(null);
  const asked = useRef(0);

  useEffect(() => {
    if (!task) return;
    const n = ++asked.current;
    const timer = setTimeout(() => {
      api.check(task, path).then(
        (c) => n === asked.current && setCheck(c),
        (e: unknown) => n === asked.current && setError(e),
      );
    }, 120);
    return () => clearTimeout(timer);
  }, [api, task, path]);

  const load = useCallback((opened: OpenedTask) => {
    setTask(opened.task);
    setPath(opened.path);
    setDirty(false);
    setCheck(null);
    setImported(null);
  }, []);

  const guard = async (f: () => Promise<void>) => {
    try {
      await f();
    } catch (e) {
      setError(e);
    }
  };

  return {
    task,
    path,
    dirty,
    check,
    error,
    imported,
    newTask: () =>
      guard(async () => {
        const t = await api.newTask();
        // This computer's offset now, as `ivr task new` does.
        setTask({ ...t, zoneSecond: -new Date().getTimezoneOffset() * 60 });
        setPath(null);
        setDirty(false);
        setCheck(null);
        setImported(null);
      }),
    load,
    openDialog: async () => {
      try {
        const opened = await api.openDialog();
        if (opened) load(opened);
        return !!opened;
      } catch (e) {
        setError(e);
        return false;
      }
    },
    save: () =>
      guard(async () => {
        if (!task) return;
        if (path === null) {
          const p = await api.saveDialog(task);
          if (p === null) return;
          setPath(p);
        } else await api.save(path, task);
        setDirty(false);
      }),
    saveAs: () =>
      guard(async () => {
        if (!task) return;
        const p = await api.saveDialog(task);
        if (p === null) return;
        setPath(p);
        setDirty(false);
      }),
    importCsv: (p?: string) =>
      guard(async () => {
        const got = p === undefined ? await api.importCsvDialog() : await api.importCsv(p);
        if (!got) return;
        setTask((t) => (t ? withImported(t, got) : t));
        setDirty(true);
        setImported({ path: got.path, encoding: got.encoding ?? null, rows: got.rows.length });
      }),
    edit: (change) => {
      setTask((t) => (t ? change(t) : t));
      setDirty(true);
    },
    clearError: () => setError(null),
  };
}
