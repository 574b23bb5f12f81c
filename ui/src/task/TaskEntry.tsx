/**
 * The way into NXLink outbound tasks from the flow editor: New task, Open
 * task, and the Tasks view, in the problems panel's header (the toolbar holds
 * exactly what fits a 1,360 px window; the task's own bar has them too).
 */

import type { Lang } from "../i18n";
import type { TaskMode } from "./TaskArea";
import type { TaskDocument } from "./useTaskDocument";
import { tt } from "./strings";

type Props = { doc: TaskDocument; lang: Lang; onMode: (mode: TaskMode) => void };

export function TaskEntry({ doc, lang, onMode }: Props) {
  return (
    <div className="task-entry" role="group" aria-label={tt(lang, "entryLabel")}>
      <span className="task-entry-label">{tt(lang, "entryLabel")}</span>
      <button
        type="button"
        className="button"
        data-testid="task-new"
        title={tt(lang, "newTaskHint")}
        onClick={() => void doc.newTask().then(() => onMode("task"))}
      >
        {tt(lang, "newTask")}
      </button>
      <button type="button" className="button" data-testid="task-open" onClick={() => void doc.openDialog().then((ok) => ok && onMode("task"))}>
        {tt(lang, "openTask")}
      </button>
      <button type="button" className="button" data-testid="tasks-view-button" onClick={() => onMode("tasks")}>
        {tt(lang, "tasksView")}
      </button>
    </div>
  );
}
