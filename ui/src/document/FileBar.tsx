/** The toolbar's file and edit buttons: new, new from template, open, save, save as, recent files, history, undo, redo. */

import { useRef, useState } from "react";
import type { Backend } from "../backend";
import { LineIcon } from "../LineIcon";
import { type Lang, t } from "../i18n";
import { fileName } from "./history";
import { HistoryDialog } from "./HistoryDialog";
import { TemplateGallery } from "./TemplateGallery";
import type { Editor } from "./useEditor";
import "./document.css";

export function FileBar({ editor, lang, theme, backend }: { editor: Editor; lang: Lang; theme: string; backend: Backend }) {
  const anchor = useRef<HTMLDivElement>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [galleryOpen, setGalleryOpen] = useState(false);
  const path = editor.doc.path;
  /**
   * Where the recent files menu opens (under its button, in window
   * coordinates), when it is open. It is placed `fixed` because the toolbar
   * scrolls sideways in a narrow window, and would clip a menu inside it.
   */
  const [recentAt, setRecentAt] = useState<{ top: number; left: number }>();
  const recentOpen = recentAt !== undefined;
  const setRecentOpen = (open: boolean) => {
    const r = anchor.current?.getBoundingClientRect();
    setRecentAt(open && r ? { top: r.bottom + 4, left: r.left } : undefined);
  };
  const f = editor.files;
  const button = (id: string, label: string, onClick: () => void, disabled = false, hint?: string) => (
    <button
      type="button"
      className="button"
      data-testid={id}
      disabled={disabled}
      title={hint ? `${label} (${hint})` : label}
      onClick={onClick}
    >
      {label}
    </button>
  );
  return (
    <div className="file-bar" role="group">
      {button("file-new", t(lang, "fileNew"), f.newFlow, false, "Ctrl+N")}
      {/* New's own arrow: New from template, narrow so the toolbar still fits a 1360 px window in English. */}
      <button
        type="button"
        className="button split-arrow"
        data-testid="file-template"
        title={t(lang, "fileTemplate")}
        aria-label={t(lang, "fileTemplate")}
        onClick={() => setGalleryOpen(true)}
      >
        ▾
      </button>
      {button("file-open", t(lang, "fileOpen"), f.open, false, "Ctrl+O")}
      <div className="menu-anchor" ref={anchor}>
        {button("file-recent", `${t(lang, "fileRecent")} ▾`, () => setRecentOpen(!recentOpen))}
        {recentAt && (
          <ul className="menu" data-testid="recent-menu" style={recentAt} onMouseLeave={() => setRecentOpen(false)}>
            {editor.recent.length === 0 && <li className="menu-empty">{t(lang, "noRecent")}</li>}
            {editor.recent.map((p, i) => (
              <li key={p}>
                <button
                  type="button"
                  data-testid={`recent-${i}`}
                  title={p}
                  onClick={() => {
                    setRecentOpen(false);
                    f.openRecent(p);
                  }}
                >
                  <strong>{fileName(p)}</strong>
                  <span>{p}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {button("file-save", t(lang, "fileSave"), () => void f.save(), false, "Ctrl+S")}
      {button("file-save-as", t(lang, "fileSaveAs"), () => void f.saveAs(), false, "Ctrl+Shift+S")}
      <button
        type="button"
        className="button"
        data-testid="file-history"
        disabled={path === null}
        title={t(lang, "history")}
        aria-label={t(lang, "history")}
        onClick={() => setHistoryOpen(true)}
      >
        {/* A clock with an arrow round it: the document's past versions. */}
        <LineIcon d="M3 12a9 9 0 1 0 3-6.7M3 4v4h4M12 7v5l3 2" />
      </button>
      {historyOpen && path !== null && (
        <HistoryDialog
          backend={backend}
          lang={lang}
          path={path}
          current={editor.currentFlow}
          onRestore={(flow) => editor.edit(() => flow)}
          onClose={() => setHistoryOpen(false)}
        />
      )}
      {galleryOpen && (
        <TemplateGallery backend={backend} lang={lang} theme={theme} onChoose={f.fromTemplate} onClose={() => setGalleryOpen(false)} />
      )}
      <span className="toolbar-sep" />
      {button("undo", "↶", editor.undo, !editor.canUndo, `${t(lang, "undo")} Ctrl+Z`)}
      {button("redo", "↷", editor.redo, !editor.canRedo, `${t(lang, "redo")} Ctrl+Shift+Z`)}
    </div>
  );
}
