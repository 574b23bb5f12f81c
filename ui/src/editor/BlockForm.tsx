/**
 * The inspector's form for one block: its label, then one control per
 * catalog parameter with the problems whose `field` is that parameter shown
 * under it, then its exits and where each goes.
 */

import { blockSpec, portsOf, titleOf } from "../flow";
import { type Lang, t, tx } from "../i18n";
import type { BlockSpec, Catalog, Flow, Node, Problem } from "../model";
import { ParamField } from "./ParamField";

type Props = {
  catalog: Catalog;
  flow: Flow;
  node: Node;
  spec: BlockSpec;
  problems: Problem[];
  lang: Lang;
  onLabel: (label: string) => void;
  onParam: (key: string, value: unknown) => void;
};

export function BlockForm({ catalog, flow, node, spec, problems, lang, onLabel, onParam }: Props) {
  const mine = problems.filter((p) => p.node === node.id);
  return (
    <div className="form">
      <label className="form-field">
        <span>{t(lang, "label")}</span>
        <input
          data-testid="param-label"
          value={node.label}
          placeholder={tx(spec.name, lang)}
          onChange={(e) => onLabel(e.target.value)}
        />
      </label>
      {spec.params.length > 0 && <div className="inspector-section">{t(lang, "settings")}</div>}
      {spec.params.map((p) => {
        const errors = mine.filter((x) => x.field === p.key);
        return (
          <div
            key={p.key}
            className={errors.length > 0 ? "form-field has-error" : "form-field"}
            data-testid={`field-${p.key}`}
          >
            <label htmlFor={`param-${p.key}`} title={tx(p.help, lang)}>
              {tx(p.name, lang)}
              {p.required && <span className="required-mark">*</span>}
            </label>
            <ParamField
              spec={p}
              value={node.params[p.key]}
              variables={flow.variables}
              lang={lang}
              onChange={(v) => onParam(p.key, v)}
            />
            {errors.map((x, i) => (
              <div key={i} className="field-error" data-testid={`field-error-${p.key}`}>
                {tx(x.message, lang)}
              </div>
            ))}
          </div>
        );
      })}
      <div className="inspector-section">{t(lang, "exits")}</div>
      {spec.terminal ? (
        <p className="inspector-empty">{t(lang, "endsCall")}</p>
      ) : (
        <dl className="inspector-fields">
          {portsOf(spec, node).map((port) => {
            const edge = flow.edges.find((e) => e.from.node === node.id && e.from.port === port.id);
            const to = edge && flow.nodes.find((n) => n.id === edge.to);
            return (
              <div key={port.id} className="inspector-field" data-testid={`exit-${port.id}`}>
                <dt>{tx(port.name, lang)}</dt>
                <dd className={to ? undefined : "unset"}>
                  {to ? `→ ${titleOf(blockSpec(catalog, to.block), to, lang)}` : t(lang, "notWired")}
                </dd>
              </div>
            );
          })}
        </dl>
      )}
    </div>
  );
}
