/** Centring a block in the canvas view at the current zoom (problems, search results, Tab). */

import type { ReactFlowInstance } from "@xyflow/react";
import { nodeSize } from "./nodeSize";

/** Pans the view so block `id` is in the middle, keeping the zoom; false when it is not on the canvas. */
export function centreBlock(reactFlow: Pick<ReactFlowInstance, "getNode" | "setCenter" | "getZoom">, id: string): boolean {
  const node = reactFlow.getNode(id);
  if (!node) return false;
  const { width, height } = nodeSize(node);
  void reactFlow.setCenter(node.position.x + width / 2, node.position.y + height / 2, {
    zoom: reactFlow.getZoom(),
    duration: 300,
  });
  return true;
}
