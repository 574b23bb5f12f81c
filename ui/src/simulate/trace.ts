/**
 * What the Simulate panel shows of a call, read from the engine's one event
 * trace (`ivr_flow::sim::Event`): the call as it stands after each answer
 * (events appended), the transcript lines, and the canvas review (the block
 * the call is at, the blocks and lines it went through, the exits a suite
 * never took). Nothing here decides where a call goes: the engine did.
 */

import type { Coverage, SimEvent, SimState, SimStep } from "../backend";
import type { Flow, Text } from "../model";
import type { Review, ReviewMark } from "../flow";

/** A call as the panel holds it. */
export type Call = {
  id: number;
  events: SimEvent[];
  state: SimState;
  variables: Record<string, string>;
  outcome: Text | null;
  /** The designer hung up: the backend has forgotten the call. */
  hungUp: boolean;
};

/** The call after a start (`prev` none) or an input's answer: its new events appended. */
export function advance(prev: Call | undefined, step: SimStep): Call {
  const kept = prev && prev.id === step.call ? prev.events.slice(0, step.first) : [];
  return {
    id: step.call,
    events: kept.concat(step.events),
    state: step.state,
    variables: step.variables,
    outcome: step.outcome,
    hungUp: false,
  };
}

/** Whether the call waits for the caller's keys (a menu or digits). */
export function waitsForKeys(call: Call | undefined): boolean {
  return !!call && !call.hungUp && call.state.kind === "waiting" && call.state.awaiting.kind !== "choice";
}

/**
 * The part of the trace in the flow the call started in: events inside a
 * sub-flow (between `entered_flow` and its `returned_from_flow`) name blocks
 * of another flow.
 */
function topLevel(events: readonly SimEvent[]): SimEvent[] {
  const out: SimEvent[] = [];
  let depth = 0;
  for (const e of events) {
    if (e.kind === "entered_flow") {
      if (depth === 0) out.push(e);
      depth += 1;
    } else if (e.kind === "returned_from_flow") {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0) {
      out.push(e);
    }
  }
  return out;
}

/** The block the call is at (where it waits, or where it ended). */
export function currentBlock(call: Call): string | undefined {
  if (call.state.kind === "waiting") return call.state.block;
  const top = topLevel(call.events);
  for (let i = top.length - 1; i >= 0; i--) {
    const e = top[i];
    if (e.kind === "entered") return e.block;
  }
  return undefined;
}

/** The canvas review of a call: the current block, the blocks and lines it went through; and coverage's exits. */
export function reviewOf(flow: Flow, call: Call | undefined, never?: Coverage["never"]): Review | undefined {
  if (!call && !never) return undefined;
  const marks = new Map<string, ReviewMark>();
  const lines = new Set<string>();
  if (call) {
    const edgeOf = new Map(flow.edges.map((e) => [`${e.from.node}\u0000${e.from.port}`, e.id]));
    for (const e of topLevel(call.events)) {
      if (e.kind === "entered") marks.set(e.block, "path");
      else if (e.kind === "exit_taken" && e.to !== undefined) {
        const id = edgeOf.get(`${e.block}\u0000${e.exit}`);
        if (id) lines.add(id);
      }
    }
    const at = currentBlock(call);
    if (at) marks.set(at, "current");
  }
  let exits: Map<string, Set<string>> | undefined;
  if (never) {
    exits = new Map();
    for (const x of never) {
      const set = exits.get(x.block) ?? new Set<string>();
      set.add(x.exit);
      exits.set(x.block, set);
    }
  }
  return { marks, ghosts: [], lines, exits };
}

/** A line of the transcript. */
export type Line =
  | { kind: "heard"; block: string; text: string }
  | { kind: "pressed"; block: string; keys: string }
  | { kind: "timed_out"; block: string; afterMs: number }
  | { kind: "chose"; block: string; exit: string }
  | { kind: "note"; block: string; text: Text }
  | { kind: "set"; block: string; name: string; value: string }
  | { kind: "flow"; block: string; flow: string }
  | { kind: "ended"; text: Text | null };

/**
 * The transcript of `events` (from `from` on): what was heard, pressed,
 * noted, set, and how the call ended (`outcome`, the engine's words).
 * A choice of exit is the `exit_taken` right after a `waiting` for one.
 */
export function transcript(events: readonly SimEvent[], outcome: Text | null): Line[] {
  const out: Line[] = [];
  let choosing: string | undefined;
  for (const e of events) {
    switch (e.kind) {
      case "heard":
        out.push({ kind: "heard", block: e.block, text: e.text });
        break;
      case "pressed":
        out.push({ kind: "pressed", block: e.block, keys: e.keys });
        break;
      case "timed_out":
        out.push({ kind: "timed_out", block: e.block, afterMs: e.after_ms });
        break;
      case "note":
        out.push({ kind: "note", block: e.block, text: e.text });
        break;
      case "variable_set":
        out.push({ kind: "set", block: e.block, name: e.name, value: e.value });
        break;
      case "entered_flow":
        out.push({ kind: "flow", block: e.block, flow: e.flow });
        break;
      case "waiting":
        choosing = e.awaiting.kind === "choice" ? e.block : undefined;
        continue;
      case "exit_taken":
        if (choosing === e.block) out.push({ kind: "chose", block: e.block, exit: e.exit });
        break;
      case "ended":
        out.push({ kind: "ended", text: outcome });
        break;
      default:
        break;
    }
    choosing = undefined;
  }
  return out;
}
