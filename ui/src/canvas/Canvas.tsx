/**
 * The canvas: the flow's blocks and lines in React Flow, with the editor's
 * gestures. Drag a block to move it (snapped to the grid), drag from an exit
 * to a block to connect (a refused line says why), click or box-select with
 * shift to select, Delete to remove. Positions are committed to the document
 * when a drag ends; everything else goes straight to the callbacks.
 */

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MarkerType,
  ReactFlow,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  useStore,
  useStoreApi,
  type Connection,
  type Edge as FlowEdge,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type ReactFlowState,
} from "@xyflow/react";
import { BlockNode, type BlockNodeType } from "./BlockNode";
import { blockGeometry } from "./blockGeometry";
import { CATEGORY_COLOR } from "./CategoryIcon";
import { NoteNode } from "./NoteNode";
import { type CanvasNode, type Review, toCanvas } from "../flow";
import { type Lang, type StringKey, t } from "../i18n";
import type { Catalog, Flow } from "../model";
import type { Theme } from "../theme";
import { CanvasMiniMap } from "./CanvasMiniMap";
import { refusal } from "../document/doc";
import {
  CANVAS_INSETS,
  type Insets,
  type Rect,
  boundsOfRects,
  fitView,
  leastZoom,
  openingView,
  startBlock,
  visibleArea,
} from "./firstView";
import { type NoteNodeType, noteNodes } from "../document/notes";
import { useOpenTiming } from "../document/openTiming";
import type { BlockMarks } from "../problems/problemIndex";
import "./canvas.css";

const NODE_TYPES = { block: BlockNode, note: NoteNode };
/** What the canvas draws: blocks and sticky notes. */
type CanvasFlowNode = BlockNodeType | NoteNodeType;
/**
 * From this many blocks on, blocks and lines out of view are not drawn
 * (React Flow's `onlyRenderVisibleElements`, with each block's computed
 * `placement`): a 1,000-block flow then opens and pans by drawing the hundred
 * or so in view. A smaller flow is drawn whole: cheap, and nothing appears
 * while panning.
 */
export const CULL_FROM = 300;
const ARROW = { type: MarkerType.ArrowClosed, width: 16, height: 16 };
export const GRID = 20;
/**
 * Below this zoom the dot grid and the blocks' shadows are left out, and
 * handles show only where they can be used (canvas.css): too small to see,
 * and costly to paint on every frame of a pan (software rendering under
 * WebKitGTK: the grid alone is ~35,000 dots at the least zoom).
 */
const FAR_ZOOM = 0.5;
const isFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;
/** A block's colour in the minimap: its category's (red for an unknown block); notes in their border colour. */
const minimapColor = (n: { type?: string; data: unknown }) => {
  if (n.type === "note") return "var(--note-border)";
  const spec = (n as BlockNodeType).data.spec;
  return spec ? CATEGORY_COLOR[spec.category] : "#dc2626";
};

export type CanvasProps = {
  flow: Flow;
  catalog: Catalog;
  lang: Lang;
  /** Each block's problem marks (problems/problemIndex), the same objects while unchanged. */
  marks: ReadonlyMap<string, BlockMarks>;
  /** The selected block ids (the inspector shows the first). */
  selected: string[];
  onSelect: (ids: string[]) => void;
  onMove: (moved: Map<string, { x: number; y: number }>) => void;
  onDelete: (nodeIds: string[], edgeIds: string[]) => void;
  /** Draws a line; answers the reason it was refused. */
  onConnect: (from: { node: string; port: string }, to: string) => StringKey | undefined;
  onRefused: (why: StringKey) => void;
  /** Changes when a new document is loaded: the view then fits it. */
  fitKey: number;
  /** The colour theme React Flow's own parts (controls, minimap) follow. */
  theme?: Theme;
  /** A publish's changes being reviewed: those blocks coloured. */
  review?: Review;
};

/** Whether the canvas's node `o` already shows `n` as it is now. */
function sameBlock(o: BlockNodeType, n: CanvasNode, selected: boolean): boolean {
  const a = o.data;
  const b = n.data;
  return (
    (o.selected ?? false) === selected &&
    o.position.x === n.position.x &&
    o.position.y === n.position.y &&
    a.node === b.node &&
    a.spec === b.spec &&
    a.lang === b.lang &&
    // The problem index keeps a block's marks object while its problems show the same.
    a.marks === b.marks &&
    a.review === b.review &&
    a.reviewExits === b.reviewExits
  );
}

/** Whether the canvas may keep `o` for `n`: the same block, or the same sticky note, drawn the same way. */
function sameNode(o: CanvasFlowNode, n: CanvasFlowNode, selected: boolean): boolean {
  if (o.type === "block" && n.type === "block") return sameBlock(o, n as CanvasNode, selected);
  if (o.type === "note" && n.type === "note") {
    return (o.selected ?? false) === selected && o.data.note === n.data.note && o.data.lang === n.data.lang;
  }
  return false;
}

/**
 * What React Flow needs to place a block without drawing it: its size and its
 * handles, computed (exactly) from its catalog entry. With them, blocks off
 * screen are not drawn at all (`onlyRenderVisibleElements`), yet the lines to
 * them are, and a 1,000-block flow opens by drawing only what is in view.
 */
function placement(n: CanvasNode) {
  const g = blockGeometry(n.data.spec, n.data.node);
  return { initialWidth: g.width, initialHeight: g.height, handles: g.handles };
}

/**
 * What covers the canvas's edges now: `CANVAS_INSETS`, and at the top at
 * least down to the lowest notice shown over the canvas (a notice may take
 * two or three lines; `Overlays` draws them beside React Flow's own element).
 */
function coveredEdges(pane: HTMLElement | null | undefined): Insets {
  const box = pane?.getBoundingClientRect();
  let top = CANVAS_INSETS.top;
  for (const banner of pane?.parentElement?.querySelectorAll(":scope > .banner") ?? []) {
    if (box) top = Math.max(top, banner.getBoundingClientRect().bottom - box.top + 10);
  }
  return { ...CANVAS_INSETS, top };
}

/** The block under the pointer where a connection was let go. */
function nodeUnder(event: MouseEvent | TouchEvent): string | undefined {
  const point = "changedTouches" in event ? event.changedTouches[0] : event;
  if (!point) return undefined;
  const el = document.elementFromPoint(point.clientX, point.clientY);
  // Sticky notes take no lines.
  return el?.closest<HTMLElement>(".react-flow__node:not(.react-flow__node-note)")?.dataset.id;
}

export function Canvas(props: CanvasProps) {
  const { flow, catalog, lang, marks, selected, onSelect, onMove, onDelete, onConnect, onRefused, fitKey, theme, review } =
    props;
  const reactFlow = useReactFlow();
  useOpenTiming(fitKey, flow);
  const far = useStore(isFar);
  /** A line is being drawn: every handle shows, also zoomed far out (canvas.css). */
  const [connecting, setConnecting] = useState(false);
  const onConnectStart = useCallback(() => setConnecting(true), []);
  const store = useStoreApi<CanvasFlowNode>();
  const canvas = useMemo(() => {
    const blocks = toCanvas(flow, catalog, lang, marks, review);
    return { ...blocks, nodes: [...noteNodes(flow, lang), ...blocks.nodes] as CanvasFlowNode[] };
  }, [flow, catalog, lang, marks, review]);
  const [nodes, setNodes] = useState<CanvasFlowNode[]>([]);
  const [edges, setEdges] = useState<FlowEdge[]>([]);

  // Where every block and note is, with each block's size computed from its catalog entry (`placement`):
  // known without drawing anything, so the first view is chosen before the first drawing.
  const geometry = useMemo(() => {
    const boxes: (Rect & { start: boolean })[] = [];
    const notes: Rect[] = [];
    for (const n of canvas.nodes) {
      if (n.type === "block") {
        const { initialWidth: width, initialHeight: height } = placement(n as CanvasNode);
        boxes.push({ ...n.position, width, height, start: n.data.spec?.entry === false });
      } else {
        notes.push({ ...n.position, width: n.width ?? 0, height: n.height ?? 0 });
      }
    }
    return { bounds: boundsOfRects([...boxes, ...notes]), start: startBlock(boxes) };
  }, [canvas]);
  const paneWidth = useStore((s) => s.width);
  const paneHeight = useStore((s) => s.height);
  /** The least zoom: React Flow's usual one, or less when "Fit view" needs less to show a huge flow whole. */
  const minZoom = useMemo(
    () => leastZoom(geometry.bounds, visibleArea(paneWidth, paneHeight)),
    [geometry, paneWidth, paneHeight],
  );

  // A document just loaded opens fitted when it can be read so (firstView.ts), else at its start block at
  // 100 %. The view is set before the first drawing: only what will be in view is drawn. The canvas's size
  // is read from the store, where React Flow put it in this same commit; a canvas with no size yet (the
  // window is opening) gets its first view once it has one.
  const fitted = useRef<number>(undefined);
  const paneReady = paneWidth > 0 && paneHeight > 0;
  useEffect(() => {
    if (fitted.current === fitKey) return;
    const { bounds, start } = geometry;
    const { width, height, domNode } = store.getState();
    if (!bounds) {
      fitted.current = fitKey;
      return;
    }
    if (width <= 0 || height <= 0) return;
    fitted.current = fitKey;
    const { mode: _, ...view } = openingView(bounds, start, visibleArea(width, height, coveredEdges(domNode)));
    void reactFlow.setViewport(view);
  }, [fitKey, geometry, paneReady, reactFlow, store]);

  /** "Fit view": the whole flow, however small that makes it. */
  const geometryRef = useRef(geometry);
  geometryRef.current = geometry;
  const fitAll = useCallback(() => {
    const { bounds } = geometryRef.current;
    const { width, height, domNode } = store.getState();
    if (bounds && width > 0 && height > 0) {
      void reactFlow.setViewport(fitView(bounds, visibleArea(width, height, coveredEdges(domNode))));
    }
  }, [reactFlow, store]);

  useEffect(() => {
    const sel = new Set(selected);
    setNodes((prev) => {
      const old = new Map(prev.map((n) => [n.id, n]));
      return canvas.nodes.map((n) => {
        const o = old.get(n.id);
        // An unchanged block keeps its object, so React Flow does not draw it again (1,000 blocks stay fluid).
        if (o && !o.dragging && sameNode(o, n, sel.has(n.id))) return o;
        return {
          ...n,
          ...(n.type === "block" ? placement(n as CanvasNode) : {}),
          position: o?.dragging ? o.position : n.position,
          measured: o?.measured,
          selected: sel.has(n.id),
        };
      });
    });
  }, [canvas, selected]);

  useEffect(() => {
    setEdges((prev) => {
      const old = new Map(prev.map((e) => [e.id, e]));
      return canvas.edges.map((e) => {
        const o = old.get(e.id);
        // An unchanged line keeps its object (and its selection), so React Flow does not draw it again.
        const marked = e.marked ?? false;
        if (o && o.source === e.source && o.sourceHandle === e.sourceHandle && o.target === e.target && (o.className === "marked") === marked) {
          return o;
        }
        const { marked: _, ...edge } = e;
        return { ...edge, type: "smoothstep", selected: false, markerEnd: ARROW, ...(marked ? { className: "marked", zIndex: 1 } : {}) };
      });
    });
  }, [canvas]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasFlowNode>[]) => {
      setNodes((ns) => applyNodeChanges(changes, ns));
      if (changes.some((c) => c.type === "select")) {
        const sel = new Set(selected);
        for (const c of changes) {
          if (c.type !== "select") continue;
          if (c.selected) sel.add(c.id);
          else sel.delete(c.id);
        }
        onSelect([...sel]);
      }
      const moved = new Map<string, { x: number; y: number }>();
      for (const c of changes) {
        if (c.type === "position" && c.position && c.dragging === false) moved.set(c.id, c.position);
      }
      if (moved.size > 0) onMove(moved);
    },
    [onMove, onSelect, selected],
  );

  // A drag's last position change may come without `dragging: false`: commit on drag stop too.
  const onNodeDragStop = useCallback(
    (_: unknown, __: unknown, dragged: CanvasFlowNode[]) => {
      onMove(new Map(dragged.map((n) => [n.id, { x: n.position.x, y: n.position.y }])));
    },
    [onMove],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => setEdges((es) => applyEdgeChanges(changes, es)),
    [],
  );

  const isValidConnection = useCallback(
    (c: Connection | FlowEdge) =>
      !refusal(flow, catalog, { node: c.source, port: c.sourceHandle ?? "" }, c.target),
    [flow, catalog],
  );

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      setConnecting(false);
      const from = state.fromHandle;
      if (!from || from.type !== "source" || !from.id) return;
      const to = state.toNode?.id ?? nodeUnder(event);
      if (!to || to === from.nodeId) return;
      const why = onConnect({ node: from.nodeId, port: from.id }, to);
      if (why) onRefused(why);
    },
    [onConnect, onRefused],
  );

  return (
    <ReactFlow<CanvasFlowNode>
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onNodeDragStop={onNodeDragStop}
      onDelete={({ nodes: ns, edges: es }) => onDelete(ns.map((n) => n.id), es.map((e) => e.id))}
      isValidConnection={isValidConnection}
      onConnectStart={onConnectStart}
      onConnectEnd={onConnectEnd}
      // Delete and Backspace are the shortcut table's (useEditing), through deleteElements and onDelete.
      deleteKeyCode={null}
      // The arrows nudge the selection as one undo step each (useEditing), not React Flow's way.
      disableKeyboardA11y
      multiSelectionKeyCode="Shift"
      selectionKeyCode="Shift"
      snapToGrid
      snapGrid={[GRID, GRID]}
      onlyRenderVisibleElements={flow.nodes.length >= CULL_FROM}
      minZoom={minZoom}
      maxZoom={2}
      colorMode={theme ?? "light"}
      className={[far && "zoomed-out", connecting && "connecting"].filter(Boolean).join(" ") || undefined}
    >
      {!far && <Background variant={BackgroundVariant.Dots} gap={GRID} size={1.4} color="var(--canvas-dots)" />}
      <CanvasMiniMap nodeColor={minimapColor} theme={theme} />
      <Controls showInteractive={false} showFitView={false}>
        {/* React Flow's own "fit view" stops at the least zoom and ignores what covers the canvas's edges. */}
        <ControlButton
          className="react-flow__controls-fitview"
          onClick={fitAll}
          title={t(lang, "fitView")}
          aria-label={t(lang, "fitView")}
          data-testid="fit-view"
        >
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path d="M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4" fill="none" stroke="currentColor" strokeWidth="2" />
          </svg>
        </ControlButton>
      </Controls>
    </ReactFlow>
  );
}
