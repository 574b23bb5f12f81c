/** The block palette: every catalog entry, grouped by category, named in the current language. */

import type { Catalog, Category } from "../model";
import { type Lang, type StringKey, t, tx } from "../i18n";
import { CATEGORY_COLOR, CategoryIcon } from "./CategoryIcon";

export function Palette({ catalog, lang }: { catalog: Catalog | undefined; lang: Lang }) {
  const groups = new Map<Category, Catalog["blocks"]>();
  for (const block of catalog?.blocks ?? []) {
    const list = groups.get(block.category) ?? [];
    list.push(block);
    groups.set(block.category, list);
  }
  return (
    <aside className="palette" data-testid="palette" aria-label={t(lang, "blocks")}>
      <div className="palette-title">{t(lang, "blocks")}</div>
      {[...groups].map(([category, blocks]) => (
        <div key={category} className="palette-group">
          <div className="palette-group-title">{t(lang, `cat_${category}` as StringKey)}</div>
          {blocks.map((b) => (
            <div
              key={b.id}
              className="palette-item"
              data-testid={`palette-${b.id}`}
              title={tx(b.description, lang)}
              style={{ ["--block-color" as string]: CATEGORY_COLOR[b.category] }}
            >
              <span className="block-icon small">
                <CategoryIcon category={b.category} size={14} />
              </span>
              {tx(b.name, lang)}
            </div>
          ))}
        </div>
      ))}
      <p className="palette-hint">{t(lang, "paletteHint")}</p>
    </aside>
  );
}
