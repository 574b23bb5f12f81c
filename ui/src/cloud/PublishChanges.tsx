/**
 * Before an update: what the publish would change in the cloud, from what
 * is live to the document (the engine's diff, read through the provider),
 * in the designer's words. "Show on canvas" colours the blocks (added
 * green, changed amber; removed ones are listed); a click on a change
 * selects its block. A publish that would change nothing says so.
 */

import { useEffect, useState } from "react";
import type { CloudApi, DiffLine } from "../backend";
import type { Lang } from "../i18n";
import type { Review } from "../flow";
export type { Review } from "../flow";
import type { Flow } from "../model";
import { ct } from "./strings";


type Props = {
  api: CloudApi;
  lang: Lang;
  flow: Flow;
  profile: string;
  onReview: (review: Review | null) => void;
  onSelectBlock: (id: string) => void;
};

/** The canvas colours for `lines`: a block added, or changed in any way that is more than a move. */
export function reviewOf(lines: DiffLine[]): Review {
  const out = new Map<string, "added" | "changed">();
  for (const l of lines) {
    if (l.layout || !("block" in l)) continue;
    if (l.kind === "block_added") out.set(l.block, "added");
    else if (l.kind !== "block_removed" && !out.has(l.block)) out.set(l.block, "changed");
  }
  return out;
}

export function PublishChanges({ api, lang, flow, profile, onReview, onSelectBlock }: Props) {
  const [lines, setLines] = useState<DiffLine[] | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    let live = true;
    api.publishChanges(flow, profile).then(
      (l) => live && setLines(l),
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
  if (lines === undefined) return <p className="cloud-note">{ct(lang, "readingLive")}</p>;
  if (lines === null) return null;
  const real = lines.filter((l) => !l.layout);
  const moves = lines.length - real.length;
  if (real.length === 0) {
    return (
      <p className="cloud-note" data-testid="publish-no-change">
        {ct(lang, "noChange")}
        {moves > 0 ? ` (${moves} ${ct(lang, "movesOnly")})` : ""}
      </p>
    );
  }
  return (
    <div className="publish-changes" data-testid="publish-changes">
      <p>
        {ct(lang, "publishChanges")} {real.length}
        {moves > 0 ? ` (+${moves} ${ct(lang, "movesOnly")})` : ""}{" "}
        <button
          type="button"
          className="button"
          data-testid="publish-show-changes"
          aria-pressed={shown}
          onClick={() => {
            onReview(shown ? null : reviewOf(lines));
            setShown(!shown);
          }}
        >
          {ct(lang, "showOnCanvas")}
        </button>
      </p>
      <ul>
        {real.map((l, i) => (
          <li key={i}>
            {"block" in l && l.kind !== "block_removed" ? (
              <button type="button" className="link" data-testid={`publish-change-${i}`} onClick={() => onSelectBlock(l.block)}>
                {l.text[lang]}
              </button>
            ) : (
              l.text[lang]
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
