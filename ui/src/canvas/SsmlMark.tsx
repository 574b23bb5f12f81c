/** The small "SSML" marker beside a prompt written in SSML: on a card, whose summary shows its text, and in the inspector. */

import { type Lang, t } from "../i18n";

export function SsmlMark({ lang, testId }: { lang: Lang; testId?: string }) {
  return (
    <span className="ssml-mark" title={t(lang, "ssmlHint")} data-testid={testId}>
      SSML
    </span>
  );
}
