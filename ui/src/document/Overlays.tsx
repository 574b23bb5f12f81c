/**
 * What the editor says over the canvas: a notice (a refused line, a file that
 * could not be opened), the offer to restore what autosave kept after a
 * crash, and the "save changes?" question before unsaved changes are dropped.
 */

import { type Lang, t } from "../i18n";
import type { Editor } from "./useEditor";
import "./document.css";

export function Overlays({ editor, lang }: { editor: Editor; lang: Lang }) {
  const { notice, recovery, pending } = editor;
  return (
    <>
      {recovery && (
        <div className="banner info" role="alert" data-testid="recovery-banner">
          <span>{t(lang, "recoverTitle")}</span>
          <button type="button" className="button primary" data-testid="recover-restore" onClick={() => editor.restore(true)}>
            {t(lang, "recoverRestore")}
          </button>
          <button type="button" className="button" data-testid="recover-discard" onClick={() => editor.restore(false)}>
            {t(lang, "recoverDiscard")}
          </button>
        </div>
      )}
      {notice && (
        <div className={`banner ${notice.kind}`} role="alert" data-testid="notice" data-key={notice.key}>
          <span>
            <strong>{t(lang, notice.key)}</strong>
            {notice.detail && <span className="notice-detail" data-testid="notice-detail">{notice.detail}</span>}
          </span>
          <button
            type="button"
            className="icon-button"
            aria-label={t(lang, "dismiss")}
            data-testid="notice-dismiss"
            onClick={() => editor.setNotice(undefined)}
          >
            ×
          </button>
        </div>
      )}
      {pending && (
        <div className="modal-backdrop">
          <div className="modal" role="dialog" aria-modal="true" data-testid="unsaved-dialog">
            <h2>{t(lang, "closeTitle")}</h2>
            <p>{t(lang, "closeBody")}</p>
            <div className="modal-buttons">
              <button type="button" className="button" data-testid="unsaved-discard" onClick={() => void editor.answerPending("discard")}>
                {t(lang, "closeDiscard")}
              </button>
              <button type="button" className="button" data-testid="unsaved-cancel" onClick={() => void editor.answerPending("cancel")}>
                {t(lang, "cancel")}
              </button>
              <button type="button" className="button primary" data-testid="unsaved-save" onClick={() => void editor.answerPending("save")}>
                {t(lang, "fileSave")}
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
