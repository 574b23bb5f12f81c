/**
 * The calling hours: the days calls may be made on (ticked), and one grid of
 * the day's 96 quarter-hours (24 hours across, 4 quarters down) painted by a
 * click or a drag (from the first cell pressed to the one under the pointer,
 * in time order; pressing an open cell clears instead), with presets. Mouse
 * events (a desktop app): WebKit's WebDriver drives them as a hand does.
 */

import { useEffect, useRef, useState } from "react";
import type { Lang } from "../i18n";
import type { Task } from "../backend/ipc";
import { cellTime, cellsOf, listsOf, openCount, paint, span } from "./hours";
import { type TaskStringKey, tt } from "./strings";

type Props = { task: Task; lang: Lang; onChange: (change: Partial<Task>) => void; invalid?: boolean };

type Drag = { anchor: number; current: number; open: boolean };

/** The cell `target` is (or is in), if any. */
function cellAt(target: EventTarget | null): number | null {
  const el = (target as HTMLElement | null)?.closest?.("[data-cell]");
  const v = el?.getAttribute("data-cell");
  return v == null ? null : Number(v);
}

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export function HoursGrid({ task, lang, onChange, invalid }: Props) {
  const cells = cellsOf(task);
  const [drag, setDrag] = useState<Drag | null>(null);
  // The drag as the events last left it: a mouseup can come before React draws the last move.
  const dragRef = useRef<Drag | null>(null);
  const start = (d: Drag | null) => {
    dragRef.current = d;
    setDrag(d);
  };
  const shown = drag ? paint(cells, drag.anchor, drag.current, drag.open) : cells;

  useEffect(() => {
    if (!drag) return;
    const end = (e: MouseEvent) => {
      // Where the button is let go ends the span, even if no move reached
      // the grid on the way (a busy machine's WebDriver, a fast hand).
      const under = typeof document.elementFromPoint === "function" ? document.elementFromPoint(e.clientX, e.clientY) : null;
      const at = cellAt(under) ?? cellAt(e.target);
      const d = dragRef.current && at !== null ? { ...dragRef.current, current: at } : dragRef.current;
      if (d) onChange(listsOf(paint(cellsOf(task), d.anchor, d.current, d.open)));
      start(null);
    };
    window.addEventListener("mouseup", end);
    return () => window.removeEventListener("mouseup", end);
  }, [drag, task, onChange]);

  const toggleDay = (d: number) => {
    const days = task.weekDay.includes(d) ? task.weekDay.filter((x) => x !== d) : [...task.weekDay, d].sort((a, b) => a - b);
    onChange({ weekDay: days });
  };

  return (
    <section className={`task-section hours${invalid ? " invalid" : ""}`} data-testid="hours">
      <header className="task-section-head">
        <h3>{tt(lang, "hours")}</h3>
        <span className="task-muted" data-testid="hours-open-count">
          {openCount(shown)} {tt(lang, "openQuarters")}
        </span>
        <span className="toolbar-spacer" />
        <button type="button" className="button small" data-testid="hours-preset-office" onClick={() => onChange({ ...listsOf(span(9, 18)), weekDay: [1, 2, 3, 4, 5] })}>
          {tt(lang, "presetOffice")}
        </button>
        <button type="button" className="button small" data-testid="hours-preset-every-day" onClick={() => onChange({ weekDay: [...DAYS] })}>
          {tt(lang, "everyDay")}
        </button>
        <button type="button" className="button small" data-testid="hours-preset-all-day" onClick={() => onChange(listsOf(span(0, 24)))}>
          {tt(lang, "presetAllDay")}
        </button>
        <button type="button" className="button small" data-testid="hours-clear" onClick={() => onChange(listsOf(span(0, 0)))}>
          {tt(lang, "presetClear")}
        </button>
      </header>
      <div className="task-days" role="group" aria-label={tt(lang, "hours")}>
        {DAYS.map((d) => (
          <label key={d} className={`task-day${task.weekDay.includes(d) ? " on" : ""}`} data-testid={`day-${d}`}>
            <input type="checkbox" checked={task.weekDay.includes(d)} onChange={() => toggleDay(d)} />
            {tt(lang, `day${d}` as TaskStringKey)}
          </label>
        ))}
      </div>
      <p className="task-hint">{tt(lang, "hoursHint")}</p>
      <div
        className="hours-grid"
        data-testid="hours-grid"
        onMouseDown={(e) => {
          const i = cellAt(e.target);
          if (i === null) return;
          e.preventDefault();
          start({ anchor: i, current: i, open: !cells[i] });
        }}
        onMouseMove={(e) => {
          const i = cellAt(e.target);
          const d = dragRef.current;
          if (d && i !== null && i !== d.current) start({ ...d, current: i });
        }}
      >
        {Array.from({ length: 24 }, (_, h) => (
          <div key={`h${h}`} className="hours-label" style={{ gridColumn: h + 2, gridRow: 1 }}>
            {h}
          </div>
        ))}
        {[0, 1, 2, 3].map((q) => (
          <div key={`q${q}`} className="hours-label quarter" style={{ gridColumn: 1, gridRow: q + 2 }}>
            :{String(q * 15).padStart(2, "0")}
          </div>
        ))}
        {shown.map((open, i) => (
          <div
            key={i}
            data-cell={i}
            data-testid={`hour-cell-${i}`}
            data-open={open ? "true" : "false"}
            className={`hours-cell${open ? " open" : ""}`}
            title={cellTime(i)}
            style={{ gridColumn: Math.floor(i / 4) + 2, gridRow: (i % 4) + 2 }}
          />
        ))}
      </div>
    </section>
  );
}
