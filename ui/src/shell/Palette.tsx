/**
 * The block palette: every catalog entry, grouped by category, named in the
 * current language and searchable (by name in either language, or id). Drag
 * an item onto the canvas, or double-click it to add it in the middle.
 */

import { useState } from "react";
import type { BlockSpec, Catalog, Category } from "../model";
import { type Lang, type StringKey, t, tx } from "../i18n";
import { CATEGORY_COLOR, CategoryIcon } from "../canvas/CategoryIcon";

type Props = {
  catalog: Catalog | undefined;
  lang: Lang;
  /** Mouse down on an item: a drag may start. */
  onDragStart?: (block: string, e: React.MouseEvent) => void;
  /** Double-click: add the block in the middle of the view. */
  onAdd?: (block: string) => void;
};

/** Whether `b` matches the search `q` (its names in both languages, its id, its description). */
export function matches(b: BlockSpec, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (needle === "") return true;
  return [b.id, b.name.en, b.name.zh, b.description.en, b.description.zh].some((s) =>
    s.toLowerCase().includes(needle),
  );
}

export function Palette({ catalog, lang, onDragStart, onAdd }: Props) {
  const [query, setQuery] = useState("");
  const groups = new Map<Category, BlockSpec[]>();
  for (const block of catalog?.blocks ?? []) {
    if (!matches(block, query)) continue;
    const list = groups.get(block.category) ?? [];
    list.push(block);
    groups.set(block.category, list);
  }
  return (
    <aside className="palette" data-testid="palette" aria-label={t(lang, "blocks")}>
      <div className="palette-title">{t(lang, "blocks")}</div>
      <input
        className="palette-search"
        type="search"
        data-testid="palette-search"
        placeholder={t(lang, "searchBlocks")}
        aria-label={t(lang, "searchBlocks")}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {groups.size === 0 && <p className="palette-hint">{t(lang, "noBlocksFound")}</p>}
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
              onMouseDown={(e) => {
                e.preventDefault();
                onDragStart?.(b.id, e);
              }}
              onDoubleClick={() => onAdd?.(b.id)}
            >
              <span className="block-icon small">
                <CategoryIcon category={b.category} size={14} />
              </span>
              {tx(b.name, lang)}
            </div>
          ))}
        </div>
      ))}
      <p className="palette-hint">{t(lang, "paletteDragHint")}</p>
    </aside>
  );
}
