/**
 * The cloud area of the toolbar: the Connections, Import and Publish buttons
 * with their dialogs. Import and Publish open on the last connection used
 * (at first the built-in Local sandbox one) and can switch to another. The
 * editor mounts this once and hands it the document and three callbacks.
 */

import { useCallback, useEffect, useState } from "react";
import type { Backend, ProfileView } from "../backend";
import { blockSpec } from "../flow";
import { type Lang, tx } from "../i18n";
import type { Catalog, Flow, Problem, Provider } from "../model";
import { ConnectionsPanel } from "./ConnectionsPanel";
import { ImportDialog } from "./ImportDialog";
import { PublishDialog } from "./PublishDialog";
import type { Review } from "./PublishChanges";
import { ct } from "./strings";
import "./cloud.css";

export type CloudToolbarProps = {
  backend: Backend;
  lang: Lang;
  /** The open document. */
  flow: Flow | undefined;
  /** Its file, when it has one (the binding is written there too). */
  path?: string | null;
  /** The document has edits its file does not have yet. */
  dirty?: boolean;
  /** Opens imported flows as documents. */
  onOpen: (flows: Flow[]) => void;
  /** The document after a publish, with its binding; `written`: also written to its file. */
  onPublished: (flow: Flow, written: boolean) => void;
  /** Problems that refused a publish, for the canvas and the problems panel. */
  onProblems: (problems: Problem[], target: Provider) => void;
  /** Colours the canvas with a publish's changes (none: back to normal). */
  onReview?: (review: Review | null) => void;
  /** Selects a block on the canvas. */
  onSelectBlock?: (id: string) => void;
};

type Open = "connections" | "import" | "publish" | null;

export function CloudToolbar(props: CloudToolbarProps) {
  const { backend, lang, flow, path, dirty, onOpen, onPublished, onProblems } = props;
  const api = backend.cloud;
  const [profiles, setProfiles] = useState<ProfileView[]>([]);
  const [current, setCurrent] = useState<string>("");
  const [open, setOpen] = useState<Open>(null);

  const refresh = useCallback(() => {
    api.listProfiles().then(setProfiles, () => setProfiles([]));
  }, [api]);
  useEffect(refresh, [refresh]);
  useEffect(() => {
    if (profiles.length > 0 && !profiles.some((p) => p.profile.name === current)) setCurrent(profiles[0]!.profile.name);
  }, [profiles, current]);

  const [catalog, setCatalog] = useState<Catalog>();
  useEffect(() => {
    backend.catalog().then(setCatalog, () => undefined);
  }, [backend]);
  const blockName = useCallback(
    (block: string) => {
      const spec = catalog && blockSpec(catalog, block);
      return spec ? tx(spec.name, lang) : block;
    },
    [catalog, lang],
  );

  const chosen = profiles.find((p) => p.profile.name === current);
  const close = useCallback(() => setOpen(null), []);

  const picker = (
    <label className="cloud-picker">
      <span>{ct(lang, "connection")}</span>
      <select data-testid="cloud-profile" value={current} onChange={(e) => setCurrent(e.target.value)}>
        {profiles.map((p) => (
          <option key={p.profile.name} value={p.profile.name}>
            {p.builtin ? `${p.profile.name} (${ct(lang, "builtin")})` : p.profile.name}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="cloud-toolbar" data-testid="cloud-toolbar" data-profiles={profiles.length}>
      <button type="button" className="button" data-testid="connections-button" onClick={() => setOpen("connections")}>
        {ct(lang, "connections")}
      </button>
      <button type="button" className="button" data-testid="import-button" disabled={!chosen} onClick={() => setOpen("import")}>
        {ct(lang, "import")}
      </button>
      <button type="button" className="button primary" data-testid="publish-button" disabled={!chosen || !flow} onClick={() => setOpen("publish")}>
        {ct(lang, "publish")}
      </button>
      {open === "connections" && (
        <ConnectionsPanel api={api} lang={lang} profiles={profiles} onProfiles={setProfiles} onClose={close} />
      )}
      {open === "import" && chosen && (
        <ImportDialog
          key={chosen.profile.name}
          picker={picker}
          api={api}
          lang={lang}
          profile={chosen.profile.name}
          provider={chosen.profile.provider}
          blockName={blockName}
          onOpen={(flows) => {
            onOpen(flows);
            close();
          }}
          onClose={close}
        />
      )}
      {open === "publish" && chosen && flow && (
        <PublishDialog
          key={chosen.profile.name}
          picker={picker}
          api={api}
          backend={backend}
          lang={lang}
          flow={flow}
          profile={chosen.profile.name}
          provider={chosen.profile.provider}
          path={path ?? null}
          unsaved={(path ?? null) !== null && dirty === true}
          onProblems={onProblems}
          onPublished={(f) => onPublished(f, (path ?? null) !== null)}
          onReview={props.onReview}
          onSelectBlock={props.onSelectBlock}
          onClose={close}
        />
      )}
    </div>
  );
}
