/**
 * The editor's layout commands: auto-layout (every block) and tidy (the
 * selected blocks only, kept at their top-left corner). ELK runs in a worker
 * while `layoutBusy` is true; the result is one undoable edit; a failure
 * shows a notice and changes nothing. Blocks' sizes are the canvas's
 * measurements where it has them.
 */

import { useCallback, useRef, useState } from "react";
import { useReactFlow } from "@xyflow/react";
import type { Catalog, Flow } from "../../model";
import type { Notice } from "../useEditor";
import { arrange } from "./arrange";
import { layoutInWorker } from "./client";
import type { Size } from "./graph";

type Options = {
  /** The document's flow now (undefined before it is loaded). */
  current: () => Flow | undefined;
  catalog: Catalog | undefined;
  selected: string[];
  /** Commits a new flow as one undoable edit. */
  apply: (flow: Flow) => void;
  notify: (notice: Notice) => void;
};

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function useLayout({ current, catalog, selected, apply, notify }: Options) {
  const reactFlow = useReactFlow();
  const [layoutBusy, setBusy] = useState(false);
  const busy = useRef(false);

  const run = useCallback(
    async (ids?: string[]) => {
      const flow = current();
      if (!flow || !catalog || busy.current) return;
      busy.current = true;
      setBusy(true);
      try {
        const measured = new Map<string, Size>();
        for (const n of reactFlow.getNodes()) {
          const { width, height } = n.measured ?? {};
          if (width && height) measured.set(n.id, { width, height });
        }
        const next = await arrange(flow, catalog, layoutInWorker, measured, ids);
        if (current() !== flow) {
          // The document changed while the layout ran: its answer is for a flow that is gone.
          notify({ kind: "info", key: "layoutStale" });
          return;
        }
        apply(next);
        // The whole flow in view, at the canvas's least zoom at most: below it the canvas's dot grid costs
        // WebKitGTK seconds per frame.
        if (!ids) setTimeout(() => void reactFlow.fitView({ padding: 0.12, minZoom: 0.2, maxZoom: 1.1 }), 60);
      } catch (e) {
        notify({ kind: "error", key: "layoutFailed", detail: message(e) });
      } finally {
        busy.current = false;
        setBusy(false);
      }
    },
    [apply, catalog, current, notify, reactFlow],
  );

  const autoLayout = useCallback(() => run(), [run]);
  const tidy = useCallback(() => {
    if (selected.length < 2) {
      notify({ kind: "info", key: "tidyNeedsSelection" });
      return Promise.resolve();
    }
    return run(selected);
  }, [notify, run, selected]);

  return { autoLayout, tidy, layoutBusy, canTidy: selected.length >= 2 };
}
