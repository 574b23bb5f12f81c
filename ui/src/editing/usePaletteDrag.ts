/**
 * Dragging a block from the palette onto the canvas with the mouse: a ghost
 * follows the pointer, and releasing it over the canvas drops the block there.
 * Plain mouse events (not HTML drag-and-drop), so WebDriver's pointer actions
 * drive it as a designer's mouse does.
 */

import { useCallback, useEffect, useRef, useState } from "react";

export type PaletteDrag = { block: string; x: number; y: number };

/** Pixels the mouse must move before a press becomes a drag (a click or double-click stays one). */
const THRESHOLD = 4;

export function usePaletteDrag(onDrop: (block: string, clientX: number, clientY: number) => void) {
  const [drag, setDrag] = useState<PaletteDrag>();
  const pending = useRef<{ block: string; x: number; y: number; moved: boolean } | undefined>(
    undefined,
  );
  const drop = useRef(onDrop);
  drop.current = onDrop;

  useEffect(() => {
    const move = (e: MouseEvent) => {
      const p = pending.current;
      if (!p) return;
      if (!p.moved && Math.hypot(e.clientX - p.x, e.clientY - p.y) < THRESHOLD) return;
      p.moved = true;
      setDrag({ block: p.block, x: e.clientX, y: e.clientY });
    };
    const up = (e: MouseEvent) => {
      const p = pending.current;
      pending.current = undefined;
      setDrag(undefined);
      if (!p?.moved) return;
      const over = document.elementFromPoint(e.clientX, e.clientY);
      if (over?.closest(".react-flow")) drop.current(p.block, e.clientX, e.clientY);
    };
    window.addEventListener("mousemove", move);
    window.addEventListener("mouseup", up);
    return () => {
      window.removeEventListener("mousemove", move);
      window.removeEventListener("mouseup", up);
    };
  }, []);

  /** For the palette item's `onMouseDown`. */
  const start = useCallback((block: string, e: { clientX: number; clientY: number; button: number }) => {
    if (e.button !== 0) return;
    pending.current = { block, x: e.clientX, y: e.clientY, moved: false };
  }, []);

  return { drag, start };
}
