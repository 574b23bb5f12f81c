/** The toolbar's layout buttons: auto-layout (Ctrl+Shift+L) and tidy the selection; busy while the worker runs. */

import { type Lang, t } from "../../i18n";
import type { Editor } from "../../document/useEditor";

export function LayoutButtons({ editor, lang }: { editor: Editor; lang: Lang }) {
  const busy = editor.layoutBusy;
  return (
    <div className="layout-bar" role="group" data-testid="layout-bar" aria-busy={busy}>
      <button
        type="button"
        className="button"
        data-testid="auto-layout"
        disabled={busy || !editor.flow}
        title={`${t(lang, "autoLayoutHint")} (Ctrl+Shift+L)`}
        onClick={() => void editor.autoLayout()}
      >
        {busy ? t(lang, "layoutBusy") : t(lang, "autoLayout")}
      </button>
      <button
        type="button"
        className="button"
        data-testid="tidy"
        disabled={busy || !editor.canTidy}
        title={t(lang, "tidyHint")}
        onClick={() => void editor.tidy()}
      >
        {t(lang, "tidy")}
      </button>
    </div>
  );
}
