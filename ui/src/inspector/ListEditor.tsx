/**
 * A list of rows with add and remove buttons: the inspector's editor for a
 * menu's keys, a branch's cases, assignments and the flow's variables.
 */

import type { ReactNode } from "react";
import { type Lang, t } from "../i18n";

type Props<T> = {
  items: T[];
  lang: Lang;
  /** The limit the catalog sets; the add button hides at it. */
  max?: number;
  testId: string;
  addLabel?: string;
  newItem: (items: T[]) => T;
  onChange: (items: T[]) => void;
  /** One row's inputs; `set` replaces the row. */
  row: (item: T, set: (item: T) => void, index: number) => ReactNode;
};

export function ListEditor<T>({ items, lang, max, testId, addLabel, newItem, onChange, row }: Props<T>) {
  return (
    <div className="list-editor" data-testid={testId}>
      {items.map((item, i) => (
        <div className="list-row" key={i} data-testid={`${testId}-row-${i}`}>
          {row(item, (v) => onChange(items.map((x, j) => (j === i ? v : x))), i)}
          <button
            type="button"
            className="icon-button"
            title={t(lang, "remove")}
            aria-label={t(lang, "remove")}
            data-testid={`${testId}-remove-${i}`}
            onClick={() => onChange(items.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      {(max === undefined || items.length < max) && (
        <button
          type="button"
          className="button small"
          data-testid={`${testId}-add`}
          onClick={() => onChange([...items, newItem(items)])}
        >
          + {addLabel ?? t(lang, "addItem")}
        </button>
      )}
    </div>
  );
}
