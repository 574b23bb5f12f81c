/** The Tasks view: the connection's tasks as NXLink lists them (`task/list`), with status and progress. */

import { useCallback, useEffect, useState } from "react";
import type { Lang } from "../i18n";
import { errorText } from "../errors";
import type { TasksApi } from "../backend/tasks";
import type { TaskView } from "../backend/ipc";
import { type TaskStringKey, tt } from "./strings";

type Props = { api: TasksApi; profile: string; lang: Lang; highlight?: string | null };

export function TasksView({ api, profile, lang, highlight }: Props) {
  const [tasks, setTasks] = useState<TaskView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    if (!profile) return;
    setTasks(null);
    setError(null);
    api.list(profile).then(setTasks, setError);
  }, [api, profile]);
  useEffect(load, [load]);
  const status = (s: number | null) => (s !== null && s >= 1 && s <= 6 ? tt(lang, `status${s}` as TaskStringKey) : "—");
  return (
    <section className="task-section tasks-view" data-testid="tasks-view">
      <header className="task-section-head">
        <h3>
          {tt(lang, "tasksView")} · {profile}
        </h3>
        <span className="toolbar-spacer" />
        <button type="button" className="button small" data-testid="tasks-refresh" onClick={load}>
          {tt(lang, "refresh")}
        </button>
      </header>
      {error !== null && (
        <p className="task-error" role="alert">
          {errorText(error, lang)}
        </p>
      )}
      {tasks === null && error === null && <p className="task-muted">{tt(lang, "loadingList")}</p>}
      {tasks?.length === 0 && <p className="task-muted">{tt(lang, "noTasks")}</p>}
      {tasks && tasks.length > 0 && (
        <table className="task-list" data-testid="tasks-list">
          <thead>
            <tr>
              <th>{tt(lang, "taskId")}</th>
              <th>{tt(lang, "name")}</th>
              <th>{tt(lang, "userTaskId")}</th>
              <th>{tt(lang, "status")}</th>
              <th>{tt(lang, "progress")}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((t) => (
              <tr key={t.task_id} data-testid={`task-row-${t.task_id}`} className={t.task_id === highlight ? "highlight" : undefined}>
                <td>
                  <code>{t.task_id}</code>
                </td>
                <td>{t.name}</td>
                <td>
                  <code>{t.user_task_id}</code>
                </td>
                <td>{status(t.status)}</td>
                <td>
                  <Progress done={t.success ?? 0} total={t.total ?? 0} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Progress({ done, total }: { done: number; total: number }) {
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <span className="task-progress">
      <span className="task-progress-bar">
        <span style={{ width: `${pct}%` }} />
      </span>
      {done}/{total}
    </span>
  );
}
