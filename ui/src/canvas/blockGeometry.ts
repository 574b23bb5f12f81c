/**
 * A block's size and the places of its handles on the canvas, computed from
 * its catalog entry without drawing it. `BlockNode` and the block rules in
 * canvas.css fix every height in pixels (fonts do not change them), so this
 * is exact: React Flow gets it up front (`initialWidth`, `initialHeight`,
 * `handles`) and can leave blocks off screen undrawn yet still draw the lines
 * to them, and auto-layout uses it for every block. The real-app test
 * `geometry.test.mjs` checks it against the drawn blocks.
 */

import type { NodeHandle, Position } from "@xyflow/react";
import { hasEntry, portsOf } from "../flow";
import type { BlockSpec, Node } from "../model";

/** canvas.css `.block-node`: width (border included), borders. */
export const BLOCK_WIDTH = 240;
const BORDER = 1;
const BORDER_TOP = 3;
/** `.block-header`: padding 9 + 4 around the taller of the icon (26) and the titles. */
const HEADER_PAD = 9 + 4;
const ICON = 26;
/** `.block-title` and `.block-kind` (the block's kind under its label, when it has one). */
const TITLE = 18;
const KIND = 14;
/** `.block-summary`. */
const SUMMARY = 27;
/** `.block-ports`: rule and padding; `.block-port`: one exit row. */
const PORTS_BASE = 1 + 4 + 4;
export const PORT_ROW = 20;
/** `.exit-handle`, `.entry-handle`: square, centred on the block's edge. */
const HANDLE = 10;
// React Flow's `Position` values, without loading React Flow (auto-layout uses this module too).
const LEFT = "left" as Position.Left;
const RIGHT = "right" as Position.Right;

export type BlockGeometry = {
  width: number;
  height: number;
  /** Where React Flow would measure the handles: relative to the block's top left corner, in flow units. */
  handles: NodeHandle[];
};

/** Whether the block shows its kind under its label (a labelled, known block). */
export const showsKind = (spec: BlockSpec | undefined, node: Node) => spec !== undefined && node.label.trim() !== "";

export function blockGeometry(spec: BlockSpec | undefined, node: Node): BlockGeometry {
  const header = HEADER_PAD + Math.max(ICON, TITLE + (showsKind(spec, node) ? KIND : 0));
  const ports = spec ? portsOf(spec, node) : [];
  const portsTop = BORDER_TOP + header + SUMMARY;
  const height = portsTop + (ports.length > 0 ? PORTS_BASE + ports.length * PORT_ROW : 0) + BORDER;
  const handles: NodeHandle[] = [];
  if (hasEntry(spec)) {
    handles.push({
      type: "target",
      position: LEFT,
      x: BORDER - HANDLE / 2,
      y: BORDER_TOP + (height - BORDER_TOP - BORDER) / 2 - HANDLE / 2,
      width: HANDLE,
      height: HANDLE,
    });
  }
  ports.forEach((port, i) => {
    handles.push({
      id: port.id,
      type: "source",
      position: RIGHT,
      x: BLOCK_WIDTH - BORDER - HANDLE / 2,
      y: portsTop + 1 + 4 + i * PORT_ROW + PORT_ROW / 2 - HANDLE / 2,
      width: HANDLE,
      height: HANDLE,
    });
  });
  return { width: BLOCK_WIDTH, height, handles };
}
