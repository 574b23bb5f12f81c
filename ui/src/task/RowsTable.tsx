/**
 * The call list as an editable table: one line per contact (its id, name,
 * phone as written and in E.164 as the checks read it, variables), each
 * problem the checks place on a row shown on that row and its cell in the
 * problems panel's severity colours. Only the rows in view are drawn, so a
 * long list stays fluid; "only rows with problems" narrows it.
 */

import { memo, useMemo, useRef, useState } from "react";
import { type Lang, tx } from "../i18n";
import type { ContactRow, TaskProblem } from "../backend/ipc";
import { worst } from "./Field";
import { ROW_HEIGHT, type Column, cellOf, columnsOf, problemsByRow, rowsInView, withCell } from "./rows";
import { type TaskStringKey, tt } from "./strings";

type Props = {
  /** Where the rows came from (the CSV last imported), shown in the header. */
  note?: string;
  noteTitle?: string;
  rows: readonly ContactRow[];
  problems: readonly TaskProblem[];
  numbers: readonly (string | null)[];
  lang: Lang;
  onRows: (rows: ContactRow[]) => void;
};

/** Each contact column's width (a variable's: the default); the phone's is followed by its E.164 form's. */
const WIDTHS: Record<string, string> = {
  contactId: "minmax(64px,0.8fr)",
  name: "minmax(100px,1.3fr)",
  phoneNumber: "minmax(136px,1.2fr) 112px",
};

const HEAD: Record<string, TaskStringKey> = { contactId: "colId", name: "colName", phoneNumber: "colPhone", countryCode: "countryCode" };

export function RowsTable({ note, noteTitle, rows, problems, numbers, lang, onRows }: Props) {
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [view, setView] = useState({ top: 0, height: 0 });
  const body = useRef<HTMLDivElement>(null);
  const columns = useMemo(() => columnsOf(rows), [rows]);
  const byRow = useMemo(() => problemsByRow(problems), [problems]);
  const shown = useMemo(() => {
    const all = rows.map((_, i) => i);
    return onlyProblems ? all.filter((i) => byRow.rows.has(i + 1)) : all;
  }, [rows, onlyProblems, byRow]);
  const [first, last] = rowsInView(shown.length, view.top, view.height);
  const template = `40px ${columns.map((c) => WIDTHS[c.key] ?? "minmax(72px,1fr)").join(" ")} minmax(200px,4fr) 28px`;
  const edit = (i: number, col: Column, value: string) => onRows(rows.map((r, j) => (j === i ? withCell(r, col, value) : r)));
  const remove = (i: number) => onRows(rows.filter((_, j) => j !== i));
  const withProblems = byRow.rows.size;

  return (
    <section className="task-section rows" data-testid="rows">
      <header className="task-section-head">
        <h3>{tt(lang, "callList")}</h3>
        <span className="task-muted" data-testid="rows-count">
          {rows.length} {tt(lang, "rows")}
        </span>
        {note && (
          <span className="task-muted" data-testid="task-imported" title={noteTitle}>
            {note}
          </span>
        )}
        <label className="task-check">
          <input type="checkbox" data-testid="rows-only-problems" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} />
          {tt(lang, "onlyProblems")} ({withProblems})
        </label>
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="button small"
          data-testid="add-row"
          onClick={() => onRows([...rows, { contactId: "", name: "", phoneNumber: "", other: "", params: columns.filter((c) => c.variable).map((c) => ({ name: c.key, value: "" })) }])}
        >
          {tt(lang, "addRow")}
        </button>
      </header>
      <div className="rows-table" data-testid="rows-table">
        <div className="rows-head" style={{ gridTemplateColumns: template }}>
          <span>{tt(lang, "colRow")}</span>
          {columns.map((c) => {
            const sev = worst(byRow.columns.get(c.key) ?? []);
            return [
              <span
                key={c.key}
                className={sev ? `sev-${sev}` : undefined}
                data-testid={`col-${c.key}`}
                title={(byRow.columns.get(c.key) ?? []).map((p) => tx(p.message, lang)).join("\n") || undefined}
              >
                {HEAD[c.key] ? tt(lang, HEAD[c.key]) : c.key}
              </span>,
              c.key === "phoneNumber" ? <span key="e164">{tt(lang, "colE164")}</span> : null,
            ];
          })}
          <span>{tt(lang, "colProblems")}</span>
          <span />
        </div>
        <div className="rows-body" ref={body} onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}>
          {rows.length === 0 ? (
            <p className="task-hint rows-empty">{tt(lang, "noRows")}</p>
          ) : (
            <div style={{ height: shown.length * ROW_HEIGHT, position: "relative" }}>
              {shown.slice(first, last).map((i, k) => (
                <Row
                  key={i}
                  index={i}
                  top={(first + k) * ROW_HEIGHT}
                  row={rows[i]}
                  columns={columns}
                  template={template}
                  problems={byRow.rows.get(i + 1)}
                  e164={numbers[i] ?? null}
                  lang={lang}
                  onEdit={edit}
                  onRemove={remove}
                />
              ))}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}

type RowProps = {
  index: number;
  top: number;
  row: ContactRow;
  columns: Column[];
  template: string;
  problems: TaskProblem[] | undefined;
  e164: string | null;
  lang: Lang;
  onEdit: (i: number, col: Column, value: string) => void;
  onRemove: (i: number) => void;
};

/** One contact's line; drawn again only when its row, problems or number change. */
const Row = memo(function Row({ index, top, row, columns, template, problems = [], e164, lang, onEdit, onRemove }: RowProps) {
  const n = index + 1;
  const sev = worst(problems);
  const messages = problems.map((p) => tx(p.message, lang));
  return (
    <div
      className={`rows-row${sev ? ` sev-${sev}` : ""}`}
      data-testid={`row-${n}`}
      data-severity={sev ?? "none"}
      style={{ gridTemplateColumns: template, top, height: ROW_HEIGHT }}
    >
      <span className="rows-n">{n}</span>
      {columns.map((c) => {
        const here = problems.filter((p) => p.place.column === c.key);
        const cellSev = worst(here);
        return [
          <input
            key={c.key}
            className={`rows-cell${cellSev ? ` sev-${cellSev}` : ""}`}
            data-testid={`cell-${n}-${c.key}`}
            data-severity={cellSev ?? "none"}
            title={here.map((p) => tx(p.message, lang)).join("\n") || undefined}
            value={cellOf(row, c)}
            onChange={(e) => onEdit(index, c, e.target.value)}
          />,
          c.key === "phoneNumber" ? (
            <span key="e164" className="rows-e164" data-testid={`e164-${n}`}>
              {e164 ?? "—"}
            </span>
          ) : null,
        ];
      })}
      <span className={`rows-problems${sev ? ` severity sev-${sev}` : ""}`} data-testid={`row-problems-${n}`} title={messages.join("\n") || undefined}>
        {messages.join(" · ")}
      </span>
      <button type="button" className="rows-delete" data-testid={`delete-row-${n}`} aria-label={tt(lang, "deleteRow")} title={tt(lang, "deleteRow")} onClick={() => onRemove(index)}>
        ×
      </button>
    </div>
  );
});
