/**
 * Pure functions from the engine's data to what the canvas draws: the exits
 * of a block (derived the same way as `BlockSpec::ports_of` in ivr-flow), the
 * one-line summary of a block's key setting, and React Flow's nodes and edges.
 * Nothing here decides whether a flow is valid: that is the engine's job.
 */

import type { BlockSpec, Catalog, Category, Edge, ExitLabel, Flow, Node, ParamSpec, ProviderAction, Text } from "./model";
import { type Lang, t, tx } from "./i18n";
import type { BlockMarks } from "./problems/problemIndex";
import { isSsml, spokenText } from "./ssml";

/** One exit of one block instance. */
export type Port = {
  /** The exit's id, as edges name it: `next`, `key:1`, `case:a`. */
  id: string;
  /** What the handle shows. */
  name: Text;
  required: boolean;
};

/**
 * The providers' own action types and branch names, as their designers show
 * them (from the catalog: `registerProviderNames` when it loads). A provider
 * block is titled, summarised and its exits named from these.
 */
let actions = new Map<string, ProviderAction>();
let exitLabels: ExitLabel[] = [];

export function registerProviderNames(catalog: Catalog) {
  actions = new Map(catalog.provider_actions.map((a) => [`${a.provider}/${a.action_type}`, a]));
  exitLabels = [...catalog.exit_labels].sort((a, b) => b.prefix.length - a.prefix.length);
}

/** The provider's own entry for a provider block, if the catalog has one. */
export function providerAction(node: Node): ProviderAction | undefined {
  if (node.block !== "provider") return undefined;
  return actions.get(`${String(node.params.provider)}/${String(node.params.type)}`);
}

/**
 * The category a block is drawn in (colour and icon): a provider block takes
 * its action's category as the provider's designer files it (Connect's Set
 * working queue is a transfer, Get customer input an interaction), else the
 * catalog's.
 */
export function categoryOf(spec: BlockSpec, node: Node): Category {
  return providerAction(node)?.category ?? spec.category;
}

/** The name a provider's designer gives a provider block's exit (`Timeout`, `= 1`). */
export function providerExitName(provider: unknown, exit: string): Text {
  const label = exitLabels.find(
    (l) => l.provider === provider && (l.operand ? exit.startsWith(l.prefix) : exit === l.prefix),
  );
  if (!label) return { en: exit, zh: exit };
  if (!label.operand) return label.name;
  const rest = exit.slice(label.prefix.length);
  return { en: `${label.name.en}${rest}`, zh: `${label.name.zh}${rest}` };
}

/** Each catalog's entries by id, built on first use: a lookup per block, not a search. */
const specsById = new WeakMap<Catalog, Map<string, BlockSpec>>();

/** The catalog entry with this id. */
export function blockSpec(catalog: Catalog, id: string): BlockSpec | undefined {
  let byId = specsById.get(catalog);
  if (!byId) {
    byId = new Map(catalog.blocks.map((b) => [b.id, b]));
    specsById.set(catalog, byId);
  }
  return byId.get(id);
}

/** The items of a list parameter that become exits: strings as they are, objects by their `id`. */
export function derivedItems(node: Node, param: string): { id: string; label: string }[] {
  const value = node.params[param];
  if (!Array.isArray(value)) return [];
  const out: { id: string; label: string }[] = [];
  for (const item of value as unknown[]) {
    if (typeof item === "string") {
      out.push({ id: item, label: item });
    } else if (item && typeof item === "object" && typeof (item as { id?: unknown }).id === "string") {
      const obj = item as { id: string; value?: unknown };
      const label = typeof obj.value === "string" && obj.value !== "" ? obj.value : obj.id;
      out.push({ id: obj.id, label });
    }
  }
  return out;
}

/** The exits of `node` (an instance of `spec`), in display order: derived exits first, then the fixed ones. */
export function portsOf(spec: BlockSpec, node: Node): Port[] {
  const ports: Port[] = [];
  const derived = spec.derived_ports;
  if (derived) {
    const provider = spec.id === "provider" ? node.params.provider : undefined;
    for (const item of derivedItems(node, derived.param)) {
      ports.push({
        id: `${derived.prefix}${item.id}`,
        name: provider !== undefined ? providerExitName(provider, item.id) : { en: item.label, zh: item.label },
        required: derived.required,
      });
    }
  }
  for (const p of spec.ports) ports.push({ id: p.id, name: p.name, required: p.required });
  return ports;
}

/** Whether a node of this block gets an entry handle (the catalog says: every block but the start). */
export function hasEntry(spec: BlockSpec | undefined): boolean {
  return spec?.entry ?? true;
}

const SUMMARY_MAX = 60;

function clip(s: string, max = SUMMARY_MAX): string {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The parameter that best says what a block does: the first required one that is not a switch. */
export function keyParam(spec: BlockSpec): ParamSpec | undefined {
  return (
    spec.params.find((p) => p.required && p.type.kind !== "bool") ??
    spec.params.find((p) => p.type.kind !== "bool") ??
    spec.params[0]
  );
}

/** A parameter's value as one short line of text, or undefined when it is empty. */
export function formatValue(param: ParamSpec, value: unknown, lang: Lang): string | undefined {
  if (value === undefined || value === null) return undefined;
  const kind = param.type;
  switch (kind.kind) {
    case "text":
    case "tts":
    case "phone":
    case "variable":
    case "reference":
      return typeof value === "string" && value.trim() !== "" ? value : undefined;
    case "number":
      return typeof value === "number" ? String(value) : undefined;
    case "bool":
      return typeof value === "boolean" ? t(lang, value ? "yes" : "no") : undefined;
    case "choice": {
      const option = kind.options.find((o) => o.value === value);
      return option ? tx(option.name, lang) : typeof value === "string" ? value : undefined;
    }
    case "keys":
    case "exits":
      return Array.isArray(value) && value.length > 0 ? value.map(String).join(", ") : undefined;
    case "cases":
      return Array.isArray(value) && value.length > 0
        ? `${value.length} ${t(lang, "items")}`
        : undefined;
    case "assignments": {
      if (!Array.isArray(value) || value.length === 0) return undefined;
      const parts = (value as { variable?: unknown; value?: unknown }[])
        .filter((a) => typeof a?.variable === "string" && a.variable !== "")
        .map((a) => `${String(a.variable)} = ${String(a.value ?? "")}`);
      return parts.length > 0 ? parts.join(", ") : undefined;
    }
    case "object":
      return value && typeof value === "object" && Object.keys(value).length > 0 ? "{…}" : undefined;
  }
}

/** The value at a dotted path (`LexV2Bot.AliasArn`) of a provider block's parameters. */
function at(params: unknown, path: string): unknown {
  let v = params;
  for (const part of path.split(".")) {
    if (!v || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** The first of a provider action's summarised parameters that is set, with its path. */
function providerSummarised(action: ProviderAction, node: Node): { path: string; value: unknown } | undefined {
  for (const path of action.summary) {
    const v = at(node.params.parameters, path);
    if ((typeof v === "string" && v.trim() !== "") || typeof v === "number") return { path, value: v };
    if (v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0) return { path, value: v };
  }
  return undefined;
}

/** A provider block's summary: the first of its action's summarised parameters that is set (SSML as its text). */
function providerSummary(action: ProviderAction, node: Node): string | undefined {
  const found = providerSummarised(action, node);
  if (!found) return undefined;
  const { path, value: v } = found;
  if (typeof v === "string") return clip(`${path.split(".").pop()}: ${spokenText(v)}`);
  if (typeof v === "number") return clip(`${path.split(".").pop()}: ${v}`);
  return clip(Object.keys(v as object).join(", "));
}

/**
 * One line that says what this block does: its key setting, or the block's
 * description when it has none. A prompt written in SSML shows as its text
 * (`summaryIsSsml` says when, for the card's marker).
 */
export function summaryOf(spec: BlockSpec, node: Node, lang: Lang): string {
  const action = providerAction(node);
  if (action) return providerSummary(action, node) ?? clip(String(node.params.type));
  const param = keyParam(spec);
  if (!param) return clip(tx(spec.description, lang));
  const raw = formatValue(param, node.params[param.key], lang);
  const value = raw === undefined ? undefined : spokenText(raw);
  if (value === undefined || value === "") return clip(`${tx(param.name, lang)}: ${t(lang, "notSet")}`);
  if (param.type.kind === "tts") return `“${clip(value, SUMMARY_MAX - 2)}”`;
  return clip(`${tx(param.name, lang)}: ${value}`);
}

/** Whether the setting a block's summary shows is SSML (shown as its text, with a marker). */
export function summaryIsSsml(spec: BlockSpec, node: Node): boolean {
  const action = providerAction(node);
  if (action) return isSsml(providerSummarised(action, node)?.value);
  const param = keyParam(spec);
  const value = param === undefined ? undefined : node.params[param.key];
  return isSsml(value) && spokenText(value) !== "";
}

/** The name of a block's kind: its provider designer's name for a provider block, else the catalog name. */
export function kindOf(spec: BlockSpec | undefined, node: Node, lang: Lang): string {
  const action = providerAction(node);
  if (action) return tx(action.name, lang);
  return spec ? tx(spec.name, lang) : node.block;
}

/** The title a block shows: the designer's label, else the name of its kind. */
export function titleOf(spec: BlockSpec | undefined, node: Node, lang: Lang): string {
  return node.label.trim() !== "" ? node.label : kindOf(spec, node, lang);
}

/** What a block node on the canvas carries. */
export type BlockData = {
  node: Node;
  spec: BlockSpec | undefined;
  lang: Lang;
  /** Its problems as its card shows them (none: no problem); the same object while they do not change. */
  marks?: BlockMarks;
  /** While a publish's changes are reviewed: added, changed, or (a ghost of the cloud's block) removed; while a call is simulated: where it is, or a block it passed. */
  review?: ReviewMark | "removed";
  /** Its exits marked (a simulated call's suite never took them); the same object while unchanged. */
  reviewExits?: ReadonlySet<string>;
};

/** How a block is marked on the canvas: a publish's change, or a simulated call's current block and path. */
export type ReviewMark = "added" | "changed" | "current" | "path";

/**
 * How blocks show while something is reviewed on the canvas: a publish's
 * changes (cloud/PublishChanges), the document's blocks added or changed, and
 * the cloud's blocks the publish removes, drawn as ghosts where they stand in
 * the cloud; or a simulated call (simulate/), the block it is at, the blocks
 * and lines it went through, and the exits its test suite never took.
 */
export type Review = {
  marks: ReadonlyMap<string, ReviewMark>;
  ghosts: readonly Node[];
  /** Lines drawn marked, by edge id. */
  lines?: ReadonlySet<string>;
  /** Exits marked, by block id. */
  exits?: ReadonlyMap<string, ReadonlySet<string>>;
};

/** The id a removed block's ghost has on the canvas (never a document block's). */
export const GHOST = "ghost:";

export type CanvasNode = {
  id: string;
  type: "block";
  position: { x: number; y: number };
  data: BlockData;
  /** A ghost is only looked at: not selected, moved, wired or deleted. */
  selectable?: boolean;
  draggable?: boolean;
  connectable?: boolean;
  deletable?: boolean;
};

export type CanvasEdge = {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
  /** Marked by the review (a simulated call went along it). */
  marked?: boolean;
};

/** React Flow's nodes and edges for `flow`, with each block's problem marks. */
export function toCanvas(
  flow: Flow,
  catalog: Catalog,
  lang: Lang,
  marks: ReadonlyMap<string, BlockMarks> = new Map(),
  review?: Review,
): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const nodes: CanvasNode[] = flow.nodes.map((node) => ({
    id: node.id,
    type: "block" as const,
    position: { x: node.position.x, y: node.position.y },
    data: {
      node,
      spec: blockSpec(catalog, node.block),
      lang,
      marks: marks.get(node.id),
      review: review?.marks.get(node.id),
      reviewExits: review?.exits?.get(node.id),
    },
  }));
  for (const node of review?.ghosts ?? []) {
    nodes.push({
      id: `${GHOST}${node.id}`,
      type: "block" as const,
      position: { x: node.position.x, y: node.position.y },
      data: { node, spec: blockSpec(catalog, node.block), lang, marks: undefined, review: "removed" as const },
      selectable: false,
      draggable: false,
      connectable: false,
      deletable: false,
    });
  }
  const edges = flow.edges.map((e: Edge) => ({
    id: e.id,
    source: e.from.node,
    sourceHandle: e.from.port,
    target: e.to,
    ...(review?.lines?.has(e.id) ? { marked: true } : {}),
  }));
  return { nodes, edges };
}
