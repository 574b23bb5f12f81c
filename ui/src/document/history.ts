/**
 * The open document and its history: the flow, the file it belongs to, the
 * flow as last saved (so "dirty" is a comparison, not a flag to forget), and
 * undo / redo stacks of whole flows. A pure reducer, tested without React.
 */

import type { Flow } from "../model";

/** How many steps undo remembers (flows share unchanged blocks, so a step is cheap). */
export const MAX_UNDO = 250;

export type DocState = {
  flow: Flow;
  /** The file Save writes to; null for a new or imported document. */
  path: string | null;
  /** The flow as it is on disk (null: never saved). */
  saved: Flow | null;
  past: Flow[];
  future: Flow[];
  /** Bumped by every change, so autosave knows what it already kept. */
  revision: number;
  /** The `coalesce` tag of the last edit. */
  lastTag?: string;
  /** Counts documents loaded, so the canvas fits each new one in view. */
  loads: number;
};

export type DocAction =
  /** A new document (new file, opened file, recovered autosave); `saved`: it matches its file, or is a fresh new flow. */
  | { type: "load"; flow: Flow; path: string | null; saved: boolean }
  /** An edit; `coalesce` merges it into the last step (a drag, typing in a field). */
  | { type: "edit"; flow: Flow; coalesce?: string }
  | { type: "undo" }
  | { type: "redo" }
  | { type: "saved"; path: string; flow: Flow };

export function initialDoc(flow: Flow, path: string | null = null, saved = false): DocState {
  return { flow, path, saved: saved ? flow : null, past: [], future: [], revision: 0, loads: 0 };
}

export function docReducer(state: DocState, action: DocAction): DocState {
  switch (action.type) {
    case "load":
      return {
        ...initialDoc(action.flow, action.path, action.saved),
        revision: state.revision + 1,
        loads: state.loads + 1,
      };
    case "edit": {
      if (action.flow === state.flow) return state;
      const merge = action.coalesce !== undefined && action.coalesce === state.lastTag;
      const past = merge ? state.past : [...state.past, state.flow].slice(-MAX_UNDO);
      return {
        ...state,
        flow: action.flow,
        past,
        future: [],
        revision: state.revision + 1,
        lastTag: action.coalesce,
      };
    }
    case "undo": {
      const prev = state.past[state.past.length - 1];
      if (!prev) return state;
      return {
        ...state,
        lastTag: undefined,
        flow: prev,
        past: state.past.slice(0, -1),
        future: [state.flow, ...state.future],
        revision: state.revision + 1,
      };
    }
    case "redo": {
      const next = state.future[0];
      if (!next) return state;
      return {
        ...state,
        lastTag: undefined,
        flow: next,
        past: [...state.past, state.flow],
        future: state.future.slice(1),
        revision: state.revision + 1,
      };
    }
    case "saved":
      return { ...state, path: action.path, saved: action.flow };
  }
}

/** Whether the document has changes not on disk. */
export function isDirty(state: DocState): boolean {
  return state.saved !== state.flow;
}

/** The file's name without its folder, for the title. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The window title: a dot for unsaved changes, the flow's name, the file. */
export function windowTitle(state: DocState, appName: string): string {
  const dirty = isDirty(state) ? "• " : "";
  const name = state.flow.name.trim() || "—";
  const file = state.path ? ` (${fileName(state.path)})` : "";
  return `${dirty}${name}${file} — ${appName}`;
}
