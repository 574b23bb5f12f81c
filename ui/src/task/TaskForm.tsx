/**
 * The task's fields, each as NXLink's `task/create` has it: name and
 * description, the AI agent and the route chosen from the connection's lists,
 * how and when it starts and stops, the time zone by IANA name (kept as
 * `zoneSecond`), redials, limits, country code, callbacks and the agent's
 * variables. The problems the checks place on a field are shown under it.
 */

import { useMemo, useState } from "react";
import type { Lang } from "../i18n";
import type { AgentView, RouteView, StartType, Task, TaskProblem } from "../backend/ipc";
import { Field } from "./Field";
import { PickList } from "./PickList";
import { type TaskStringKey, tt } from "./strings";
import { dstChangeBetween, fromLocalInput, offsetAt, offsetLabel, toLocalInput, zoneFor, zoneNames } from "./timezones";

type Props = {
  task: Task;
  lang: Lang;
  problems: readonly TaskProblem[];
  agents: AgentView[] | null;
  routes: RouteView[] | null;
  onChange: (change: Partial<Task>) => void;
};

const STARTS: StartType[] = ["manual", "scheduled", "immediate"];
/** The fields under "More settings" (opened when one has a problem). */
const MORE = ["maxCall", "maxRingTime", "userTaskId", "taskCallbackUrl", "callCallbackUrl"];

/** A whole number from an input, or undefined when it is empty (a wrong value is kept for the checks to name). */
function num(value: string): number | undefined {
  if (value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : undefined;
}

/** Names written with commas between them (either width). */
export function splitNames(value: string): string[] {
  return value
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

export function TaskForm({ task, lang, problems, agents, routes, onChange }: Props) {
  const zones = useMemo(() => zoneNames(), []);
  const [zone, setZone] = useState(() => zoneFor(task.zoneSecond ?? 0, zones));
  const on = (field: string) => problems.filter((p) => p.place.field === field);
  const F = (key: TaskStringKey, field: string, children: React.ReactNode, wide = false) => (
    <Field label={tt(lang, key)} problems={on(field)} lang={lang} wide={wide}>
      {children}
    </Field>
  );
  const text = (testId: string, value: string, change: (v: string) => void, placeholder?: string) => (
    <input className="task-input" data-testid={testId} value={value} placeholder={placeholder} onChange={(e) => change(e.target.value)} />
  );
  const number = (testId: string, value: number | undefined, change: (v: number | undefined) => void, placeholder?: string) => (
    <input
      className="task-input"
      type="number"
      data-testid={testId}
      value={value ?? ""}
      placeholder={placeholder}
      onChange={(e) => change(num(e.target.value))}
    />
  );
  const chooseZone = (z: string) => {
    setZone(z);
    const at = task.startupAt ?? Math.floor(Date.now() / 1000);
    onChange({ zoneSecond: offsetAt(z, at) ?? 0 });
  };
  const dst = dstChangeBetween(zone, task.startupAt ?? Math.floor(Date.now() / 1000), task.shutdownAt);

  return (
    <section className="task-section task-form" data-testid="task-form">
      <div className="task-grid">
        {F("name", "taskName", text("task-name", task.taskName, (v) => onChange({ taskName: v })), true)}
        {F("description", "taskDesc", text("task-desc", task.taskDesc, (v) => onChange({ taskDesc: v })), true)}
        {F(
          "agent",
          "autoFlowId",
          <PickList
            testId="task-agent"
            lang={lang}
            items={agents?.map((a) => ({ id: String(a.id), name: a.name })) ?? null}
            value={task.autoFlowId === undefined ? "" : String(task.autoFlowId)}
            onChange={(id) => onChange({ autoFlowId: id === "" ? undefined : Number(id) })}
          />,
        )}
        {F(
          "route",
          "routeId",
          <PickList testId="task-route" lang={lang} items={routes} value={task.routeId} onChange={(id) => onChange({ routeId: id })} />,
        )}
        {F(
          "start",
          "startupType",
          <select className="task-input" data-testid="task-start" value={task.startupType} onChange={(e) => onChange({ startupType: e.target.value as StartType })}>
            {STARTS.map((s) => (
              <option key={s} value={s}>
                {tt(lang, `start_${s}` as TaskStringKey)}
              </option>
            ))}
          </select>,
        )}
        {F(
          "timeZone",
          "zoneSecond",
          <span className="task-pick">
            <select className="task-input" data-testid="task-zone" value={zone} onChange={(e) => chooseZone(e.target.value)}>
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
            <span className="task-muted" data-testid="task-zone-offset">
              {offsetLabel(task.zoneSecond ?? 0)}
            </span>
          </span>,
        )}
        {task.startupType === "scheduled" &&
          F(
            "startupAt",
            "startupAt",
            <input
              className="task-input"
              type="datetime-local"
              data-testid="task-startup-at"
              value={toLocalInput(task.startupAt, zone)}
              onChange={(e) => onChange({ startupAt: fromLocalInput(e.target.value, zone) })}
            />,
          )}
        {F(
          task.shutdownAt === undefined ? "shutdownAtNever" : "shutdownAt",
          "shutdownAt",
          <input
            className="task-input"
            type="datetime-local"
            data-testid="task-shutdown-at"
            value={toLocalInput(task.shutdownAt, zone)}
            onChange={(e) => onChange({ shutdownAt: fromLocalInput(e.target.value, zone) })}
          />,
        )}
        {dst && (
          <p className="task-field-problem severity sev-warning wide" data-testid="task-dst-warning">
            {tt(lang, "dstWarning")}
          </p>
        )}
        {F("redials", "orderMaxCall", number("task-redials", task.orderMaxCall, (v) => onChange({ orderMaxCall: v ?? 0 })))}
        {F("redialInterval", "replayInterval", number("task-redial-interval", task.replayInterval, (v) => onChange({ replayInterval: v ?? 0 })))}
        {F("countryCode", "countryCode", text("task-country", task.countryCode, (v) => onChange({ countryCode: v }), "86"))}
        {F(
          "variables",
          "variables",
          <input
            key={task.variables.join(",")}
            className="task-input"
            data-testid="task-variables"
            defaultValue={task.variables.join(", ")}
            placeholder={tt(lang, "variablesHint")}
            onBlur={(e) => onChange({ variables: splitNames(e.target.value) })}
            onKeyDown={(e) => e.key === "Enter" && onChange({ variables: splitNames(e.currentTarget.value) })}
          />,
          true,
        )}
      </div>
      <details className="task-more" data-testid="task-more" open={MORE.some((f) => on(f).length > 0) || undefined}>
        <summary>{tt(lang, "moreSettings")}</summary>
        <div className="task-grid">
            {F("maxCalls", "maxCall", number("task-max-calls", task.maxCall, (v) => onChange({ maxCall: v }), tt(lang, "defaultValue")))}
            {F("maxRingTime", "maxRingTime", number("task-ring-time", task.maxRingTime, (v) => onChange({ maxRingTime: v }), tt(lang, "defaultValue")))}
            {F("userTaskId", "userTaskId", text("task-user-id", task.userTaskId, (v) => onChange({ userTaskId: v })))}
            {F("taskCallbackUrl", "taskCallbackUrl", text("task-callback", task.taskCallbackUrl, (v) => onChange({ taskCallbackUrl: v }), "https://"), true)}
            {F("callCallbackUrl", "callCallbackUrl", text("call-callback", task.callCallbackUrl, (v) => onChange({ callCallbackUrl: v }), "https://"), true)}
            <label className="task-check">
              <input type="checkbox" data-testid="task-keep" checked={task.taskKeep} onChange={(e) => onChange({ taskKeep: e.target.checked })} />
              {tt(lang, "keep")}
            </label>
        </div>
      </details>
    </section>
  );
}
