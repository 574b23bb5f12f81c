/** One labelled field of the task form, coloured and annotated by the problems the checks place on it (by wire name). */

import type { ReactNode } from "react";
import { type Lang, tx } from "../i18n";
import type { TaskProblem } from "../backend/ipc";

type Props = { label: string; problems: readonly TaskProblem[]; lang: Lang; wide?: boolean; children: ReactNode };

/** The worst severity among `problems`, for the colour. */
export function worst(problems: readonly TaskProblem[]): "error" | "warning" | "info" | null {
  if (problems.some((p) => p.severity === "error")) return "error";
  if (problems.some((p) => p.severity === "warning")) return "warning";
  return problems.length > 0 ? "info" : null;
}

export function Field({ label, problems, lang, wide, children }: Props) {
  const sev = worst(problems);
  return (
    <label className={`task-field${wide ? " wide" : ""}${sev ? ` sev-${sev}` : ""}`}>
      <span className="task-field-label">{label}</span>
      {children}
      {problems.map((p, i) => (
        <span key={i} className={`task-field-problem severity sev-${p.severity}`} data-testid={`field-problem-${p.code}`}>
          {tx(p.message, lang)}
        </span>
      ))}
    </label>
  );
}
