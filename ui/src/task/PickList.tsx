/**
 * A choice from a connection's list (its AI agents, its routes) with a search
 * box that narrows the options by name or id; the chosen one stays listed.
 */

import { useState } from "react";
import type { Lang } from "../i18n";
import { tt } from "./strings";

export type Pick = { id: string; name: string };

type Props = {
  testId: string;
  items: readonly Pick[] | null;
  value: string;
  lang: Lang;
  onChange: (id: string) => void;
};

export function PickList({ testId, items, value, lang, onChange }: Props) {
  const [query, setQuery] = useState("");
  const q = query.trim().toLowerCase();
  const shown = (items ?? []).filter((i) => i.id === value || !q || i.name.toLowerCase().includes(q) || i.id.toLowerCase().includes(q));
  const known = (items ?? []).some((i) => i.id === value);
  return (
    <span className="task-pick">
      <input
        className="task-input task-pick-search"
        data-testid={`${testId}-search`}
        placeholder={tt(lang, "search")}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <select className="task-input" data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{items === null ? tt(lang, "loadingList") : tt(lang, "choose")}</option>
        {value !== "" && !known && <option value={value}>{value}</option>}
        {shown.map((i) => (
          <option key={i.id} value={i.id}>
            {i.name} ({i.id})
          </option>
        ))}
      </select>
    </span>
  );
}
