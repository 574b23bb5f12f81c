/**
 * The `?` overlay: every keyboard shortcut, grouped, read from the same table
 * the key handler uses (./shortcuts.ts), so the list is always true.
 * Also the toolbar's `?` button that opens it.
 */

import { type Lang, t } from "../i18n";
import { GROUPS, SHORTCUTS, groupLabel, keysOf, labelOf, showCombo } from "./shortcuts";
import "./editing.css";

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

export function ShortcutsButton({ lang, onClick }: { lang: Lang; onClick: () => void }) {
  const key = showCombo(keysOf("help")[0] ?? "?");
  return (
    <button
      type="button"
      className="button"
      data-testid="shortcuts-button"
      title={`${t(lang, "shortcutsTitle")} (${key})`}
      aria-label={t(lang, "shortcutsTitle")}
      onClick={onClick}
    >
      ?
    </button>
  );
}

export function ShortcutsOverlay(props: { lang: Lang; autoLayout: boolean; onClose: () => void }) {
  const { lang, autoLayout, onClose } = props;
  const mac = isMac();
  const shown = SHORTCUTS.filter((s) => !s.optional || (s.id === "autoLayout" && autoLayout));
  return (
    <div className="modal-backdrop" data-testid="shortcuts-backdrop" onClick={onClose}>
      <div
        className="modal shortcuts"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        data-testid="shortcuts-overlay"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="shortcuts-head">
          <h2 id="shortcuts-title">{t(lang, "shortcutsTitle")}</h2>
          <button
            type="button"
            className="icon-button"
            data-testid="shortcuts-close"
            aria-label={t(lang, "shortcutsClose")}
            title={`${t(lang, "shortcutsClose")} (Esc)`}
            onClick={onClose}
          >
            ×
          </button>
        </div>
        <div className="shortcuts-groups">
          {GROUPS.map((g) => (
            <section key={g}>
              <h3>{t(lang, groupLabel(g))}</h3>
              <table>
                <tbody>
                  {shown
                    .filter((s) => s.group === g)
                    .map((s) => (
                      <tr key={s.id} data-testid={`shortcut-${s.id}`}>
                        <td>{t(lang, labelOf(s.id))}</td>
                        <td className="keys">
                          {s.keys.map((k) => (
                            <kbd key={k}>{showCombo(k, mac)}</kbd>
                          ))}
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </section>
          ))}
        </div>
        {!mac && <p className="shortcuts-note">{t(lang, "shortcutsMacNote")}</p>}
      </div>
    </div>
  );
}
