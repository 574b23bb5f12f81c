/** Small parts of the toolbar: the brand, the flow's name, the target and language choices. */

import { LANGS, type Lang, type StringKey, t } from "../i18n";
import type { Provider } from "../model";

const PROVIDERS: Provider[] = ["connect", "aliyun", "aliyun2017", "nxlink"];

export function Brand({ lang }: { lang: Lang }) {
  return (
    <div className="brand">
      <span className="brand-mark" aria-hidden="true" />
      <span className="brand-name">{t(lang, "appName")}</span>
    </div>
  );
}

/**
 * The flow's name, editable in place; a dot when there are unsaved changes.
 * Its width is fixed (shell/shell.css `.doc-title input`), so the toolbar does not
 * move as the name changes: a long name ends in an ellipsis and shows whole
 * on hover.
 */
export function FlowTitle(props: {
  name: string;
  dirty: boolean;
  lang: Lang;
  onChange: (name: string) => void;
}) {
  const { name, dirty, lang, onChange } = props;
  return (
    <div className="doc-title">
      <input
        data-testid="flow-name"
        aria-label={t(lang, "flowName")}
        value={name}
        title={name}
        onChange={(e) => onChange(e.target.value)}
      />
      <span
        className={dirty ? "dirty-dot" : "dirty-dot clean"}
        data-testid="dirty-marker"
        data-dirty={dirty}
        title={t(lang, dirty ? "unsaved" : "saved")}
      />
    </div>
  );
}

export function TargetSelect(props: {
  target: Provider | null;
  lang: Lang;
  onChange: (target: Provider | null) => void;
}) {
  const { target, lang, onChange } = props;
  return (
    <label className="toolbar-field">
      <span>{t(lang, "target")}</span>
      <select
        data-testid="target-select"
        value={target ?? ""}
        onChange={(e) => onChange(e.target.value === "" ? null : (e.target.value as Provider))}
      >
        <option value="">{t(lang, "anyTarget")}</option>
        {PROVIDERS.map((p) => (
          <option key={p} value={p}>
            {t(lang, `provider_${p}` as StringKey)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function LangSwitch({ lang, onChange }: { lang: Lang; onChange: (lang: Lang) => void }) {
  return (
    <div className="lang-switch" role="group" aria-label={t(lang, "language")}>
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          data-testid={`lang-${l}`}
          className={l === lang ? "active" : ""}
          aria-pressed={l === lang}
          onClick={() => onChange(l)}
        >
          {l === "en" ? "EN" : "中文"}
        </button>
      ))}
    </div>
  );
}
