/**
 * The task's own problems (those not on a row), the plan (which connection,
 * how many contacts in how many calls, how many rows are left out), the
 * Create button (disabled while an error remains), the progress of the send
 * and its result: the task id, the accepted count and each refused row with
 * NXLink's reason.
 */

import { type Lang, tx } from "../i18n";
import type { CreateOutcome, TaskCheck } from "../backend/ipc";
import { tt } from "./strings";

/** Contacts per call, as the service sends them (ivr_task::DEFAULT_CHUNK). */
export const CHUNK = 1000;

type Props = {
  check: TaskCheck | null;
  profile: string;
  lang: Lang;
  busy: boolean;
  progress: [number, number] | null;
  outcome: CreateOutcome | null;
  error: string | null;
  onCreate: () => void;
  onShowTasks: () => void;
};

export function CreatePanel({ check, profile, lang, busy, progress, outcome, error, onCreate, onShowTasks }: Props) {
  const own = check?.problems.filter((p) => p.place.row === undefined && p.place.column === undefined) ?? [];
  const blocked = !check || check.has_errors;
  const calls = check ? Math.max(1, Math.ceil(check.ready / CHUNK)) : 0;
  return (
    <section className="task-section create" data-testid="create-panel">
      <header className="task-section-head">
        <h3>{tt(lang, "taskProblems")}</h3>
      </header>
      {check === null ? (
        <p className="task-muted">{tt(lang, "checking")}</p>
      ) : own.length === 0 ? (
        <p className="task-ok" data-testid="task-problems-none">
          {tt(lang, check.problems.length > 0 ? "noProblemsRowsHave" : "noProblems")}
        </p>
      ) : (
        <ul className="task-problems" data-testid="task-problems">
          {own.map((p, i) => (
            <li key={i} data-testid={`task-problem-${p.code}`}>
              <span className={`severity sev-${p.severity}`}>{tt(lang, p.severity)}</span> {tx(p.message, lang)}
              {p.place.field && <span className="problem-code"> · {p.place.field}</span>}
            </li>
          ))}
        </ul>
      )}
      <header className="task-section-head">
        <h3>{tt(lang, "plan")}</h3>
      </header>
      {check && (
        <p className="task-plan" data-testid="task-plan">
          <strong>{check.ready}</strong> {tt(lang, "planText")} {calls} {tt(lang, "calls")} <strong>{profile}</strong>
          {check.left_out > 0 && (
            <>
              {" · "}
              <span className="task-left-out">
                {check.left_out} {tt(lang, "leftOut")}
              </span>
            </>
          )}
        </p>
      )}
      <button
        type="button"
        className="button primary"
        data-testid="task-create"
        disabled={blocked || busy || profile === ""}
        title={blocked ? tt(lang, "createBlocked") : undefined}
        onClick={onCreate}
      >
        {busy ? tt(lang, "creating") : tt(lang, "create")}
      </button>
      {blocked && check && <p className="task-hint">{tt(lang, "createBlocked")}</p>}
      {busy && progress && (
        <p className="task-muted" data-testid="task-progress">
          {progress[0]} / {progress[1]} {tt(lang, "sent")}
        </p>
      )}
      {error && (
        <p className="task-error" role="alert" data-testid="task-create-error">
          {error}
        </p>
      )}
      {outcome && <Outcome outcome={outcome} lang={lang} onShowTasks={onShowTasks} />}
    </section>
  );
}

function Outcome({ outcome, lang, onShowTasks }: { outcome: CreateOutcome; lang: Lang; onShowTasks: () => void }) {
  return (
    <div className="task-result" data-testid="task-result">
      <h3>{tt(lang, "result")}</h3>
      {outcome.already_there ? (
        <p data-testid="task-already-there">{tt(lang, "alreadyThere")}</p>
      ) : (
        <p data-testid="task-result-summary">
          {tt(lang, "taskId")} <code data-testid="task-result-id">{outcome.task_id}</code> · <strong className="task-accepted">{outcome.accepted}</strong>{" "}
          {tt(lang, "accepted")} · <strong className={outcome.refused.length > 0 ? "severity sev-error" : undefined}>{outcome.refused.length}</strong>{" "}
          {tt(lang, "refused")}
        </p>
      )}
      {outcome.refused.length > 0 && (
        <>
          <h4>{tt(lang, "refusedRows")}</h4>
          <ul className="task-refused" data-testid="task-refused">
            {outcome.refused.map((r, i) => (
              <li key={i} data-testid={`refused-${i}`}>
                <strong>{r.name}</strong> {r.phone_number}
                <span className="task-refused-reason">{r.reason}</span>
                <code className="task-muted">{r.contact_id}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" className="button" data-testid="task-show-tasks" onClick={onShowTasks}>
        {tt(lang, "showTasks")}
      </button>
    </div>
  );
}
