/** The toolbar's theme choice: follow the system, light or dark. */

import { type Lang, type StringKey, t } from "../i18n";
import { THEME_CHOICES, type ThemeChoice } from "../theme";
import { LineIcon } from "../LineIcon";

const ICON: Record<ThemeChoice, string> = {
  // A screen: whatever the system says.
  system: "M3 4h18v12H3zM8 20h8M12 16v4",
  // A sun.
  light: "M12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4",
  // A moon.
  dark: "M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z",
};

export function ThemeSwitch(props: { choice: ThemeChoice; lang: Lang; onChange: (c: ThemeChoice) => void }) {
  const { choice, lang, onChange } = props;
  return (
    <div className="lang-switch theme-switch" role="group" aria-label={t(lang, "theme")}>
      {THEME_CHOICES.map((c) => {
        const name = t(lang, `theme_${c}` as StringKey);
        return (
          <button
            key={c}
            type="button"
            data-testid={`theme-${c}`}
            className={c === choice ? "active" : ""}
            aria-pressed={c === choice}
            aria-label={name}
            title={name}
            onClick={() => onChange(c)}
          >
            <LineIcon d={ICON[c]} size={15} />
          </button>
        );
      })}
    </div>
  );
}
