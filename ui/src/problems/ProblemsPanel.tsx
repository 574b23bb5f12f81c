/**
 * The list of problems the engine's `validate_flow` reported, or "No problems".
 * Each row is one line of a fixed height, coloured by severity (error red,
 * warning amber, info neutral), and only the rows in view are drawn, so a
 * result of thousands of problems costs what a screenful does (issue 19).
 */

import { memo, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { Flow, Problem, Severity } from "../model";
import { type Lang, type StringKey, t, tx } from "../i18n";
import "./problems.css";

export const SEVERITY_KEY: Record<Severity, StringKey> = {
  error: "severityError",
  warning: "severityWarning",
  info: "severityInfo",
};

/** A row's height in px (problems.css `.problems-list > li`): fixed, so the rows in view are known without drawing. */
export const PROBLEM_ROW = 28;
/** Rows drawn above and below the view, so a scroll does not show a gap before they are drawn. */
const OVERSCAN = 10;
/** Rows drawn before the list has a height (its first render). */
const FIRST_ROWS = 24;

/** The name each block goes by in the list: its label, else its id. */
export function blockNames(flow: Flow | undefined): ReadonlyMap<string, string> {
  return new Map(flow?.nodes.map((n) => [n.id, n.label.trim() !== "" ? n.label : n.id]));
}

/**
 * Where a problem is, in words: the engine's own ("Block Collect digits 3 ·
 * exit Timeout", in the designer's words), else "Block Welcome · exit next".
 */
export function locationOf(problem: Problem, names: ReadonlyMap<string, string>, lang: Lang): string {
  if (problem.place) return problem.place[lang];
  const parts: string[] = [];
  if (problem.node) parts.push(`${t(lang, "onBlock")} ${names.get(problem.node) ?? problem.node}`);
  if (problem.port) parts.push(`${t(lang, "onExit")} ${problem.port}`);
  if (problem.field) parts.push(`${t(lang, "onField")} ${problem.field}`);
  return parts.join(" · ");
}

/** The first and last (exclusive) rows to draw for a view of `height` px scrolled to `top`. */
export function rowsInView(count: number, top: number, height: number): [number, number] {
  const rows = height > 0 ? Math.ceil(height / PROBLEM_ROW) : FIRST_ROWS;
  const first = Math.max(0, Math.floor(top / PROBLEM_ROW) - OVERSCAN);
  return [first, Math.min(count, Math.floor(top / PROBLEM_ROW) + rows + OVERSCAN)];
}

type ListProps = {
  problems: readonly Problem[];
  flow: Flow | undefined;
  lang: Lang;
  onSelect?: (problem: Problem) => void;
};

/** The rows in view of a long list; drawn again only when the result, the flow, the language or the view changes. */
const ProblemList = memo(function ProblemList({ problems, flow, lang, onSelect }: ListProps) {
  const names = useMemo(() => blockNames(flow), [flow]);
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 0 });
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight });
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const [first, last] = rowsInView(problems.length, view.top, view.height);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const p = problems[i];
    const message = tx(p.message, lang);
    const where = locationOf(p, names, lang);
    rows.push(
      <li key={i} style={{ top: i * PROBLEM_ROW }} data-testid={`problem-item-${i}`} data-code={p.code}>
        <button
          type="button"
          className={`problem sev-${p.severity}`}
          data-testid={`problem-${p.code}`}
          data-node={p.node}
          data-port={p.port}
          data-severity={p.severity}
          title={where ? `${message}\n${where}` : message}
          onClick={() => onSelect?.(p)}
        >
          <span className={`severity sev-${p.severity}`}>{t(lang, SEVERITY_KEY[p.severity])}</span>
          <span className="problem-message">{message}</span>
          <span className="problem-location">{where}</span>
          <code className="problem-code">{p.code}</code>
        </button>
      </li>,
    );
  }
  return (
    <div
      className="problems-scroll"
      ref={scroller}
      data-testid="problems-scroll"
      onScroll={(e) => {
        const el = e.currentTarget;
        setView({ top: el.scrollTop, height: el.clientHeight });
      }}
    >
      <ul className="problems-list" style={{ height: problems.length * PROBLEM_ROW }}>
        {rows}
      </ul>
    </div>
  );
});

type Props = {
  problems: readonly Problem[] | undefined;
  flow: Flow | undefined;
  lang: Lang;
  error?: string;
  /** Called with the problem clicked; keep it the same function between renders, or every row is drawn again. */
  onSelect?: (problem: Problem) => void;
  /** Controls in the header (the target the flow is checked for). */
  children?: ReactNode;
};

export function ProblemsPanel({ problems, flow, lang, error, onSelect, children }: Props) {
  const count = problems?.length ?? 0;
  const errors = useMemo(() => problems?.reduce((n, p) => (p.severity === "error" ? n + 1 : n), 0) ?? 0, [problems]);
  return (
    <section className="problems" data-testid="problems-panel" aria-label={t(lang, "problems")}>
      <header className="problems-header">
        <span>{t(lang, "problems")}</span>
        <span className="problems-count" data-testid="problems-count" data-errors={errors}>
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
        <ProblemList problems={problems} flow={flow} lang={lang} onSelect={onSelect} />
      )}
    </section>
  );
}
