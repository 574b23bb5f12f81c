/**
 * A publish refused because the flow changed in the cloud since it last
 * synced: the three sides. From the document's local history, the version
 * last published or imported (when it has one): what changed in the cloud
 * since then, and what you changed since then, each in the designer's
 * words (the engine's diff).
 */

import { useEffect, useState } from "react";
import type { Backend, DiffLine } from "../backend";
import type { Lang } from "../i18n";
import type { Flow } from "../model";
import { ct } from "./strings";

type Props = { backend: Backend; lang: Lang; path: string | null; cloud: Flow; yours: Flow };

type Sides = { at: number; theirs: DiffLine[]; mine: DiffLine[] };

export function ThreeSides({ backend, lang, path, cloud, yours }: Props) {
  const [sides, setSides] = useState<Sides | null>(null);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    (async () => {
      const synced = (await backend.files.history(path)).find((e) => e.occasion.kind !== "save");
      if (!synced) return;
      const base = await backend.files.historyFlow(synced.id);
      const [theirs, mine] = await Promise.all([backend.diffFlows(base, cloud), backend.diffFlows(base, yours)]);
      if (live) setSides({ at: synced.at, theirs: theirs.filter((l) => !l.layout), mine: mine.filter((l) => !l.layout) });
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [backend, path, cloud, yours]);
  if (!sides) return null;
  const when = new Date(sides.at).toLocaleString(lang === "zh" ? "zh-CN" : "en");
  const list = (lines: DiffLine[], id: string) => (
    <ul data-testid={id}>
      {lines.length === 0 ? <li>{ct(lang, "nothing")}</li> : lines.map((l, i) => <li key={i}>{l.text[lang]}</li>)}
    </ul>
  );
  return (
    <div className="three-sides" data-testid="publish-three-sides">
      <p>
        {ct(lang, "sinceSynced")} ({when}), {ct(lang, "changedInCloud")}
      </p>
      {list(sides.theirs, "publish-theirs")}
      <p>{ct(lang, "changedByYou")}</p>
      {list(sides.mine, "publish-mine")}
    </div>
  );
}
