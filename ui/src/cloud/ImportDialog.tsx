/**
 * The Import dialog: the flows of the chosen connection's instance, with a
 * search, a type filter and pages, a progress line while loading, and a
 * preview of the selected flow. "Open" imports the ticked flows (or the
 * selected one) as documents, bound to their remote flows.
 */

import { useEffect, useState, type ReactNode } from "react";
import type { Lang } from "../i18n";
import type { Flow, Provider } from "../model";
import type { CloudApi, RemotePage } from "../backend";
import { errorText } from "../errors";
import { FlowPreview } from "./FlowPreview";
import { Modal } from "./Modal";
import { ct } from "./strings";

const PAGE_SIZE = 8;

/** The type filter's choices per provider (the APIs' own names). */
export const FLOW_TYPES: Record<Provider, string[]> = {
  connect: ["CONTACT_FLOW", "CUSTOMER_QUEUE", "CUSTOMER_HOLD", "CUSTOMER_WHISPER", "AGENT_HOLD", "AGENT_WHISPER", "OUTBOUND_WHISPER", "AGENT_TRANSFER", "QUEUE_TRANSFER"],
  aliyun: ["MAIN_FLOW", "SUB_FLOW", "SURVEY_FLOW"],
  aliyun2017: ["MAIN_FLOW", "SUB_FLOW"],
  nxlink: [],
};

type Props = {
  /** The connection choice, shown at the top. */
  picker: ReactNode;
  api: CloudApi;
  lang: Lang;
  profile: string;
  provider: Provider;
  /** A block type's display name. */
  blockName: (block: string) => string;
  onOpen: (flows: Flow[]) => void;
  onClose: () => void;
};

export function ImportDialog({ picker, api, lang, profile, provider, blockName, onOpen, onClose }: Props) {
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  const [flowType, setFlowType] = useState("");
  const [page, setPage] = useState(1);
  const [list, setList] = useState<RemotePage>();
  const [loading, setLoading] = useState(false);
  /** What listing or opening was refused with, shown in the current language. */
  const [error, setError] = useState<unknown>();
  const [ticked, setTicked] = useState<string[]>([]);
  const [selected, setSelected] = useState<string>();
  const [preview, setPreview] = useState<{ id: string; flow?: Flow; error?: unknown }>();
  const [opening, setOpening] = useState(false);

  // Search as the designer stops typing.
  useEffect(() => {
    const t = setTimeout(() => {
      setQuery(search);
      setPage(1);
    }, 250);
    return () => clearTimeout(t);
  }, [search]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(undefined);
    api.listRemoteFlows(profile, flowType || null, query || null, page, PAGE_SIZE).then(
      (p) => {
        if (!live) return;
        setList(p);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [api, profile, flowType, query, page]);

  useEffect(() => {
    if (!selected) return;
    let live = true;
    setPreview({ id: selected });
    api.importFlows(profile, [selected]).then(
      ([one]) => {
        if (!live || !one) return;
        setPreview("ok" in one.flow ? { id: selected, flow: one.flow.ok } : { id: selected, error: { text: one.flow.error } });
      },
      (e: unknown) => live && setPreview({ id: selected, error: e }),
    );
    return () => {
      live = false;
    };
  }, [api, profile, selected]);

  // What Open opens is exactly what is ticked. Selecting a row to preview it
  // ticks it too, while the ticks are only the previous selection's.
  const chosen = ticked;
  const select = (id: string) => {
    setTicked((t) => (t.length === 0 || (t.length === 1 && t[0] === selected) ? [id] : t));
    setSelected(id);
  };
  const open = () => {
    setOpening(true);
    setError(undefined);
    api.importFlows(profile, chosen).then(
      (flows) => {
        setOpening(false);
        const docs = flows.flatMap((f) => ("ok" in f.flow ? [f.flow.ok] : []));
        const bad = flows.find((f) => "error" in f.flow);
        if (bad && "error" in bad.flow) {
          const { en, zh } = bad.flow.error;
          setError({ text: { en: `${bad.remote.name}: ${en}`, zh: `${bad.remote.name}：${zh}` } });
        }
        if (docs.length > 0) onOpen(docs);
      },
      (e: unknown) => {
        setOpening(false);
        setError(e);
      },
    );
  };

  const pages = list ? Math.max(1, Math.ceil(list.total / list.page_size)) : 1;
  const state = (f: RemotePage["flows"][number]) =>
    f.editing ? ct(lang, "editing") : f.published ? ct(lang, "published") : ct(lang, "saved");

  return (
    <Modal
      title={ct(lang, "importTitle")}
      testId="import-dialog"
      closeLabel={ct(lang, "close")}
      onClose={onClose}
      wide
      footer={
        <>
          {error !== undefined && (
            <span className="cloud-error" role="alert" data-testid="import-error">
              {errorText(error, lang)}
            </span>
          )}
          <span className="toolbar-spacer" />
          <button type="button" className="button" onClick={onClose}>
            {ct(lang, "cancel")}
          </button>
          <button type="button" className="button primary" data-testid="import-open" disabled={chosen.length === 0 || opening} onClick={open}>
            {opening ? ct(lang, "importing") : `${ct(lang, "openSelected")}${chosen.length > 1 ? ` (${chosen.length})` : ""}`}
          </button>
        </>
      }
    >
      <div className="cloud-row">
        {picker}
        <input className="cloud-search" data-testid="import-search" placeholder={ct(lang, "search")} value={search} onChange={(e) => setSearch(e.target.value)} />
        <select
          data-testid="import-type"
          value={flowType}
          onChange={(e) => {
            setFlowType(e.target.value);
            setPage(1);
          }}
        >
          <option value="">{ct(lang, "allTypes")}</option>
          {FLOW_TYPES[provider].map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      <div className="cloud-split import">
        <div className="cloud-flow-list">
          {loading && (
            <div className="cloud-progress" role="progressbar" data-testid="import-loading">
              <span className="cloud-spinner" aria-hidden="true" /> {ct(lang, "loadingFlows")}
            </div>
          )}
          {!loading && list && list.flows.length === 0 && <div className="cloud-empty">{ct(lang, "noFlows")}</div>}
          <ul data-testid="import-list">
            {list?.flows.map((f) => (
              <li
                key={f.id}
                className={`cloud-flow${selected === f.id ? " active" : ""}`}
                data-testid={`remote-flow-${f.id}`}
                data-name={f.name}
                data-previewing={selected === f.id ? "true" : undefined}
                aria-current={selected === f.id ? "true" : undefined}
                onClick={() => select(f.id)}
              >
                <input
                  type="checkbox"
                  aria-label={f.name}
                  checked={ticked.includes(f.id)}
                  onClick={(e) => e.stopPropagation()}
                  onChange={(e) => setTicked((t) => (e.target.checked ? [...t, f.id] : t.filter((x) => x !== f.id)))}
                />
                <div>
                  <div className="cloud-flow-name">
                    {f.name || f.id}
                    {selected === f.id && <span className="cloud-chip">{ct(lang, "previewing")}</span>}
                  </div>
                  <div className="cloud-profile-meta">
                    {f.type} · {state(f)} · <code>{f.id.length > 18 ? `${f.id.slice(0, 18)}…` : f.id}</code>
                  </div>
                </div>
              </li>
            ))}
          </ul>
          <div className="cloud-row pager">
            <button type="button" className="button small" data-testid="import-prev" disabled={!list || list.page <= 1} onClick={() => setPage((p) => p - 1)}>
              ‹ {ct(lang, "previous")}
            </button>
            <span data-testid="import-page">
              {list ? `${list.page} / ${pages} · ${list.total} ${ct(lang, list.total === 1 ? "flowTotal" : "flowsTotal")}` : ""}
            </span>
            <button type="button" className="button small" data-testid="import-next" disabled={!list || list.page >= pages} onClick={() => setPage((p) => p + 1)}>
              {ct(lang, "next")} ›
            </button>
          </div>
        </div>
        <div className="cloud-preview" data-testid="import-preview">
          <h3>{ct(lang, "preview")}</h3>
          {!preview && <p className="cloud-empty">{ct(lang, "selectToPreview")}</p>}
          {preview && !preview.flow && preview.error === undefined && (
            <div className="cloud-progress">
              <span className="cloud-spinner" aria-hidden="true" /> {ct(lang, "loadingFlows")}
            </div>
          )}
          {preview?.error !== undefined && <p className="cloud-error">{errorText(preview.error, lang)}</p>}
          {preview?.flow && (
            <>
              <div className="cloud-preview-name" data-testid="preview-name">
                {preview.flow.name} · {preview.flow.nodes.length} {ct(lang, "blocksN")}
              </div>
              <FlowPreview flow={preview.flow} name={blockName} />
            </>
          )}
        </div>
      </div>
    </Modal>
  );
}
