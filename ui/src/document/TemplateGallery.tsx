/**
 * New from template: the starter flows shipped with the app (read by Rust
 * from the package's `templates` folder), each as a card with its picture
 * (drawn by the engine in the designer's language and theme), its
 * description and the providers it is valid for. A click chooses a card;
 * Create (or a double click, or Enter) opens it as a new, unsaved document.
 */

import { useEffect, useState } from "react";
import type { Backend, TemplateCard } from "../backend";
import { Modal } from "../cloud/Modal";
import { providerName } from "../cloud/strings";
import { type Lang, t } from "../i18n";

type Props = {
  backend: Backend;
  lang: Lang;
  theme: string;
  /** Opens the chosen template's id. */
  onChoose: (id: string) => void;
  onClose: () => void;
};

export function TemplateGallery({ backend, lang, theme, onChoose, onClose }: Props) {
  const [cards, setCards] = useState<TemplateCard[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    backend.templates(lang, theme).then(
      (c) => {
        setCards(c);
        setChosen((now) => now ?? c[0]?.template.id ?? null);
      },
      (e: unknown) => setError(String(e instanceof Error ? e.message : e)),
    );
  }, [backend, lang, theme]);
  const create = (id: string | null) => {
    if (!id) return;
    onChoose(id);
    onClose();
  };
  const footer = (
    <>
      <span className="toolbar-spacer" />
      <button type="button" className="button" onClick={onClose}>
        {t(lang, "cancel")}
      </button>
      <button type="button" className="button primary" data-testid="template-create" disabled={!chosen} onClick={() => create(chosen)}>
        {t(lang, "templateCreate")}
      </button>
    </>
  );
  return (
    <Modal title={t(lang, "templates")} testId="template-gallery" closeLabel={t(lang, "close")} onClose={onClose} footer={footer} wide>
      {error && (
        <p className="cloud-error" role="alert">
          {error}
        </p>
      )}
      {cards === null && !error && <p className="cloud-muted">{t(lang, "loading")}</p>}
      {cards?.length === 0 && <p className="cloud-muted">{t(lang, "noTemplates")}</p>}
      <ul className="template-grid" role="listbox" aria-label={t(lang, "templates")}>
        {cards?.map(({ template: tp, picture, blocks }) => (
          <li key={tp.id}>
            <button
              type="button"
              role="option"
              aria-selected={chosen === tp.id}
              className={`template-card${chosen === tp.id ? " chosen" : ""}`}
              data-testid={`template-${tp.id}`}
              onClick={() => setChosen(tp.id)}
              onDoubleClick={() => create(tp.id)}
              onKeyDown={(e) => e.key === "Enter" && (e.preventDefault(), create(tp.id))}
            >
              <img
                className="template-picture"
                alt=""
                src={picture ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(picture)}` : undefined}
              />
              <strong>{tp.name[lang]}</strong>
              <span className="template-description">{tp.description[lang]}</span>
              <span className="template-meta">
                {tp.providers.map((p) => (
                  <span key={p} className="cloud-chip">
                    {providerName(lang, p)}
                  </span>
                ))}
                <span className="template-blocks">{t(lang, "templateBlocks").replace("{n}", String(blocks))}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
