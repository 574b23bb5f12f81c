/**
 * The canvas's minimap, drawn cheaply: the blocks are painted once into a
 * <canvas> bitmap (again only when the blocks, the theme or the minimap's
 * frame change), and the view is a single rectangle moved over it. React
 * Flow's own MiniMap is an SVG of one rectangle per block whose viewBox
 * follows the view: under software rendering it repainted 1,000 rectangles
 * on every frame of a pan (about 20 ms a frame, docs/performance.md).
 *
 * The frame (the flow area the minimap shows) is the blocks' bounds joined
 * with the view as it was when it last came to rest, so it stays still while
 * the view moves. Drag on the minimap to pan the canvas, scroll to zoom, as
 * with React Flow's `pannable zoomable` MiniMap.
 */

import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent, type WheelEvent } from "react";
import { Panel, useReactFlow, useStore, type Node, type ReactFlowState } from "@xyflow/react";
import type { Theme } from "../theme";
import { nodeSize } from "./nodeSize";

export const WIDTH = 150;
export const HEIGHT = 100;
/** Flow-unit padding around the frame, in minimap pixels. */
const PAD = 5;

type Box = { x: number; y: number; x2: number; y2: number };

export type CanvasMiniMapProps = {
  /** A block's colour (a CSS colour or `var(--name)`). */
  nodeColor: (n: Node) => string;
  theme?: Theme;
};

const selectNodes = (s: ReactFlowState) => s.nodes;
const selectView = (s: ReactFlowState) => s.transform;
const selectSize = (s: ReactFlowState) => `${s.width}x${s.height}`;

/** The flow area a transform shows in a pane of this size. */
export function viewBox(t: [number, number, number], width: number, height: number): Box {
  const [tx, ty, zoom] = t;
  return { x: -tx / zoom, y: -ty / zoom, x2: (width - tx) / zoom, y2: (height - ty) / zoom };
}

/** The blocks' bounds, or undefined for an empty flow. */
export function nodesBox(nodes: Node[]): Box | undefined {
  if (nodes.length === 0) return undefined;
  const box = { x: Infinity, y: Infinity, x2: -Infinity, y2: -Infinity };
  for (const n of nodes) {
    const { width: w, height: h } = nodeSize(n);
    box.x = Math.min(box.x, n.position.x);
    box.y = Math.min(box.y, n.position.y);
    box.x2 = Math.max(box.x2, n.position.x + w);
    box.y2 = Math.max(box.y2, n.position.y + h);
  }
  return box;
}

/** Flow units per minimap pixel and the frame's top-left, centring `box` in the minimap. */
export function fit(box: Box) {
  const w = box.x2 - box.x;
  const h = box.y2 - box.y;
  const scale = Math.max(w / (WIDTH - 2 * PAD), h / (HEIGHT - 2 * PAD), 1e-6);
  return { scale, x: box.x - (WIDTH * scale - w) / 2, y: box.y - (HEIGHT * scale - h) / 2 };
}

/** The least size, in minimap pixels, of a block and of the view's rectangle. */
export const MIN_BLOCK_PX = 1;
export const MIN_VIEW_PX = 6;

/**
 * Where the view's rectangle goes in the minimap: at least `MIN_VIEW_PX`
 * each way, around the view's centre, so on a flow far taller or wider than
 * the canvas (a 3,000-block chain is 120,000 units tall: the view is half a
 * minimap pixel) the designer still sees where they are.
 */
export function viewRect(view: Box, frame: { scale: number; x: number; y: number }) {
  const side = (a: number, b: number, origin: number) => {
    const start = (a - origin) / frame.scale;
    const length = (b - a) / frame.scale;
    return length >= MIN_VIEW_PX ? { start, length } : { start: start + (length - MIN_VIEW_PX) / 2, length: MIN_VIEW_PX };
  };
  const h = side(view.x, view.x2, frame.x);
  const v = side(view.y, view.y2, frame.y);
  return { left: h.start, top: v.start, width: h.length, height: v.length };
}

/** Resolves `var(--name)` against the element's styles; other colours as they are. */
function resolve(el: Element, color: string, cache: Map<string, string>): string {
  const m = /^var\((--[\w-]+)\)$/.exec(color.trim());
  if (!m) return color;
  let v = cache.get(m[1]);
  if (v === undefined) {
    v = getComputedStyle(el).getPropertyValue(m[1]).trim() || "#888";
    cache.set(m[1], v);
  }
  return v;
}

export function CanvasMiniMap({ nodeColor, theme }: CanvasMiniMapProps) {
  const nodes = useStore(selectNodes);
  const transform = useStore(selectView);
  const size = useStore(selectSize);
  const [paneW, paneH] = size.split("x").map(Number);
  const reactFlow = useReactFlow();
  const canvasRef = useRef<HTMLCanvasElement>(null);

  // The view as it last came to rest: the frame follows it, not every frame of a pan.
  const [rest, setRest] = useState(transform);
  useEffect(() => {
    const timer = setTimeout(() => setRest(transform), 150);
    return () => clearTimeout(timer);
  }, [transform]);

  const blocks = useMemo(() => nodesBox(nodes), [nodes]);
  const frame = useMemo(() => {
    const v = viewBox(rest, paneW || 1, paneH || 1);
    const b = blocks ?? v;
    return fit({ x: Math.min(b.x, v.x), y: Math.min(b.y, v.y), x2: Math.max(b.x2, v.x2), y2: Math.max(b.y2, v.y2) });
  }, [blocks, rest, paneW, paneH]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext("2d");
    if (!canvas || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(WIDTH * ratio);
    canvas.height = Math.round(HEIGHT * ratio);
    ctx.setTransform(ratio / frame.scale, 0, 0, ratio / frame.scale, -frame.x * (ratio / frame.scale), -frame.y * (ratio / frame.scale));
    ctx.clearRect(frame.x, frame.y, WIDTH * frame.scale, HEIGHT * frame.scale);
    const colours = new Map<string, string>();
    for (const n of nodes) {
      ctx.fillStyle = resolve(canvas, nodeColor(n), colours);
      const { width, height } = nodeSize(n);
      // At least a pixel: the blocks of a very tall or wide flow still show.
      const least = MIN_BLOCK_PX * frame.scale;
      ctx.fillRect(n.position.x, n.position.y, Math.max(width, least), Math.max(height, least));
    }
  }, [nodes, frame, nodeColor, theme]);

  const rect = viewRect(viewBox(transform, paneW || 1, paneH || 1), frame);

  const drag = useRef<{ x: number; y: number } | undefined>(undefined);
  const onPointerDown = useCallback((e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, y: e.clientY };
  }, []);
  const onPointerMove = useCallback(
    (e: PointerEvent<HTMLDivElement>) => {
      const from = drag.current;
      if (!from) return;
      drag.current = { x: e.clientX, y: e.clientY };
      const { x, y, zoom } = reactFlow.getViewport();
      // The view follows the pointer across the minimap.
      const dx = (e.clientX - from.x) * frame.scale * zoom;
      const dy = (e.clientY - from.y) * frame.scale * zoom;
      void reactFlow.setViewport({ x: x - dx, y: y - dy, zoom });
    },
    [reactFlow, frame.scale],
  );
  const onPointerUp = useCallback((e: PointerEvent<HTMLDivElement>) => {
    drag.current = undefined;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  }, []);
  const onWheel = useCallback(
    (e: WheelEvent<HTMLDivElement>) => {
      const zoom = reactFlow.getZoom() * Math.pow(2, -e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.002) * 10);
      void reactFlow.zoomTo(zoom);
    },
    [reactFlow],
  );

  return (
    <Panel
      position="bottom-right"
      className="react-flow__minimap canvas-minimap"
      data-testid="minimap"
      style={{ width: WIDTH, height: HEIGHT }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onWheel={onWheel}
    >
      <canvas ref={canvasRef} style={{ width: WIDTH, height: HEIGHT, display: "block" }} />
      <div className="canvas-minimap-view" style={rect} />
    </Panel>
  );
}
