/** A canvas node's size: as React Flow measured it, else as given, else as computed up front (a block's placement), else a typical block's. */

import type { Node } from "@xyflow/react";

const TYPICAL = { width: 240, height: 100 };

export function nodeSize(n: Node): { width: number; height: number } {
  return {
    width: n.measured?.width ?? n.width ?? n.initialWidth ?? TYPICAL.width,
    height: n.measured?.height ?? n.height ?? n.initialHeight ?? TYPICAL.height,
  };
}
