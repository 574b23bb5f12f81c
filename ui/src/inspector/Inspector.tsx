/**
 * The inspector: the selected block's form (generated from the catalog), a
 * hint when a sticky note is selected, or the flow's own settings when no
 * block is selected.
 */

import { BlockForm } from "./BlockForm";
import type { FlowSettings } from "../document/doc";
import { FlowForm } from "./FlowForm";
import { categoryOf, titleOf } from "../flow";
import { type Lang, type StringKey, t, tx } from "../i18n";
import type { BlockSpec, Catalog, Flow, Node, Problem } from "../model";
import { CATEGORY_COLOR, CategoryIcon } from "../canvas/CategoryIcon";
import "./inspector.css";

type Props = {
  catalog: Catalog | undefined;
  flow: Flow | undefined;
  node: Node | undefined;
  spec: BlockSpec | undefined;
  /** The selected block's problems. */
  problems?: readonly Problem[];
  lang: Lang;
  onLabel?: (id: string, label: string) => void;
  onParam?: (id: string, key: string, value: unknown) => void;
  onSettings?: (patch: Partial<FlowSettings>, tag?: string) => void;
  /** A sticky note is selected (it has no settings here). */
  noteSelected?: boolean;
};

export function Inspector(props: Props) {
  const { catalog, flow, node, spec, lang } = props;
  const category = spec && node ? categoryOf(spec, node) : undefined;
  return (
    <aside className="inspector" data-testid="inspector" aria-label={t(lang, "inspector")}>
      <div className="panel-title">{t(lang, "inspector")}</div>
      {props.noteSelected && !node ? (
        <p className="inspector-empty" data-testid="inspector-note">
          {t(lang, "noteSelected")}
        </p>
      ) : !node ? (
        <>
          <p className="inspector-empty">{t(lang, "selectBlock")}</p>
          {flow && <FlowForm flow={flow} lang={lang} onChange={(p, tag) => props.onSettings?.(p, tag)} />}
        </>
      ) : (
        <div data-testid={`inspector-${node.id}`}>
          <div
            className="inspector-head"
            style={category ? { ["--block-color" as string]: CATEGORY_COLOR[category] } : undefined}
          >
            <span className="block-icon">{category ? <CategoryIcon category={category} /> : "?"}</span>
            <div>
              <div className="inspector-title">{titleOf(spec, node, lang)}</div>
              <div className="block-kind">
                {spec
                  ? `${tx(spec.name, lang)} · ${t(lang, `cat_${category}` as StringKey)}`
                  : `${t(lang, "unknownBlock")}: ${node.block}`}
              </div>
            </div>
          </div>
          {spec && <p className="inspector-description">{tx(spec.description, lang)}</p>}
          {spec && catalog && flow && (
            <BlockForm
              catalog={catalog}
              flow={flow}
              node={node}
              spec={spec}
              problems={props.problems ?? []}
              lang={lang}
              onLabel={(label) => props.onLabel?.(node.id, label)}
              onParam={(key, value) => props.onParam?.(node.id, key, value)}
            />
          )}
        </div>
      )}
    </aside>
  );
}
