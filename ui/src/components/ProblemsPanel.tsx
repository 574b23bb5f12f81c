/** The list of problems the engine's `validate_flow` reported, or "No problems". */

import type { Flow, Problem, Severity } from "../model";
import { type Lang, type StringKey, t, tx } from "../i18n";

const SEVERITY_KEY: Record<Severity, StringKey> = {
  error: "severityError",
  warning: "severityWarning",
  info: "severityInfo",
};

/** Where a problem is, in words: "Block Welcome · exit next". */
export function locationOf(problem: Problem, flow: Flow | undefined, lang: Lang): string {
  const parts: string[] = [];
  if (problem.node) {
    const node = flow?.nodes.find((n) => n.id === problem.node);
    const name = node && node.label.trim() !== "" ? node.label : problem.node;
    parts.push(`${t(lang, "onBlock")} ${name}`);
  }
  if (problem.port) parts.push(`${t(lang, "onExit")} ${problem.port}`);
  if (problem.field) parts.push(`${t(lang, "onField")} ${problem.field}`);
  return parts.join(" · ");
}

type Props = {
  problems: Problem[] | undefined;
  flow: Flow | undefined;
  lang: Lang;
  error?: string;
  onSelect?: (problem: Problem) => void;
  /** Controls in the header (the target the flow is checked for). */
  children?: React.ReactNode;
};

export function ProblemsPanel({ problems, flow, lang, error, onSelect, children }: Props) {
  const count = problems?.length ?? 0;
  return (
    <section className="problems" data-testid="problems-panel" aria-label={t(lang, "problems")}>
      <header className="problems-header">
        <span>{t(lang, "problems")}</span>
        <span
          className="problems-count"
          data-testid="problems-count"
          data-errors={problems?.filter((p) => p.severity === "error").length ?? 0}
        >
          {count}
        </span>
        <span className="toolbar-spacer" />
        {children}
      </header>
      {error ? (
        <div className="problems-error" role="alert" data-testid="problems-error">
          {t(lang, "checkFailed")}: {error}
        </div>
      ) : problems === undefined ? (
        <div className="problems-empty">{t(lang, "checking")}</div>
      ) : count === 0 ? (
        <div className="problems-empty" data-testid="problems-empty">
          <span className="ok-dot" aria-hidden="true" />
          {t(lang, "noProblems")}
        </div>
      ) : (
        <ul className="problems-list">
          {problems.map((p, i) => (
            <li key={`${p.code}-${i}`} data-testid={`problem-item-${i}`} data-code={p.code}>
              <button
                type="button"
                className={`problem ${p.severity}`}
                data-testid={`problem-${p.code}`}
                data-node={p.node}
                data-port={p.port}
                onClick={() => onSelect?.(p)}
              >
                <span className={`severity ${p.severity}`}>{t(lang, SEVERITY_KEY[p.severity])}</span>
                <span className="problem-message">{tx(p.message, lang)}</span>
                <span className="problem-location">{locationOf(p, flow, lang)}</span>
                <code className="problem-code">{p.code}</code>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
