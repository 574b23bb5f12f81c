/**
 * The canvas while a call is simulated: the call's current block kept in
 * view (a step that takes the call outside the visible canvas pans the view
 * to it, at the same zoom, as a designer following the call would), and the
 * canvas's centre kept where it was when the panel opens or closes.
 */

import { type RefObject, useEffect, useLayoutEffect, useRef } from "react";
import type { ReactFlowInstance } from "@xyflow/react";
import { nodeSize } from "../canvas/nodeSize";
import type { Review } from "../flow";

type Flow = Pick<ReactFlowInstance, "getNode" | "setCenter" | "getZoom" | "flowToScreenPosition">;

/** The block `review` marks current, if any. */
export function currentOf(review: Review | undefined): string | undefined {
  for (const [id, mark] of review?.marks ?? []) if (mark === "current") return id;
  return undefined;
}

/** Pans to the call's current block when it is not wholly in view. */
export function useFollowCall(reactFlow: Flow, canvas: RefObject<HTMLElement | null>, review: Review | undefined) {
  const at = currentOf(review);
  useEffect(() => {
    if (!at) return;
    const node = reactFlow.getNode(at);
    const box = canvas.current?.getBoundingClientRect();
    if (!node || !box) return;
    const { width, height } = nodeSize(node);
    const a = reactFlow.flowToScreenPosition(node.position);
    const b = reactFlow.flowToScreenPosition({ x: node.position.x + width, y: node.position.y + height });
    // A block touching the canvas's edge counts as out of view.
    const m = 12;
    const inside = a.x >= box.left + m && a.y >= box.top + m && b.x <= box.right - m && b.y <= box.bottom - m;
    // At once, not animated: an animated pan is cut short by the canvas drawing the next step.
    if (!inside) void reactFlow.setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: reactFlow.getZoom() });
  }, [at, reactFlow, canvas]);
}

/**
 * Keeps what is in the middle of the canvas there when the canvas changes
 * width (the Simulate panel, wider than the palette it replaces, opens or
 * closes): the view pans by how far the canvas's centre moved.
 */
export function useKeepCentre(
  reactFlow: Pick<ReactFlowInstance, "getViewport" | "setViewport">,
  canvas: RefObject<HTMLElement | null>,
  key: unknown,
) {
  const last = useRef<number>(undefined);
  useLayoutEffect(() => {
    const box = canvas.current?.getBoundingClientRect();
    if (!box || box.width === 0) return;
    const centre = box.left + box.width / 2;
    if (last.current !== undefined && last.current !== centre) {
      const v = reactFlow.getViewport();
      void reactFlow.setViewport({ ...v, x: v.x - (centre - last.current) });
    }
    last.current = centre;
  }, [key, reactFlow, canvas]);
}
