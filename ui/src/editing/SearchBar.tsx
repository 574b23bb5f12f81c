/**
 * The find bar over the canvas (Ctrl+F): a field for a block's name, text or
 * id, the match count ("2 / 5"), previous / next (Shift+Enter / Enter, F3),
 * and Esc to close. The matching and stepping live in ./search.ts and
 * ./useEditing.ts; this only shows them. Its keys come from the shortcut table.
 */

import { useEffect, useRef } from "react";
import { type Lang, t } from "../i18n";
import { shortcutFor, showCombo, keysOf } from "./shortcuts";
import type { Editing } from "./useEditing";
import "./editing.css";

export function SearchBar({ search, lang }: { search: Editing["search"]; lang: Lang }) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [search.focus]);
  if (!search.open) return null;
  const none = search.query.trim() !== "" && search.count === 0;
  const hint = (id: "findNext" | "findPrev") => keysOf(id).map((k) => showCombo(k)).join(", ");
  return (
    <div className="search-bar" role="search" data-testid="search-bar">
      <input
        ref={input}
        type="search"
        data-testid="search-input"
        className={none ? "none" : undefined}
        aria-label={t(lang, "searchPlaceholder")}
        placeholder={t(lang, "searchPlaceholder")}
        value={search.query}
        autoFocus
        onChange={(e) => search.setQuery(e.target.value)}
        onKeyDown={(e) => {
          const hit = shortcutFor(e.nativeEvent, "search");
          if (hit) {
            e.preventDefault();
            if (hit.shortcut.id === "findPrev") search.prev();
            else search.next();
          } else if (e.key === "Escape") {
            e.preventDefault();
            e.stopPropagation();
            search.close();
          }
        }}
      />
      <span className="search-count" data-testid="search-count" aria-live="polite">
        {none ? t(lang, "searchNone") : `${search.index} / ${search.count}`}
      </span>
      <button
        type="button"
        className="icon-button"
        data-testid="search-prev"
        title={`${t(lang, "searchPrev")} (${hint("findPrev")})`}
        aria-label={t(lang, "searchPrev")}
        disabled={search.count === 0}
        onClick={search.prev}
      >
        ↑
      </button>
      <button
        type="button"
        className="icon-button"
        data-testid="search-next"
        title={`${t(lang, "searchNext")} (${hint("findNext")})`}
        aria-label={t(lang, "searchNext")}
        disabled={search.count === 0}
        onClick={search.next}
      >
        ↓
      </button>
      <button
        type="button"
        className="icon-button"
        data-testid="search-close"
        title={`${t(lang, "searchClose")} (Esc)`}
        aria-label={t(lang, "searchClose")}
        onClick={search.close}
      >
        ×
      </button>
    </div>
  );
}
