/**
 * The editor's keyboard-and-clipboard commands, on top of `useEditor`: copy,
 * cut, paste and duplicate of the selected blocks (through the system
 * clipboard, as a fragment: ./fragment.ts), nudging the selection with the
 * arrows, select all / none, Tab through the blocks, the find bar's state
 * and the shortcuts overlay. Every change is one undo step. `actions` maps
 * the shortcut table (./shortcuts.ts) to these commands for `useShortcuts`.
 */

import { useCallback, useMemo, useRef, useState } from "react";
import { useReactFlow } from "@xyflow/react";
import type { Backend } from "../backend";
import { GRID } from "../canvas/Canvas";
import { centreBlock } from "../canvas/centre";
import { moveBlocks } from "../document/doc";
import { PASTE_STEP, fragmentOf, pasteFragment, pasteOffset, readFragment, writeFragment } from "./fragment";
import { canvasOrder, searchBlocks, stepThrough } from "./search";
import { type ShortcutId, nudgeStep } from "./shortcuts";
import type { Editor } from "../document/useEditor";
import { errorNotice } from "../document/useNotices";

type XY = { x: number; y: number };

/** What a shortcut runs: `combo` is the key combination pressed, `repeat` a held key. */
export type Action = (combo: string, repeat: boolean) => void;

/** Says in the notice bar that the clipboard failed. */
const fail = (editor: Editor, e: unknown) => editor.setNotice(errorNotice("clipboardFailed", e));

/**
 * Auto-layout comes from another part of the editor (./layout/useLayout):
 * when `layout` is given, Ctrl+Shift+L runs its `autoLayout()` and the
 * overlay lists it.
 */
type MaybeLayout = { autoLayout: () => void } | undefined;

export function useEditing(editor: Editor, backend: Backend, layout?: MaybeLayout) {
  const reactFlow = useReactFlow();
  const ref = useRef(editor);
  ref.current = editor;
  const [helpOpen, setHelpOpen] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);
  /** Bumped to focus (and select the text of) the find field again. */
  const [searchFocus, setSearchFocus] = useState(0);
  const [query, setQuery] = useState("");
  const [current, setCurrent] = useState<string>();
  /** The pointer over the canvas, in flow coordinates (null when elsewhere). */
  const pointer = useRef<XY | null>(null);
  /** The last copy or paste: its text, where it went, and the pointer then. */
  const last = useRef<{ text: string; offset: XY; pointer: XY | null } | null>(null);
  const nudges = useRef(0);

  const select = useCallback(
    (id: string) => {
      ref.current.setSelected([id]);
      centreBlock(reactFlow, id);
    },
    [reactFlow],
  );

  /** Puts the selected blocks on the clipboard; true when there were some and they are there. */
  const copy = useCallback(async () => {
    const ed = ref.current;
    const fragment = fragmentOf(ed.currentFlow(), ed.selected);
    if (!fragment) return false;
    const text = writeFragment(fragment);
    try {
      await backend.clipboard.writeText(text);
    } catch (e) {
      fail(ref.current, e);
      return false;
    }
    last.current = { text, offset: { x: 0, y: 0 }, pointer: pointer.current };
    return true;
  }, [backend]);

  const cut = useCallback(async () => {
    const ids = ref.current.selected;
    if (await copy()) ref.current.remove(ids, []);
  }, [copy]);

  /** Pastes `fragment` text moved by `offset`: one step, the pasted blocks selected. */
  const place = useCallback((fragment: Parameters<typeof pasteFragment>[1], offset: XY) => {
    const ed = ref.current;
    const { flow, ids } = pasteFragment(ed.currentFlow(), fragment, offset);
    ed.edit(() => flow);
    ed.setSelected(ids);
  }, []);

  const paste = useCallback(async () => {
    let text: string;
    try {
      text = await backend.clipboard.readText();
    } catch (e) {
      fail(ref.current, e);
      return;
    }
    const read = readFragment(text);
    if ("refused" in read) {
      ref.current.setNotice({ kind: "error", key: read.refused, detail: read.detail });
      return;
    }
    const p = pointer.current;
    const prev = last.current?.text === text ? last.current : null;
    const moved = p !== null && (prev?.pointer?.x !== p.x || prev?.pointer?.y !== p.y);
    // At the pointer when it moved since the last copy or paste; else one step on from the last.
    const offset = moved
      ? pasteOffset(read.fragment, p, 0, GRID)
      : prev
        ? { x: prev.offset.x + PASTE_STEP, y: prev.offset.y + PASTE_STEP }
        : pasteOffset(read.fragment, null, 1);
    last.current = { text, offset, pointer: p };
    place(read.fragment, offset);
  }, [backend, place]);

  const duplicate = useCallback(() => {
    const ed = ref.current;
    const fragment = fragmentOf(ed.currentFlow(), ed.selected);
    if (fragment) place(fragment, { x: PASTE_STEP, y: PASTE_STEP });
  }, [place]);

  const nudge: Action = useCallback((combo, repeat) => {
    const ed = ref.current;
    const step = nudgeStep(combo, GRID);
    const chosen = new Set(ed.selected);
    const moved = new Map<string, XY>();
    for (const n of ed.currentFlow().nodes) {
      if (chosen.has(n.id)) moved.set(n.id, { x: n.position.x + step.x, y: n.position.y + step.y });
    }
    if (moved.size === 0) return;
    // A held key's repeats are one step with the press that started them.
    if (!repeat) nudges.current++;
    ed.edit((f) => moveBlocks(f, moved), `nudge:${nudges.current}`);
  }, []);

  const tab = useCallback(
    (step: 1 | -1) => {
      const ed = ref.current;
      const order = canvasOrder(ed.currentFlow().nodes).map((n) => n.id);
      const id = stepThrough(order, ed.selected[0], step);
      if (id) select(id);
    },
    [select],
  );

  // ----- Find -----
  const flow = editor.flow;
  const results = useMemo(
    () => (flow && searchOpen ? searchBlocks(flow, editor.catalog, query) : []),
    [flow, editor.catalog, query, searchOpen],
  );
  const jump = useCallback(
    (step: 1 | -1) => {
      const id = stepThrough(results, current, step);
      if (!id) return;
      setCurrent(id);
      select(id);
    },
    [current, results, select],
  );
  const search = {
    open: searchOpen,
    focus: searchFocus,
    query,
    setQuery: (q: string) => {
      setQuery(q);
      setCurrent(undefined);
    },
    count: results.length,
    /** 1-based position of the current match; 0 before the first jump. */
    index: current ? results.indexOf(current) + 1 : 0,
    next: () => jump(1),
    prev: () => jump(-1),
    close: () => setSearchOpen(false),
  };

  // ----- Pointer, for paste at the pointer -----
  const canvasPointer = {
    onMouseMove: (e: { clientX: number; clientY: number }) => {
      pointer.current = reactFlow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    },
    onMouseLeave: () => {
      pointer.current = null;
    },
  };

  const autoLayout = layout?.autoLayout;

  const actions: Partial<Record<ShortcutId, Action>> = {
    new: () => ref.current.files.newFlow(),
    open: () => ref.current.files.open(),
    save: () => void ref.current.files.save(),
    saveAs: () => void ref.current.files.saveAs(),
    undo: () => ref.current.undo(),
    redo: () => ref.current.redo(),
    copy: () => void copy(),
    cut: () => void cut(),
    paste: () => void paste(),
    duplicate,
    // The selected blocks and lines, through React Flow's onDelete: one undo step.
    delete: () => {
      const nodes = reactFlow.getNodes().filter((n) => n.selected);
      const edges = reactFlow.getEdges().filter((e) => e.selected);
      if (nodes.length > 0 || edges.length > 0) void reactFlow.deleteElements({ nodes, edges });
    },
    nudge,
    nudgeFar: nudge,
    // Auto-layout (`layout.autoLayout()`): bound only when it is given.
    ...(autoLayout ? { autoLayout: () => autoLayout() } : {}),
    selectAll: () => ref.current.setSelected(ref.current.currentFlow().nodes.map((n) => n.id)),
    clearSelection: () => {
      if (helpOpen) setHelpOpen(false);
      else ref.current.setSelected([]);
    },
    nextBlock: () => tab(1),
    prevBlock: () => tab(-1),
    find: () => {
      setSearchOpen(true);
      setSearchFocus((n) => n + 1);
    },
    help: () => setHelpOpen((o) => !o),
  };

  return {
    actions,
    copy,
    cut,
    paste,
    duplicate,
    search,
    help: { open: helpOpen, setOpen: setHelpOpen, autoLayout: autoLayout !== undefined },
    canvasPointer,
  };
}

export type Editing = ReturnType<typeof useEditing>;
