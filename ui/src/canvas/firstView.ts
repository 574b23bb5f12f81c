/**
 * Where the canvas looks when a document opens, and what "Fit view" shows:
 * pure arithmetic on the flow's bounds, its start block and the canvas's
 * size, so it is tested without a browser.
 *
 * A flow that fits whole at `READABLE_ZOOM` or more opens fitted (never
 * closer than `FIT_MAX_ZOOM`). A larger one would open too small to read: it
 * opens at 100 % at its start block, where the call begins, the start in the
 * canvas's top-left part, with as much of the flow above and left of it as
 * fits, never further in than the middle. Both views keep clear of what
 * covers the canvas's edges (`CANVAS_INSETS`): the notices across its top,
 * the zoom buttons at its bottom left. The palette and the inspector sit
 * beside the canvas (shell/shell.css `.workspace`, a grid), not over it, so the
 * canvas's own box is what is visible. "Fit view" always shows the whole
 * flow, however small that makes it.
 */

export type Rect = { x: number; y: number; width: number; height: number };
export type Viewport = { x: number; y: number; zoom: number };
export type Insets = { top: number; right: number; bottom: number; left: number };

/** The least zoom a document opens fitted at: below it a card's text cannot be read. */
export const READABLE_ZOOM = 0.5;
/** A flow too large to open fitted opens at this zoom, at its start block. */
export const START_ZOOM = 1;
/** A small flow opens fitted but no closer than this. */
export const FIT_MAX_ZOOM = 1.1;
/** Room left around a fitted flow, as a share of the visible canvas (half on each side). */
export const FIT_PADDING = 0.12;
/** The least zoom the canvas otherwise allows (React Flow's `minZoom`); "Fit view" goes below it for a huge flow. */
export const MIN_ZOOM = 0.2;
/**
 * What covers the canvas's edges, in screen pixels, at the least: a notice
 * (document/document.css `.canvas .banner`, top 10 px, one line about 36 px high) across
 * the top (the canvas measures the notices actually shown, which may be
 * taller); React Flow's zoom buttons (15 px from the edge, 26 px wide) at the
 * bottom left; a margin elsewhere. The minimap (bottom right) is left out: a
 * start block opens at the top left, and a fitted flow's padding clears it.
 */
export const CANVAS_INSETS: Insets = { top: 56, right: 16, bottom: 16, left: 48 };

/** The part of a `width` x `height` canvas that nothing covers. */
export function visibleArea(width: number, height: number, insets: Insets = CANVAS_INSETS): Rect {
  // A canvas too small for the insets keeps at least its own middle.
  const left = Math.min(insets.left, width / 4);
  const right = Math.min(insets.right, width / 4);
  const top = Math.min(insets.top, height / 4);
  const bottom = Math.min(insets.bottom, height / 4);
  return { x: left, y: top, width: width - left - right, height: height - top - bottom };
}

/** The zoom at which `bounds` fills `area` less its padding (not limited). */
function fitZoom(bounds: Rect, area: Rect): number {
  const w = Math.max(bounds.width, 1);
  const h = Math.max(bounds.height, 1);
  return Math.min((area.width * (1 - FIT_PADDING)) / w, (area.height * (1 - FIT_PADDING)) / h);
}

/** `bounds` centred in `area` at `zoom`. */
function centred(bounds: Rect, area: Rect, zoom: number): Viewport {
  return {
    x: area.x + (area.width - bounds.width * zoom) / 2 - bounds.x * zoom,
    y: area.y + (area.height - bounds.height * zoom) / 2 - bounds.y * zoom,
    zoom,
  };
}

/**
 * "Fit view": the whole of `bounds` centred in the visible `area`, at the
 * zoom that fits it (at most `FIT_MAX_ZOOM`, with no least zoom).
 */
export function fitView(bounds: Rect, area: Rect): Viewport {
  return centred(bounds, area, Math.min(FIT_MAX_ZOOM, fitZoom(bounds, area)));
}

/** The least zoom the canvas should allow for this flow: `MIN_ZOOM`, or less when "Fit view" needs less. */
export function leastZoom(bounds: Rect | undefined, area: Rect): number {
  if (!bounds || area.width <= 0 || area.height <= 0) return MIN_ZOOM;
  // A little below the fit, so rounding never stops "Fit view" short.
  return Math.min(MIN_ZOOM, Math.floor(fitZoom(bounds, area) * 0.98 * 1000) / 1000);
}

/**
 * Where a document opens. `bounds` holds every block and note; `start` is the
 * start block's box (the block to open at when the flow is too large to open
 * fitted; undefined when the flow has none, then the flow is fitted whatever
 * the zoom). `mode` says which rule applied.
 */
export function openingView(
  bounds: Rect,
  start: Rect | undefined,
  area: Rect,
): Viewport & { mode: "fit" | "start" } {
  if (!start || fitZoom(bounds, area) >= READABLE_ZOOM) return { ...fitView(bounds, area), mode: "fit" };
  const zoom = START_ZOOM;
  /**
   * Along one axis: the screen position of the start's near edge. The flow's
   * own edge at the area's edge, but the start never further in than centred,
   * and never out of the area's near edge.
   */
  const place = (areaFrom: number, areaSize: number, flowFrom: number, startFrom: number, startSize: number) => {
    const flowAtEdge = areaFrom + (startFrom - flowFrom) * zoom;
    const middle = areaFrom + Math.max(0, (areaSize - startSize * zoom) / 2);
    return Math.max(areaFrom, Math.min(flowAtEdge, middle));
  };
  const sx = place(area.x, area.width, bounds.x, start.x, start.width);
  const sy = place(area.y, area.height, bounds.y, start.y, start.height);
  return { x: sx - start.x * zoom, y: sy - start.y * zoom, zoom, mode: "start" };
}

/** The box around `rects` (undefined for none). */
export function boundsOfRects(rects: Iterable<Rect>): Rect | undefined {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of rects) {
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.width);
    y1 = Math.max(y1, r.y + r.height);
  }
  return Number.isFinite(x0) ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : undefined;
}

/**
 * The block a large flow opens at: its start block (the block lines cannot
 * enter), else the block nearest the top-left corner. Undefined for no block.
 */
export function startBlock<T extends Rect & { start: boolean }>(blocks: readonly T[]): T | undefined {
  const start = blocks.find((b) => b.start);
  if (start) return start;
  let best: T | undefined;
  for (const b of blocks) {
    if (!best || b.x + b.y < best.x + best.y || (b.x + b.y === best.x + best.y && b.y < best.y)) best = b;
  }
  return best;
}
