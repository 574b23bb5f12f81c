/**
 * The call list's table, as data: its columns (the contact's fields, then
 * the variables in the order the rows name them), each row's problems by
 * column (the checks' places: row = position from 1, column = wire name or
 * variable), which rows are in view, and edits of one cell. No judging here.
 */

import type { ContactRow, TaskProblem } from "../backend/ipc";

export const ROW_HEIGHT = 30;
const OVERSCAN = 8;

/** A column: a contact field by wire name, or a variable. */
export type Column = { key: string; variable: boolean };

const FIELDS = ["contactId", "name", "phoneNumber"] as const;

/** The columns for `rows` (the country code only when a row has one). */
export function columnsOf(rows: readonly ContactRow[]): Column[] {
  const cols: Column[] = FIELDS.map((key) => ({ key, variable: false }));
  if (rows.some((r) => (r.countryCode ?? "") !== "")) cols.push({ key: "countryCode", variable: false });
  const seen = new Set<string>();
  for (const r of rows)
    for (const p of r.params)
      if (!seen.has(p.name)) {
        seen.add(p.name);
        cols.push({ key: p.name, variable: true });
      }
  return cols;
}

/** A cell's text. */
export function cellOf(row: ContactRow, col: Column): string {
  if (col.variable) return row.params.find((p) => p.name === col.key)?.value ?? "";
  return String((row as Record<string, unknown>)[col.key] ?? "");
}

/** `row` with the cell of `col` set to `value`. */
export function withCell(row: ContactRow, col: Column, value: string): ContactRow {
  if (!col.variable) return { ...row, [col.key]: value };
  const has = row.params.some((p) => p.name === col.key);
  const params = has ? row.params.map((p) => (p.name === col.key ? { ...p, value } : p)) : [...row.params, { name: col.key, value }];
  return { ...row, params };
}

/** The problems on rows, by row position (from 1); and those on whole columns (no row). */
export function problemsByRow(problems: readonly TaskProblem[]): { rows: Map<number, TaskProblem[]>; columns: Map<string, TaskProblem[]> } {
  const rows = new Map<number, TaskProblem[]>();
  const columns = new Map<string, TaskProblem[]>();
  for (const p of problems) {
    if (p.place.row !== undefined) {
      const list = rows.get(p.place.row) ?? [];
      list.push(p);
      rows.set(p.place.row, list);
    } else if (p.place.column !== undefined) {
      const list = columns.get(p.place.column) ?? [];
      list.push(p);
      columns.set(p.place.column, list);
    }
  }
  return { rows, columns };
}

/** The first and last (exclusive) of `count` rows to draw for a view of `height` px scrolled to `top`. */
export function rowsInView(count: number, top: number, height: number): [number, number] {
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const shown = height > 0 ? Math.ceil(height / ROW_HEIGHT) : 30;
  return [first, Math.min(count, Math.floor(top / ROW_HEIGHT) + shown + OVERSCAN)];
}
