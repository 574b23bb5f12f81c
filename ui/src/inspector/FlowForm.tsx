/**
 * The inspector when no block is selected: the flow's name, description and
 * type, and its variables with their type and initial value.
 */

import { type Lang, type StringKey, t } from "../i18n";
import type { Flow, FlowKind, VarType, Variable } from "../model";
import { type FlowSettings, newVariable } from "../document/doc";
import { ListEditor } from "./ListEditor";

const KINDS: FlowKind[] = [
  "main",
  "sub",
  "survey",
  "customer_queue",
  "customer_hold",
  "customer_whisper",
  "agent_hold",
  "agent_whisper",
  "outbound_whisper",
  "agent_transfer",
  "queue_transfer",
  "campaign",
];
const VAR_TYPES: VarType[] = ["string", "number", "boolean"];

type Props = {
  flow: Flow;
  lang: Lang;
  /** Changes the settings; `tag` merges keystrokes in one field into one undo step. */
  onChange: (patch: Partial<FlowSettings>, tag?: string) => void;
};

export function FlowForm({ flow, lang, onChange }: Props) {
  return (
    <div className="form" data-testid="flow-form">
      <div className="inspector-section">{t(lang, "flowSettings")}</div>
      <label className="form-field">
        <span>{t(lang, "flowName")}</span>
        <input
          data-testid="flow-settings-name"
          value={flow.name}
          onChange={(e) => onChange({ name: e.target.value }, "flow-name")}
        />
      </label>
      <label className="form-field">
        <span>{t(lang, "flowDescription")}</span>
        <textarea
          data-testid="flow-description"
          rows={2}
          value={flow.description}
          onChange={(e) => onChange({ description: e.target.value }, "flow-description")}
        />
      </label>
      <label className="form-field">
        <span>{t(lang, "flowKind")}</span>
        <select
          data-testid="flow-kind"
          value={flow.kind}
          onChange={(e) => onChange({ kind: e.target.value as FlowKind })}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(lang, `kind_${k}` as StringKey)}
            </option>
          ))}
        </select>
      </label>
      <div className="inspector-section">{t(lang, "variables")}</div>
      <ListEditor<Variable>
        testId="variables"
        lang={lang}
        items={flow.variables}
        addLabel={t(lang, "addVariable")}
        newItem={newVariable}
        onChange={(variables) => onChange({ variables }, "variables")}
        row={(v, set, i) => (
          <>
            <input
              data-testid={`variable-${i}-name`}
              aria-label={t(lang, "variableName")}
              value={v.name}
              onChange={(e) => set({ ...v, name: e.target.value })}
            />
            <select
              data-testid={`variable-${i}-type`}
              aria-label={t(lang, "variableType")}
              value={v.type}
              onChange={(e) => set({ ...v, type: e.target.value as VarType })}
            >
              {VAR_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {t(lang, `vartype_${ty}` as StringKey)}
                </option>
              ))}
            </select>
            <input
              data-testid={`variable-${i}-initial`}
              aria-label={t(lang, "variableInitial")}
              placeholder={t(lang, "variableInitial")}
              value={v.initial}
              onChange={(e) => set({ ...v, initial: e.target.value })}
            />
          </>
        )}
      />
    </div>
  );
}
