/**
 * The inspector's form for one block: its label, then one control per
 * catalog parameter with the problems whose `field` is that parameter shown
 * under it (coloured by severity), then its exits and where each goes.
 */

import { SsmlMark } from "../canvas/SsmlMark";
import { blockSpec, portsOf, titleOf } from "../flow";
import { type Lang, t, tx } from "../i18n";
import type { BlockSpec, Catalog, Flow, Node, Problem, Severity } from "../model";
import { isSsml } from "../ssml";
import { ParamField } from "./ParamField";
import { ProviderParams, ProviderType } from "./ProviderParams";
import { worse } from "../problems/problemIndex";

type Props = {
  catalog: Catalog;
  flow: Flow;
  node: Node;
  spec: BlockSpec;
  /** This block's problems (those on its fields are shown under them). */
  problems: readonly Problem[];
  lang: Lang;
  onLabel: (label: string) => void;
  onParam: (key: string, value: unknown) => void;
};

/** The problems on each field, in the engine's order. */
function byField(problems: readonly Problem[]): Map<string, Problem[]> {
  const out = new Map<string, Problem[]>();
  for (const p of problems) {
    if (!p.field) continue;
    const list = out.get(p.field);
    if (list) list.push(p);
    else out.set(p.field, [p]);
  }
  return out;
}

/** The class a field takes for its most serious problem (the input's border). */
function fieldClass(problems: readonly Problem[] | undefined): string {
  if (!problems) return "form-field";
  const worst = problems.reduce<Severity>((w, p) => worse(w, p.severity), "info");
  return `form-field has-problem sev-${worst}${worst === "error" ? " has-error" : ""}`;
}

export function BlockForm({ catalog, flow, node, spec, problems, lang, onLabel, onParam }: Props) {
  const fields = byField(problems);
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
        const messages = fields.get(p.key);
        return (
          <div key={p.key} className={fieldClass(messages)} data-testid={`field-${p.key}`}>
            <label htmlFor={`param-${p.key}`} title={tx(p.help, lang)}>
              {tx(p.name, lang)}
              {p.required && <span className="required-mark">*</span>}
              {isSsml(node.params[p.key]) && <SsmlMark lang={lang} testId={`ssml-${p.key}`} />}
            </label>
            {node.block === "provider" && p.key === "parameters" ? (
              <ProviderParams
                id={`param-${p.key}`}
                value={node.params[p.key]}
                lang={lang}
                onChange={(v) => onParam(p.key, v)}
              />
            ) : node.block === "provider" && p.key === "type" ? (
              <ProviderType id={`param-${p.key}`} node={node} lang={lang} />
            ) : (
              <ParamField
                spec={p}
                value={node.params[p.key]}
                variables={flow.variables}
                lang={lang}
                onChange={(v) => onParam(p.key, v)}
              />
            )}
            {messages?.map((x, i) => (
              <div
                key={i}
                className={`field-message sev-${x.severity}`}
                data-testid={`field-error-${p.key}`}
                data-severity={x.severity}
              >
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
