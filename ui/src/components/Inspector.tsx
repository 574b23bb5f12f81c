/**
 * The inspector: the selected block's settings and exits, as the catalog
 * describes them. Read-only for now; editing arrives with the editor issue.
 */

import { blockSpec, formatValue, portsOf, titleOf } from "../flow";
import { type Lang, type StringKey, t, tx } from "../i18n";
import type { BlockSpec, Catalog, Flow, Node } from "../model";
import { CATEGORY_COLOR, CategoryIcon } from "./CategoryIcon";

type Props = {
  catalog: Catalog | undefined;
  flow: Flow | undefined;
  node: Node | undefined;
  spec: BlockSpec | undefined;
  lang: Lang;
};

export function Inspector({ catalog, flow, node, spec, lang }: Props) {
  return (
    <aside className="inspector" data-testid="inspector" aria-label={t(lang, "inspector")}>
      <div className="panel-title">{t(lang, "inspector")}</div>
      {!node ? (
        <p className="inspector-empty">{t(lang, "selectBlock")}</p>
      ) : (
        <div data-testid={`inspector-${node.id}`}>
          <div
            className="inspector-head"
            style={spec ? { ["--block-color" as string]: CATEGORY_COLOR[spec.category] } : undefined}
          >
            <span className="block-icon">{spec ? <CategoryIcon category={spec.category} /> : "?"}</span>
            <div>
              <div className="inspector-title">{titleOf(spec, node, lang)}</div>
              <div className="block-kind">
                {spec
                  ? `${tx(spec.name, lang)} · ${t(lang, `cat_${spec.category}` as StringKey)}`
                  : `${t(lang, "unknownBlock")}: ${node.block}`}
              </div>
            </div>
          </div>
          {spec && <p className="inspector-description">{tx(spec.description, lang)}</p>}
          {spec && spec.params.length > 0 && (
            <>
              <div className="inspector-section">{t(lang, "settings")}</div>
              <dl className="inspector-fields">
                {spec.params.map((p) => {
                  const value = formatValue(p, node.params[p.key], lang);
                  return (
                    <div key={p.key} className="inspector-field" data-testid={`field-${p.key}`}>
                      <dt>
                        {tx(p.name, lang)}
                        {p.required && <span className="required-mark">*</span>}
                      </dt>
                      <dd className={value === undefined ? "unset" : undefined}>
                        {value ?? t(lang, "notSet")}
                      </dd>
                    </div>
                  );
                })}
              </dl>
            </>
          )}
          {spec && (
            <>
              <div className="inspector-section">{t(lang, "exits")}</div>
              {spec.terminal ? (
                <p className="inspector-empty">{t(lang, "endsCall")}</p>
              ) : (
                <dl className="inspector-fields">
                  {portsOf(spec, node).map((port) => {
                    const edge = flow?.edges.find(
                      (e) => e.from.node === node.id && e.from.port === port.id,
                    );
                    const to = edge && flow?.nodes.find((n) => n.id === edge.to);
                    return (
                      <div key={port.id} className="inspector-field">
                        <dt>{tx(port.name, lang)}</dt>
                        <dd className={to ? undefined : "unset"}>
                          {to
                            ? `→ ${titleOf(catalog && blockSpec(catalog, to.block), to, lang)}`
                            : t(lang, "notWired")}
                        </dd>
                      </div>
                    );
                  })}
                </dl>
              )}
            </>
          )}
        </div>
      )}
    </aside>
  );
}
