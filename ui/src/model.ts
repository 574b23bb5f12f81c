/**
 * The engine's types as the UI sees them. They mirror the Rust types in
 * crates/ivr-flow (model, catalog, problem, i18n); once the generated bindings
 * land in ./bindings (ts-rs, one file per type), these become re-exports.
 */

export type JsonValue =
  | number
  | string
  | boolean
  | JsonValue[]
  | { [key in string]?: JsonValue }
  | null;

/** Free-form provider fields kept verbatim. */
export type Extra = { [key in string]?: JsonValue };

/** A piece of user-facing text in English and Chinese. */
export type Text = { en: string; zh: string };

export type Provider = "connect" | "aliyun" | "aliyun2017" | "nxlink";

export type FlowKind =
  | "main"
  | "sub"
  | "survey"
  | "customer_queue"
  | "customer_hold"
  | "customer_whisper"
  | "agent_hold"
  | "agent_whisper"
  | "outbound_whisper"
  | "agent_transfer"
  | "queue_transfer"
  | "campaign";

export type VarType = "string" | "number" | "boolean";

export type Variable = { name: string; type: VarType; initial: string; description: string };

export type Position = { x: number; y: number };

export type Size = { width: number; height: number };

export type Node = {
  id: string;
  block: string;
  label: string;
  position: Position;
  params: Record<string, unknown>;
  extra?: Extra;
};

export type PortRef = { node: string; port: string };

export type Edge = { id: string; from: PortRef; to: string; extra?: Extra };

export type Note = {
  id: string;
  text: string;
  position: Position;
  size?: Size;
  node?: string;
  extra?: Extra;
};

export type Binding = {
  provider: Provider;
  profile: string;
  instance: string;
  remote_id: string;
  version?: string;
  sha?: string;
  draft?: string;
};

export type Flow = {
  name: string;
  description: string;
  kind: FlowKind;
  variables: Array<Variable>;
  nodes: Array<Node>;
  edges: Array<Edge>;
  notes: Array<Note>;
  bindings: Array<Binding>;
  extra?: Extra;
};

export type Category = "flow" | "interact" | "logic" | "transfer" | "integrate" | "provider";

export type ChoiceOption = { value: string; name: Text };

export type ReferenceKind =
  | "queue"
  | "skill_group"
  | "agent"
  | "prompt"
  | "flow"
  | "function"
  | "hours"
  | "url";

export type ParamKind =
  | { kind: "text"; max_len: number }
  | { kind: "tts"; max_len: number }
  | { kind: "number"; min: number; max: number; integer: boolean }
  | { kind: "bool" }
  | { kind: "choice"; options: Array<ChoiceOption> }
  | { kind: "keys"; max_items: number }
  | { kind: "variable" }
  | { kind: "assignments"; max_items: number }
  | { kind: "cases"; max_items: number }
  | { kind: "exits"; max_items: number }
  | { kind: "reference"; target: ReferenceKind }
  | { kind: "phone" }
  | { kind: "object" };

export type ParamSpec = {
  key: string;
  name: Text;
  help: Text;
  type: ParamKind;
  required: boolean;
  default: unknown;
};

export type PortSpec = { id: string; name: Text; required: boolean };

export type DerivedPorts = { param: string; prefix: string; required: boolean };

export type BlockSpec = {
  id: string;
  category: Category;
  name: Text;
  description: Text;
  params: Array<ParamSpec>;
  ports: Array<PortSpec>;
  derived_ports?: DerivedPorts;
  terminal: boolean;
  waits: boolean;
  providers: Array<Provider>;
};

export type Catalog = { blocks: Array<BlockSpec> };

export type Severity = "error" | "warning" | "info";

/** The stable code of a validation rule, such as `exit.unwired`. */
export type Code = string;

export type Problem = {
  code: Code;
  severity: Severity;
  message: Text;
  node?: string;
  port?: string;
  field?: string;
  edge?: string;
};
