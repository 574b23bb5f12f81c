/** The toolbar's layout buttons: auto-layout (Ctrl+Shift+L) and tidy the selection; busy while the worker runs. */

import { type Lang, t } from "../../i18n";
import type { Layout } from "./useLayout";

/** `hasFlow`: a document is loaded (auto-layout needs one). */
export function LayoutButtons({ layout, hasFlow, lang }: { layout: Layout; hasFlow: boolean; lang: Lang }) {
  const busy = layout.layoutBusy;
  return (
    <div className="layout-bar" role="group" data-testid="layout-bar" aria-busy={busy}>
      <button
        type="button"
        className="button"
        data-testid="auto-layout"
        disabled={busy || !hasFlow}
        title={`${t(lang, "autoLayoutHint")} (Ctrl+Shift+L)`}
        onClick={() => void layout.autoLayout()}
      >
        {busy ? t(lang, "layoutBusy") : t(lang, "autoLayout")}
      </button>
      <button
        type="button"
        className="button"
        data-testid="tidy"
        disabled={busy || !layout.canTidy}
        title={t(lang, "tidyHint")}
        onClick={() => void layout.tidy()}
      >
        {t(lang, "tidy")}
      </button>
    </div>
  );
}
