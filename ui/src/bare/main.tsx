/**
 * The performance baseline: a bare @xyflow/react canvas (default node type,
 * React Flow's own styles, nothing of the editor) showing the blocks it is
 * handed. The real-app performance test (tests/e2e/perf.test.mjs) opens this
 * page in the app's window and calls `window.__bareShow` with the editor's
 * blocks as they were drawn (titles, summaries, exits), its lines, the
 * canvas's size and its viewport; both pages then get the same pans.
 */

import { StrictMode, useEffect } from "react";
import { createRoot } from "react-dom/client";
import { MarkerType, ReactFlow, useNodesInitialized, type Edge, type Node, type Viewport } from "@xyflow/react";
import "@xyflow/react/dist/style.css";

/** One block as the editor drew it. */
export type BareBlock = {
  id: string;
  x: number;
  y: number;
  title: string;
  summary: string;
  ports: string[];
};

export type BareInput = {
  blocks: BareBlock[];
  lines: { id: string; source: string; target: string }[];
  width: number;
  height: number;
  viewport: Viewport;
};

declare global {
  interface Window {
    __bareShow?: (input: BareInput) => void;
    /** From `__bareShow` to every block measured plus one frame, in ms: the editor's open time, measured the same way. */
    __bareDrawnMs?: number;
  }
}

let shownAt = 0;

/** Sets `__bareDrawnMs` once React Flow has measured every block. */
function DrawnTiming() {
  const initialized = useNodesInitialized();
  useEffect(() => {
    if (!initialized || window.__bareDrawnMs !== undefined) return;
    requestAnimationFrame(() => {
      window.__bareDrawnMs = Math.round(performance.now() - shownAt);
    });
  }, [initialized]);
  return null;
}

/** About as many elements as an editor block: header, summary, a row per exit. */
function label(b: BareBlock) {
  return (
    <div>
      <div>
        <span>●</span>
        <strong>{b.title}</strong>
      </div>
      <div>{b.summary}</div>
      {b.ports.length > 0 && (
        <ul style={{ margin: 0, padding: 0, listStyle: "none" }}>
          {b.ports.map((p) => (
            <li key={p}>
              <span>{p}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Bare({ input }: { input: BareInput }) {
  const nodes: Node[] = input.blocks.map((b) => ({
    id: b.id,
    position: { x: b.x, y: b.y },
    data: { label: label(b) },
    style: { width: 240 },
  }));
  const edges: Edge[] = input.lines.map((l) => ({
    ...l,
    type: "smoothstep",
    markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
  }));
  return (
    <div data-testid="bare" style={{ width: input.width, height: input.height }}>
      <ReactFlow defaultNodes={nodes} defaultEdges={edges} defaultViewport={input.viewport} minZoom={0.2} maxZoom={2}>
        <DrawnTiming />
      </ReactFlow>
    </div>
  );
}

const root = document.getElementById("root");
if (root) {
  const app = createRoot(root);
  app.render(<div data-testid="bare-ready">Waiting for blocks…</div>);
  window.__bareShow = (input) => {
    shownAt = performance.now();
    app.render(
      <StrictMode>
        <Bare input={input} />
      </StrictMode>,
    );
  };
}
