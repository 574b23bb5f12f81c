/**
 * One setting of a block as a form control, chosen by the catalog's
 * `ParamKind`: text, TTS / SSML (multi-line), number with its limits, switch,
 * choice, key list, variable picker, assignments, cases, reference, phone
 * number, or JSON for an object. Limits the catalog gives are set on the
 * inputs; whether a value is valid is still the engine's answer.
 */

import { useEffect, useState } from "react";
import { type Lang, t, tx } from "../i18n";
import type { ParamSpec, Variable } from "../model";
import { ListEditor } from "./ListEditor";

type Props = {
  spec: ParamSpec;
  value: unknown;
  variables: Variable[];
  lang: Lang;
  onChange: (value: unknown) => void;
};

const str = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));
const list = <T,>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/** The lowest key (0-9, *, #) not yet in `keys`. */
export function nextKey(keys: string[]): string {
  return ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "*", "#"].find((k) => !keys.includes(k)) ?? "";
}

/** The lowest case id (a, b, ...) not yet used. */
export function nextCaseId(ids: string[]): string {
  for (let i = 0; ; i++) {
    const id = i < 26 ? String.fromCharCode(97 + i) : `c${i}`;
    if (!ids.includes(id)) return id;
  }
}

type Case = { id: string; operator?: string; value?: string };
type Assignment = { variable: string; value: string };

export function ParamField({ spec, value, variables, lang, onChange }: Props) {
  const id = `param-${spec.key}`;
  const kind = spec.type;
  switch (kind.kind) {
    case "tts":
      return (
        <textarea
          id={id}
          data-testid={id}
          rows={3}
          maxLength={kind.max_len}
          value={str(value)}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case "text":
    case "phone":
    case "reference":
      return (
        <input
          id={id}
          data-testid={id}
          type={kind.kind === "phone" ? "tel" : "text"}
          maxLength={kind.kind === "text" ? kind.max_len : undefined}
          placeholder={kind.kind === "reference" ? kind.target : undefined}
          value={str(value)}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case "number":
      return (
        <input
          id={id}
          data-testid={id}
          type="number"
          min={kind.min}
          max={kind.max}
          step={kind.integer ? 1 : "any"}
          value={typeof value === "number" ? value : ""}
          onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
        />
      );
    case "bool":
      return (
        <input
          id={id}
          data-testid={id}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
    case "choice":
      return (
        <select id={id} data-testid={id} value={str(value)} onChange={(e) => onChange(e.target.value)}>
          {kind.options.map((o) => (
            <option key={o.value} value={o.value}>
              {tx(o.name, lang)}
            </option>
          ))}
        </select>
      );
    case "variable":
      return <VariablePicker id={id} value={str(value)} variables={variables} lang={lang} onChange={onChange} />;
    case "keys":
    case "exits":
      return (
        <ListEditor<string>
          testId={id}
          lang={lang}
          items={list<string>(value)}
          max={kind.max_items}
          newItem={(items) => (kind.kind === "keys" ? nextKey(items) : `exit_${items.length + 1}`)}
          onChange={onChange}
          row={(item, set, i) => (
            <input
              // A key is one character; an exit's name (a provider's
              // "NoMatchingError") takes the row's width.
              className={kind.kind === "keys" ? "key-input" : "exit-input"}
              data-testid={`${id}-${i}`}
              aria-label={t(lang, "newKey")}
              value={item}
              maxLength={kind.kind === "keys" ? 1 : 50}
              onChange={(e) => set(e.target.value)}
            />
          )}
        />
      );
    case "cases":
      return (
        <ListEditor<Case>
          testId={id}
          lang={lang}
          items={list<Case>(value)}
          max={kind.max_items}
          newItem={(items) => ({ id: nextCaseId(items.map((c) => c.id)), operator: "equals", value: "" })}
          onChange={onChange}
          row={(item, set, i) => (
            <>
              <code className="case-id">{item.id}</code>
              <input
                data-testid={`${id}-${i}-operator`}
                aria-label={t(lang, "caseOperator")}
                value={str(item.operator)}
                onChange={(e) => set({ ...item, operator: e.target.value })}
              />
              <input
                data-testid={`${id}-${i}-value`}
                aria-label={t(lang, "caseValue")}
                value={str(item.value)}
                onChange={(e) => set({ ...item, value: e.target.value })}
              />
            </>
          )}
        />
      );
    case "assignments":
      return (
        <ListEditor<Assignment>
          testId={id}
          lang={lang}
          items={list<Assignment>(value)}
          max={kind.max_items}
          newItem={() => ({ variable: "", value: "" })}
          onChange={onChange}
          row={(item, set, i) => (
            <>
              <VariablePicker
                id={`${id}-${i}-variable`}
                value={item.variable}
                variables={variables}
                lang={lang}
                onChange={(v) => set({ ...item, variable: v })}
              />
              <input
                data-testid={`${id}-${i}-value`}
                aria-label={t(lang, "assignValue")}
                value={str(item.value)}
                onChange={(e) => set({ ...item, value: e.target.value })}
              />
            </>
          )}
        />
      );
    case "object":
      return <JsonField id={id} value={value} lang={lang} onChange={onChange} rows={4} />;
  }
}

function VariablePicker(props: {
  id: string;
  value: string;
  variables: Variable[];
  lang: Lang;
  onChange: (v: string) => void;
}) {
  const { id, value, variables, lang, onChange } = props;
  const names = variables.map((v) => v.name);
  return (
    <select id={id} data-testid={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t(lang, "chooseVariable")}</option>
      {/* A value not declared (yet) is still shown, so it is not lost. */}
      {value !== "" && !names.includes(value) && <option value={value}>{value}</option>}
      {names.map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
    </select>
  );
}

/** An object setting with no value yet, shown as `{}` (one object, so it is stable across renders). */
const NO_OBJECT = {};

/**
 * A value as JSON text: only valid JSON is written back; invalid shows an
 * error and keeps the value. `empty` is what an absent value is shown as (an
 * object setting: `{}`); `rows` fixes the box's height, else it fits the
 * text, up to 4 lines.
 */
export function JsonField(props: {
  id: string;
  value: unknown;
  lang: Lang;
  onChange: (v: unknown) => void;
  empty?: unknown;
  rows?: number;
}) {
  const { id, value, lang, onChange, empty = NO_OBJECT, rows } = props;
  const [text, setText] = useState(() => JSON.stringify(value ?? empty, null, 2));
  const [bad, setBad] = useState(false);
  useEffect(() => {
    // Reformat only when the value changed from elsewhere (undo, another block).
    setText((old) => {
      try {
        if (JSON.stringify(JSON.parse(old)) === JSON.stringify(value ?? empty)) return old;
      } catch {
        // The text is not JSON: the value came from elsewhere.
      }
      setBad(false);
      return JSON.stringify(value ?? empty, null, 2);
    });
  }, [value, empty]);
  return (
    <>
      <textarea
        id={id}
        data-testid={id}
        rows={rows ?? Math.min(4, text.split("\n").length)}
        className="mono"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          try {
            onChange(JSON.parse(e.target.value));
            setBad(false);
          } catch {
            setBad(true);
          }
        }}
      />
      {bad && (
        <div className="field-error" data-testid={`${id}-error`}>
          {t(lang, "invalidJson")}
        </div>
      )}
    </>
  );
}
