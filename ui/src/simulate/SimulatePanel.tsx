/**
 * The Simulate panel beside the canvas (toolbar "Simulate", F5): try the
 * flow as a caller would, offline, with the engine's simulator. Three tabs:
 * the call (keypad, transcript, variables, save as test case), the scenario
 * (and a mock per block), and the flow's saved tests with their coverage.
 */

import { useMemo, useState } from "react";
import { type Lang, t } from "../i18n";
import type { Catalog, Flow } from "../model";
import { CallView } from "./CallView";
import { namesOf } from "./names";
import { ScenarioView } from "./ScenarioView";
import { type SimKey, st } from "./strings";
import { TestsView } from "./TestsView";
import { type SimHost, usePanelState } from "./useSimulator";
import "./simulate.css";

type Tab = "call" | "scenario" | "tests";
const TABS: [Tab, SimKey][] = [
  ["call", "tabCall"],
  ["scenario", "tabScenario"],
  ["tests", "tabTests"],
];

type Props = {
  host: SimHost;
  flow: Flow | undefined;
  catalog: Catalog | undefined;
  lang: Lang;
  /** The block selected on the canvas (its mock is edited in the Scenario tab). */
  selected: string | undefined;
  onSelectBlock: (id: string) => void;
};

export function SimulatePanel({ host, flow, catalog, lang, selected, onSelectBlock }: Props) {
  // Only the panel is drawn again when the call moves (the store's state, read here).
  const sim = usePanelState(host);
  const [tab, setTab] = useState<Tab>("call");
  const names = useMemo(() => namesOf(flow, catalog, lang), [flow, catalog, lang]);
  return (
    <aside className="simulate" data-testid="simulate-panel" aria-label={st(lang, "title")}>
      <div className="sim-head">
        <div className="panel-title">{st(lang, "title")}</div>
        <button type="button" className="sim-close" data-testid="simulate-close" title={st(lang, "close")} aria-label={st(lang, "close")} onClick={() => sim.setOpen(false)}>
          ×
        </button>
      </div>
      <div className="sim-tabs" role="tablist">
        {TABS.map(([id, key]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={tab === id ? "sim-tab active" : "sim-tab"}
            data-testid={`sim-tab-${id}`}
            onClick={() => setTab(id)}
          >
            {st(lang, key)}
            {id === "scenario" && Object.keys(sim.scenario.mocks ?? {}).length > 0 && (
              <span className="sim-badge">{Object.keys(sim.scenario.mocks ?? {}).length}</span>
            )}
          </button>
        ))}
      </div>
      <div className="sim-body">
        {tab === "call" && <CallView sim={sim} names={names} lang={lang} hasFlow={!!flow} />}
        {tab === "scenario" && (
          <ScenarioView scenario={sim.scenario} onChange={sim.setScenario} selected={selected} names={names} lang={lang} onSelectBlock={onSelectBlock} />
        )}
        {tab === "tests" && <TestsView sim={sim} lang={lang} onSelectBlock={onSelectBlock} />}
      </div>
    </aside>
  );
}

/** The toolbar's toggle for the panel. */
export function SimulateButton({ sim, lang, disabled }: { sim: SimHost; lang: Lang; disabled: boolean }) {
  return (
    <button
      type="button"
      className={`button${sim.open ? " active" : ""}`}
      data-testid="simulate-toggle"
      aria-pressed={sim.open}
      title={t(lang, "simulateHint")}
      disabled={disabled}
      onClick={sim.toggle}
    >
      ▶ {t(lang, "simulate")}
    </button>
  );
}
