/**
 * A provider block's `parameters` (the provider action's Parameters, kept
 * verbatim) as the inspector shows them: one labelled row per key, in the
 * object's own order, the label the key made readable (`LambdaFunctionARN` is
 * "Lambda function ARN") with the raw key as its tooltip. Text and numbers are
 * inputs, booleans checkboxes, objects and arrays small JSON boxes; a value
 * read when the call runs (`$.Attributes.x`) is marked "Dynamic", an SSML
 * prompt "SSML". Editing a row writes back the whole object with every other
 * key as it was; the raw JSON stays one disclosure away. Also the block's
 * `type`, read-only, with its designer's name when the catalog has one.
 */

import { useEffect, useState } from "react";
import { SsmlMark } from "../canvas/SsmlMark";
import { providerAction } from "../flow";
import { type Lang, t, tx } from "../i18n";
import type { Node } from "../model";
import { isSsml } from "../ssml";
import { JsonField } from "./ParamField";

/** Words kept upper-case in a readable key, whatever case the key writes them in. */
const ACRONYMS = new Set("ID IDS ARN SSML TTS DTMF URL URI ASR IVR SMS API ANI DNIS".split(" "));

/** A provider's parameter key as words: `LambdaFunctionARN` → "Lambda function ARN", `QueueId` → "Queue ID". */
export function readableKey(key: string): string {
  const words = key.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+\d*|[A-Z]+\d*|\d+/g);
  if (!words) return key;
  return words
    .map((w, i) => {
      const upper = w.toUpperCase();
      if (ACRONYMS.has(upper)) return upper === "IDS" ? "IDs" : upper;
      if (w.length > 1 && w === upper) return w; // an acronym the key already writes in capitals
      const lower = w.toLowerCase();
      return i === 0 ? lower[0].toUpperCase() + lower.slice(1) : lower;
    })
    .join(" ");
}

/** Whether a value is read when the call runs: `$.Attributes.x`, or `$.` inside `${…}` / `{{…}}`. */
export function isDynamic(value: unknown): boolean {
  if (typeof value !== "string") return false;
  return (
    value.trimStart().startsWith("$.") || /\$\{[^}]*\$\.[^}]*\}/.test(value) || /\{\{(?:(?!\}\}).)*\$\./s.test(value)
  );
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Digits as a number keeps its type when edited: `8`, `-1`, `2.5`, and `2.` on the way to `2.5`. */
const NUMBER = /^\s*-?\d+(\.\d*)?\s*$/;

type Props = {
  /** The raw JSON box's id (`param-parameters`); rows are `<id>-<key>`. */
  id: string;
  value: unknown;
  lang: Lang;
  onChange: (value: unknown) => void;
};

export function ProviderParams({ id, value, lang, onChange }: Props) {
  const obj = isObject(value) ? value : undefined;
  const keys = obj ? Object.keys(obj) : [];
  const set = (key: string, v: unknown) => onChange({ ...obj, [key]: v });
  const raw = <JsonField id={id} value={value} lang={lang} onChange={onChange} rows={4} />;
  // Not an object (never written, or written by hand as something else): only the JSON box.
  if (!obj) return raw;
  return (
    <div className="provider-params" data-testid={`${id}-rows`}>
      {keys.length === 0 && <p className="inspector-empty">{t(lang, "noParameters")}</p>}
      {keys.map((key) => {
        const v = obj[key];
        const rowId = `${id}-${key}`;
        return (
          <div key={key} className="provider-param" data-testid={`${rowId}-row`}>
            <label htmlFor={rowId} title={key}>
              {readableKey(key)}
              {isDynamic(v) && (
                <span className="dynamic-mark" title={t(lang, "dynamicHint")} data-testid={`${rowId}-dynamic`}>
                  {t(lang, "dynamic")}
                </span>
              )}
              {isSsml(v) && <SsmlMark lang={lang} testId={`${rowId}-ssml`} />}
            </label>
            {typeof v === "boolean" ? (
              <input
                id={rowId}
                data-testid={rowId}
                type="checkbox"
                checked={v}
                onChange={(e) => set(key, e.target.checked)}
              />
            ) : typeof v === "string" || typeof v === "number" ? (
              <TextRow id={rowId} value={v} onChange={(x) => set(key, x)} />
            ) : (
              <JsonField id={rowId} value={v} lang={lang} onChange={(x) => set(key, x)} empty={null} />
            )}
          </div>
        );
      })}
      <details className="provider-raw">
        <summary>{t(lang, "rawJson")}</summary>
        {raw}
      </details>
    </div>
  );
}

/** A text or number value; a number stays a number while the text is digits. */
function TextRow(props: { id: string; value: string | number; onChange: (v: string | number) => void }) {
  const { id, value, onChange } = props;
  const [text, setText] = useState(String(value));
  const parse = (s: string): string | number => (typeof value === "number" && NUMBER.test(s) ? Number(s) : s);
  useEffect(() => {
    // Keep what is typed ("2." on the way to "2.5") unless the value changed from elsewhere.
    setText((old) => (parse(old) === value ? old : String(value)));
  }, [value]);
  return (
    <input
      id={id}
      data-testid={id}
      type="text"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parse(e.target.value));
      }}
    />
  );
}

/** A provider block's type, read-only: the designer's name (`Set working queue`) over the type as written. */
export function ProviderType({ id, node, lang }: { id: string; node: Node; lang: Lang }) {
  const action = providerAction(node);
  const type = typeof node.params.type === "string" ? node.params.type : String(node.params.type ?? "");
  return (
    <div className="provider-type">
      {action && (
        <span className="provider-type-name" data-testid={`${id}-name`}>
          {tx(action.name, lang)}
        </span>
      )}
      <input id={id} data-testid={id} className="mono" type="text" readOnly value={type} />
    </div>
  );
}
