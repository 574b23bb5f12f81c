/**
 * The Scenario tab: what the call meets that the flow does not decide (the
 * engine's `Scenario`): variables at the start, the caller's number, the
 * clock, hours open or closed, whether provider blocks succeed, and a mock
 * per block, chosen for the block selected on the canvas (the exit it takes,
 * the variables it sets, its delay). Used from the next call on.
 */

import { useEffect, useState } from "react";
import type { Hours, Mock, Scenario } from "../backend";
import type { Lang } from "../i18n";
import type { Names } from "./names";
import { st } from "./strings";

type Props = {
  scenario: Scenario;
  onChange: (s: Scenario) => void;
  /** The block selected on the canvas. */
  selected: string | undefined;
  names: Names;
  lang: Lang;
  onSelectBlock: (id: string) => void;
};

/** `name=value` lines as a map (blank lines and lines without `=` left out). */
export function parsePairs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const at = line.indexOf("=");
    if (at <= 0) continue;
    const k = line.slice(0, at).trim();
    if (k) out[k] = line.slice(at + 1).trim();
  }
  return out;
}

/** A map as `name=value` lines. */
export function pairsText(map: Record<string, string> | undefined): string {
  return Object.entries(map ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");
}

/** A text area of `name=value` lines, kept as typed while it has the focus. */
function PairsField({ value, onChange, testid, label }: { value: Record<string, string> | undefined; onChange: (m: Record<string, string>) => void; testid: string; label: string }) {
  const [text, setText] = useState(() => pairsText(value));
  useEffect(() => {
    setText((t) => (pairsText(parsePairs(t)) === pairsText(value) ? t : pairsText(value)));
  }, [value]);
  return (
    <label className="sim-field">
      <span>{label}</span>
      <textarea
        className="sim-input"
        rows={2}
        data-testid={testid}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(parsePairs(e.target.value));
        }}
      />
    </label>
  );
}

const without = <T,>(map: Record<string, T> | undefined, key: string): Record<string, T> => {
  const { [key]: _, ...rest } = map ?? {};
  return rest;
};

export function ScenarioView({ scenario, onChange, selected, names, lang, onSelectBlock }: Props) {
  const set = (patch: Partial<Scenario>) => onChange({ ...scenario, ...patch });
  const hours = scenario.hours?.["*"];
  const hoursValue = typeof hours === "string" ? hours : "";
  const mocks = scenario.mocks ?? {};
  return (
    <div className="sim-scenario" data-testid="sim-scenario">
      <p className="sim-hint">{st(lang, "scenarioHint")}</p>
      <label className="sim-field">
        <span>{st(lang, "caller")}</span>
        <input className="sim-input" data-testid="sim-caller" value={scenario.caller ?? ""} placeholder="+8613800000000" onChange={(e) => set({ caller: e.target.value })} />
      </label>
      <label className="sim-field">
        <span>{st(lang, "clock")}</span>
        <input className="sim-input" data-testid="sim-clock" value={scenario.clock ?? ""} placeholder="2026-12-05T20:30" onChange={(e) => set({ clock: e.target.value })} />
      </label>
      <label className="sim-field">
        <span>{st(lang, "hours")}</span>
        <select
          className="sim-input"
          data-testid="sim-hours"
          value={hoursValue}
          onChange={(e) => {
            const v = e.target.value as Hours | "";
            set({ hours: v === "" ? without(scenario.hours, "*") : { ...scenario.hours, "*": v } });
          }}
        >
          <option value="">{st(lang, "hoursAsk")}</option>
          <option value="open">{st(lang, "hoursOpen")}</option>
          <option value="closed">{st(lang, "hoursClosed")}</option>
          <option value="holiday">{st(lang, "hoursHoliday")}</option>
        </select>
      </label>
      <label className="sim-check">
        <input type="checkbox" data-testid="sim-providers-succeed" checked={scenario.providers_succeed ?? false} onChange={(e) => set({ providers_succeed: e.target.checked })} />
        {st(lang, "providersSucceed")}
      </label>
      <PairsField label={st(lang, "startVariables")} testid="sim-start-vars" value={scenario.variables} onChange={(variables) => set({ variables })} />

      <div className="sim-section">{st(lang, "mocks")}</div>
      {selected ? (
        <MockForm
          key={selected}
          block={selected}
          mock={mocks[selected]}
          names={names}
          lang={lang}
          onChange={(m) => set({ mocks: m ? { ...mocks, [selected]: m } : without(mocks, selected) })}
        />
      ) : (
        <p className="sim-hint" data-testid="sim-mock-hint">
          {st(lang, "selectForMock")}
        </p>
      )}
      {Object.keys(mocks).length === 0 ? (
        <p className="sim-empty">{st(lang, "noMocks")}</p>
      ) : (
        <ul className="sim-mocks" data-testid="sim-mocks">
          {Object.entries(mocks).map(([id, m]) => (
            <li key={id} data-testid={`sim-mock-${id}`}>
              <button type="button" className="link" onClick={() => onSelectBlock(id)}>
                {names.block(id)}
              </button>
              {" → "}
              {m.exit ? names.exit(id, m.exit) : st(lang, "usual")}
              {m.set && Object.keys(m.set).length > 0 && <code> {pairsText(m.set).replace(/\n/g, ", ")}</code>}
              {m.delay_ms ? ` · ${m.delay_ms} ms` : ""}
              <button type="button" className="sim-remove" aria-label={st(lang, "removeMock")} title={st(lang, "removeMock")} onClick={() => set({ mocks: without(mocks, id) })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The mock of one block; an empty mock is none. */
function MockForm({ block, mock, names, lang, onChange }: { block: string; mock: Mock | undefined; names: Names; lang: Lang; onChange: (m: Mock | undefined) => void }) {
  const update = (patch: Partial<Mock>) => {
    const m: Mock = { ...mock, ...patch };
    if (!m.exit) delete m.exit;
    if (!m.set || Object.keys(m.set).length === 0) delete m.set;
    if (!m.delay_ms) delete m.delay_ms;
    onChange(Object.keys(m).length === 0 ? undefined : m);
  };
  return (
    <div className="sim-mock" data-testid="sim-mock-form" data-block={block}>
      <div className="sim-mock-title">
        {st(lang, "mockFor")} <strong>{names.block(block)}</strong>
      </div>
      <label className="sim-field">
        <span>{st(lang, "mockExit")}</span>
        <select className="sim-input" data-testid="sim-mock-exit" value={mock?.exit ?? ""} onChange={(e) => update({ exit: e.target.value })}>
          <option value="">{st(lang, "usual")}</option>
          {names.exits(block).map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </label>
      <PairsField label={st(lang, "mockSets")} testid="sim-mock-sets" value={mock?.set} onChange={(set) => update({ set })} />
      <label className="sim-field">
        <span>{st(lang, "mockDelay")}</span>
        <input
          className="sim-input"
          type="number"
          min={0}
          step={100}
          data-testid="sim-mock-delay"
          value={mock?.delay_ms ?? ""}
          onChange={(e) => update({ delay_ms: Math.max(0, Math.round(Number(e.target.value) || 0)) })}
        />
      </label>
    </div>
  );
}
