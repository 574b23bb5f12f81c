/**
 * The calling hours as NXLink models them: one pattern of 96 quarter-hours
 * for every calling day, kept in a task as four hour lists (`firstFifteen`
 * holds the hours whose HH:00-HH:15 is open, and so on). These helpers turn
 * the lists into the grid's 96 cells and back; they judge nothing (the
 * checks are Rust's).
 */

import type { Task } from "../backend/ipc";

export const QUARTER_KEYS = ["firstFifteen", "secondFifteen", "thirdFifteen", "fourthFifteen"] as const;

/** The 96 cells (hour * 4 + quarter): open or not. */
export function cellsOf(task: Task): boolean[] {
  const cells = new Array<boolean>(96).fill(false);
  QUARTER_KEYS.forEach((key, q) => {
    for (const h of task[key]) if (h >= 0 && h < 24) cells[h * 4 + q] = true;
  });
  return cells;
}

/** The four hour lists for `cells`, each in ascending order. */
export function listsOf(cells: readonly boolean[]): Pick<Task, (typeof QUARTER_KEYS)[number]> {
  const lists = QUARTER_KEYS.map((_, q) => {
    const hours: number[] = [];
    for (let h = 0; h < 24; h++) if (cells[h * 4 + q]) hours.push(h);
    return hours;
  });
  return { firstFifteen: lists[0], secondFifteen: lists[1], thirdFifteen: lists[2], fourthFifteen: lists[3] };
}

/** `cells` with those from `a` to `b` (either order, inclusive) set to `open`. */
export function paint(cells: readonly boolean[], a: number, b: number, open: boolean): boolean[] {
  const out = [...cells];
  for (let i = Math.min(a, b); i <= Math.max(a, b); i++) out[i] = open;
  return out;
}

/** Open from hour `from` to hour `to` (exclusive). */
export function span(from: number, to: number): boolean[] {
  return Array.from({ length: 96 }, (_, i) => i >= from * 4 && i < to * 4);
}

/** "09:15" for cell `i`. */
export function cellTime(i: number): string {
  const h = Math.floor(i / 4);
  return `${String(h).padStart(2, "0")}:${String((i % 4) * 15).padStart(2, "0")}`;
}

/** How many cells are open. */
export function openCount(cells: readonly boolean[]): number {
  return cells.filter(Boolean).length;
}
