/** Centring a block in the canvas view at the current zoom (problems, search results, Tab). */

import type { ReactFlowInstance } from "@xyflow/react";

/** Pans the view so block `id` is in the middle, keeping the zoom; false when it is not on the canvas. */
export function centreBlock(reactFlow: Pick<ReactFlowInstance, "getNode" | "setCenter" | "getZoom">, id: string): boolean {
  const node = reactFlow.getNode(id);
  if (!node) return false;
  const w = node.measured?.width ?? node.initialWidth ?? 240;
  const h = node.measured?.height ?? node.initialHeight ?? 100;
  void reactFlow.setCenter(node.position.x + w / 2, node.position.y + h / 2, {
    zoom: reactFlow.getZoom(),
    duration: 300,
  });
  return true;
}
