/**
 * The local history of the open document (a snapshot on every save and
 * publish, kept by Rust in the app data folder): the snapshots newest first
 * with when and why; one chosen is compared with the document as it is now
 * (the engine's diff, in the designer's words), and restores as the
 * document's content: one undo step, the file untouched until saved.
 */

import { useEffect, useState } from "react";
import type { Backend, DiffLine, HistoryEntry } from "../backend";
import { Modal } from "../cloud/Modal";
import { type Lang, t } from "../i18n";
import type { Flow } from "../model";

type Props = {
  backend: Backend;
  lang: Lang;
  path: string;
  /** The document's flow now. */
  current: () => Flow;
  /** Makes `flow` the document's content (one undo step). */
  onRestore: (flow: Flow) => void;
  onClose: () => void;
};

function occasion(e: HistoryEntry, lang: Lang): string {
  switch (e.occasion.kind) {
    case "save":
      return t(lang, "historySaved");
    case "publish":
      return `${t(lang, "historyPublished")} ${e.occasion.target}`;
    case "import":
      return `${t(lang, "historyImported")} ${e.occasion.from}`;
  }
}

export function HistoryDialog({ backend, lang, path, current, onRestore, onClose }: Props) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [chosen, setChosen] = useState<{ id: string; flow: Flow; lines: DiffLine[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    backend.files.history(path).then(setEntries, (e: unknown) => setError(String(e instanceof Error ? e.message : e)));
  }, [backend, path]);
  const choose = async (id: string) => {
    try {
      const flow = await backend.files.historyFlow(id);
      const lines = await backend.diffFlows(flow, current());
      setChosen({ id, flow, lines });
    } catch (e) {
      setError(String(e instanceof Error ? e.message : e));
    }
  };
  const real = chosen?.lines.filter((l) => !l.layout) ?? [];
  const moves = (chosen?.lines.length ?? 0) - real.length;
  const footer = (
    <>
      <span className="toolbar-spacer" />
      <button type="button" className="button" onClick={onClose}>
        {t(lang, "close")}
      </button>
      <button
        type="button"
        className="button primary"
        data-testid="history-restore"
        disabled={!chosen}
        onClick={() => {
          if (!chosen) return;
          // The snapshot's content; the bindings stay as they are now (where the flow lives in the cloud).
          onRestore({ ...chosen.flow, bindings: current().bindings });
          onClose();
        }}
      >
        {t(lang, "historyRestore")}
      </button>
    </>
  );
  return (
    <Modal title={t(lang, "history")} testId="history-dialog" closeLabel={t(lang, "close")} onClose={onClose} footer={footer} wide>
      {error && (
        <p className="cloud-error" role="alert">
          {error}
        </p>
      )}
      {entries && entries.length === 0 && <p data-testid="history-empty">{t(lang, "historyEmpty")}</p>}
      {entries && entries.length > 0 && (
        <ul className="history-list" data-testid="history-list">
          {entries.map((e, i) => (
            <li key={`${e.id}-${e.at}`}>
              <button
                type="button"
                data-testid={`history-${i}`}
                aria-pressed={chosen?.id === e.id}
                className={chosen?.id === e.id ? "chosen" : undefined}
                onClick={() => void choose(e.id)}
              >
                <strong>{new Date(e.at).toLocaleString(lang === "zh" ? "zh-CN" : "en")}</strong> {occasion(e, lang)}
                {e.message && <em> · {e.message}</em>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen && (
        <div data-testid="history-compare">
          <p>
            {real.length === 0 && moves === 0
              ? t(lang, "historySame")
              : `${t(lang, "historySinceThen")} ${real.length}${moves > 0 ? ` (+${moves} ${t(lang, "historyMoves")})` : ""}`}
          </p>
          <ul className="history-lines">
            {real.map((l, i) => (
              <li key={i}>{l.text[lang]}</li>
            ))}
          </ul>
        </div>
      )}
    </Modal>
  );
}
