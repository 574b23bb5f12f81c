/**
 * Before an update: what the publish would change in the cloud, from what
 * is live to the document (the engine's diff, read through the provider),
 * in the designer's words. "Show on canvas" colours the blocks (added
 * green, changed amber) and draws the blocks the publish removes as red
 * ghosts where they stand in the cloud; previous / next step through the
 * changes, and a click on one selects its block. A publish that would
 * change nothing says so.
 */

import { useEffect, useState } from "react";
import type { CloudApi, CloudChanges, DiffLine } from "../backend";
import type { Review } from "../flow";
import type { Lang } from "../i18n";
import type { Flow } from "../model";
import { ct } from "./strings";

export type { Review } from "../flow";

type Props = {
  api: CloudApi;
  lang: Lang;
  flow: Flow;
  profile: string;
  onReview: (review: Review | null) => void;
  onSelectBlock: (id: string) => void;
};

/** The canvas's review of `changes`: blocks added or changed in any way that is more than a move, and ghosts of the removed. */
export function reviewOf({ lines, live }: CloudChanges): Review {
  const marks = new Map<string, "added" | "changed">();
  const removed = new Set<string>();
  for (const l of lines) {
    if (l.layout || !("block" in l)) continue;
    if (l.kind === "block_added") marks.set(l.block, "added");
    else if (l.kind === "block_removed") removed.add(l.block);
    else if (!marks.has(l.block)) marks.set(l.block, "changed");
  }
  return { marks, ghosts: live.nodes.filter((n) => removed.has(n.id)) };
}

/** The block a change is about on the document's canvas (a removed one's ghost). */
function blockOf(l: DiffLine): string | null {
  if (!("block" in l)) return null;
  return l.kind === "block_removed" ? `ghost:${l.block}` : l.block;
}

export function PublishChanges({ api, lang, flow, profile, onReview, onSelectBlock }: Props) {
  const [changes, setChanges] = useState<CloudChanges | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState(false);
  const [at, setAt] = useState(-1);
  useEffect(() => {
    let live = true;
    api.publishChanges(flow, profile).then(
      (c) => live && setChanges(c),
      (e: unknown) => live && setError(String(e instanceof Error ? e.message : ((e as { text?: { en: string } })?.text?.en ?? e))),
    );
    return () => {
      live = false;
      onReview(null);
    };
    // Read once per opening, for the flow as it was when Publish was clicked.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (error) return <p className="cloud-note">{error}</p>;
  if (changes === undefined) return <p className="cloud-note">{ct(lang, "readingLive")}</p>;
  if (changes === null) return null;
  const real = changes.lines.filter((l) => !l.layout);
  const moves = changes.lines.length - real.length;
  if (real.length === 0) {
    return (
      <p className="cloud-note" data-testid="publish-no-change">
        {ct(lang, "noChange")}
        {moves > 0 ? ` (${moves} ${ct(lang, "movesOnly")})` : ""}
      </p>
    );
  }
  const show = (on: boolean) => {
    onReview(on ? reviewOf(changes) : null);
    setShown(on);
  };
  const go = (i: number) => {
    if (!shown) show(true);
    setAt(i);
    const id = blockOf(real[i]!);
    if (id) onSelectBlock(id);
  };
  return (
    <div className="publish-changes" data-testid="publish-changes">
      <p>
        {ct(lang, "publishChanges")} {real.length}
        {moves > 0 ? ` (+${moves} ${ct(lang, "movesOnly")})` : ""}{" "}
        <button type="button" className="button" data-testid="publish-show-changes" aria-pressed={shown} onClick={() => show(!shown)}>
          {ct(lang, "showOnCanvas")}
        </button>{" "}
        <button type="button" className="button" data-testid="publish-prev" aria-label={ct(lang, "previousChange")} onClick={() => go(at <= 0 ? real.length - 1 : at - 1)}>
          ◀
        </button>
        <button type="button" className="button" data-testid="publish-next" aria-label={ct(lang, "nextChange")} onClick={() => go((at + 1) % real.length)}>
          ▶
        </button>
      </p>
      <ul>
        {real.map((l, i) => (
          <li key={i} className={i === at ? "current" : undefined}>
            <button type="button" className="link" data-testid={`publish-change-${i}`} onClick={() => go(i)}>
              {l.text[lang]}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
