/**
 * The task workspace shown instead of the canvas: the task's own bar (its
 * name, save, save as, CSV import, the NXLink connection, the Tasks view,
 * back to the flow), the form, the calling hours, the call list, and beside
 * them the problems, the plan, Create and its result; or the Tasks view.
 */

import { useEffect, useRef, useState } from "react";
import { inTextField } from "../editing/useShortcuts";
import type { Lang } from "../i18n";
import { errorText } from "../errors";
import type { TasksApi } from "../backend/tasks";
import type { AgentView, CreateOutcome, ProfileView, RouteView, Task } from "../backend/ipc";
import { CreatePanel } from "./CreatePanel";
import { HoursGrid } from "./HoursGrid";
import { RowsTable } from "./RowsTable";
import { TaskForm } from "./TaskForm";
import { TasksView } from "./TasksView";
import { tt } from "./strings";
import { type TaskDocument, rowsOf } from "./useTaskDocument";
import "./task.css";

export type TaskMode = "flow" | "task" | "tasks";

type Props = { api: TasksApi; doc: TaskDocument; mode: "task" | "tasks"; lang: Lang; onMode: (mode: TaskMode) => void };

export function TaskArea({ api, doc, mode, lang, onMode }: Props) {
  const [profiles, setProfiles] = useState<ProfileView[]>([]);
  const [profile, setProfile] = useState("");
  const [agents, setAgents] = useState<AgentView[] | null>(null);
  const [routes, setRoutes] = useState<RouteView[] | null>(null);
  const [listError, setListError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<[number, number] | null>(null);
  const [outcome, setOutcome] = useState<CreateOutcome | null>(null);
  const [createError, setCreateError] = useState<string | null>(null);

  useEffect(() => {
    api.profiles().then((list) => {
      setProfiles(list);
      setProfile((p) => p || list[0]?.profile.name || "");
    }, setListError);
  }, [api]);
  useEffect(() => {
    if (!profile) return;
    setAgents(null);
    setRoutes(null);
    setListError(null);
    api.agents(profile).then(setAgents, setListError);
    api.routes(profile).then(setRoutes, setListError);
  }, [api, profile]);
  useEffect(() => {
    setOutcome(null);
    setCreateError(null);
  }, [doc.task?.userTaskId]);

  // The flow's shortcuts are for the canvas, hidden now: keys stop here
  // (Ctrl+S saves the task); typing in the task's fields goes on as usual.
  const docRef = useRef(doc);
  docRef.current = doc;
  useEffect(() => {
    const guard = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === "s") {
        e.preventDefault();
        e.stopPropagation();
        void (e.shiftKey ? docRef.current.saveAs() : docRef.current.save());
      } else if (mod || !inTextField(e.target)) e.stopPropagation();
    };
    window.addEventListener("keydown", guard, true);
    return () => window.removeEventListener("keydown", guard, true);
  }, []);

  const task = doc.task;
  const change = (c: Partial<Task>) => doc.edit((t) => ({ ...t, ...c }));
  const create = async () => {
    if (!task) return;
    setBusy(true);
    setProgress(null);
    setOutcome(null);
    setCreateError(null);
    try {
      setOutcome(await api.create(profile, task, doc.path, (done, total) => setProgress([done, total])));
    } catch (e) {
      setCreateError(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  const fileName = doc.path?.split(/[\\/]/).pop();

  return (
    <div className="task-area" data-testid="task-area" data-mode={mode}>
      <div className="task-bar">
        {mode === "task" && task && (
          <>
            <strong className="task-title" data-testid="task-title">
              {task.taskName || tt(lang, "untitled")}
              {doc.dirty && <span className="task-dirty"> •</span>}
            </strong>
            {fileName && <span className="task-muted" title={doc.path ?? undefined}>{fileName}</span>}
            <button type="button" className="button" data-testid="task-save" onClick={() => void doc.save()}>
              {tt(lang, "saveTask")}
            </button>
            <button type="button" className="button" data-testid="task-save-as" onClick={() => void doc.saveAs()}>
              {tt(lang, "saveTaskAs")}
            </button>
            <button type="button" className="button" data-testid="task-import-csv" onClick={() => void doc.importCsv()}>
              {tt(lang, "importCsv")}
            </button>
          </>
        )}
        <span className="toolbar-spacer" />
        <button type="button" className="button" data-testid="task-bar-new" onClick={() => void doc.newTask().then(() => onMode("task"))}>
          {tt(lang, "newTask")}
        </button>
        <button type="button" className="button" data-testid="task-bar-open" onClick={() => void doc.openDialog().then((ok) => ok && onMode("task"))}>
          {tt(lang, "openTask")}
        </button>
        <label className="toolbar-field">
          {tt(lang, "connection")}
          <select className="task-input task-profile" data-testid="task-profile" value={profile} onChange={(e) => setProfile(e.target.value)}>
            {profiles.map((p) => (
              <option key={p.profile.name} value={p.profile.name}>
                {p.builtin ? `${p.profile.name} (${tt(lang, "builtin")})` : p.profile.name}
              </option>
            ))}
          </select>
        </label>
        {task && (
          <button type="button" className={`button${mode === "task" ? " active" : ""}`} data-testid="task-tab-task" onClick={() => onMode("task")}>
            {tt(lang, "task")}
          </button>
        )}
        <button type="button" className={`button${mode === "tasks" ? " active" : ""}`} data-testid="task-tab-tasks" onClick={() => onMode("tasks")}>
          {tt(lang, "tasksView")}
        </button>
        <button type="button" className="button" data-testid="task-back" onClick={() => onMode("flow")}>
          {tt(lang, "backToFlow")}
        </button>
      </div>
      {(doc.error !== null || listError !== null) && (
        <div className="task-error banner" role="alert" data-testid="task-error">
          {errorText(doc.error ?? listError, lang)}
          <button type="button" className="rows-delete" onClick={() => (doc.clearError(), setListError(null))}>
            ×
          </button>
        </div>
      )}
      {mode === "tasks" ? (
        <div className="task-main single">
          <TasksView api={api} profile={profile} lang={lang} highlight={outcome?.task_id} />
        </div>
      ) : task ? (
        <div className="task-body">
          <div className="task-main">
            <TaskForm key={task.userTaskId} task={task} lang={lang} problems={doc.check?.problems ?? []} agents={agents} routes={routes} onChange={change} />
            <HoursGrid
              task={task}
              lang={lang}
              onChange={change}
              invalid={doc.check?.problems.some((p) => p.code === "task.no-window") ?? false}
            />
            <RowsTable
              note={
                doc.imported
                  ? `${tt(lang, "imported")}: ${doc.imported.path.split(/[\\/]/).pop()} (${doc.imported.encoding ?? "—"}, ${doc.imported.rows} ${tt(lang, "rows")})`
                  : undefined
              }
              noteTitle={doc.imported?.path}
              rows={rowsOf(task)}
              problems={doc.check?.problems ?? []}
              numbers={doc.check?.numbers ?? []}
              lang={lang}
              onRows={(rows) => doc.edit((t) => ({ ...t, callList: { rows } }))}
            />
          </div>
          <aside className="task-side">
            <CreatePanel
              check={doc.check}
              profile={profile}
              lang={lang}
              busy={busy}
              progress={progress}
              outcome={outcome}
              error={createError}
              onCreate={() => void create()}
              onShowTasks={() => onMode("tasks")}
            />
          </aside>
        </div>
      ) : null}
    </div>
  );
}
