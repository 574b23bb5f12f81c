/**
 * The editor's layout commands: auto-layout (every block) and tidy (the
 * selected blocks only, kept at their top-left corner). ELK runs in a worker
 * while `layoutBusy` is true; the result is one undoable edit; a failure
 * shows a notice and changes nothing. Blocks' sizes are the canvas's
 * measurements where it has them.
 */

import { useCallback, useRef, useState } from "react";
import { getViewportForBounds, useReactFlow, useStoreApi } from "@xyflow/react";
import type { Catalog, Flow } from "../../model";
import { type Notice, errorNotice } from "../../document/useNotices";
import { arrange } from "./arrange";
import { layoutInWorker } from "./client";
import { type Size, boundsOf } from "./graph";

type Options = {
  /** The document's flow now (undefined before it is loaded). */
  current: () => Flow | undefined;
  catalog: Catalog | undefined;
  selected: string[];
  /** Commits a new flow as one undoable edit. */
  apply: (flow: Flow) => void;
  notify: (notice: Notice) => void;
};

export function useLayout({ current, catalog, selected, apply, notify }: Options) {
  const reactFlow = useReactFlow();
  const store = useStoreApi();
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
        if (!ids) {
          // The view fits the new layout before the blocks move there: a large layout drawn even for one
          // frame at the old (close) zoom made WebKitGTK's web process paint layers tens of thousands of
          // pixels wide, and crash.
          const { width, height } = store.getState();
          const box = boundsOf(next, catalog, measured);
          await reactFlow.setViewport(getViewportForBounds(box, width, height, 0.2, 1.1, 0.12));
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          if (current() !== flow) {
            notify({ kind: "info", key: "layoutStale" });
            return;
          }
        }
        apply(next);
      } catch (e) {
        notify(errorNotice("layoutFailed", e));
      } finally {
        busy.current = false;
        setBusy(false);
      }
    },
    [apply, catalog, current, notify, reactFlow, store],
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

export type Layout = ReturnType<typeof useLayout>;
