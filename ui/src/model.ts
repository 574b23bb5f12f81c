/**
 * The engine's types as the UI sees them: re-exports of the TypeScript types
 * generated from the Rust types in crates/ivr-flow (ts-rs, `./bindings`,
 * regenerated and checked for freshness by `cargo test -p ivr-studio bindings`).
 */

export type { Binding } from "./bindings/Binding";
export type { BlockSpec } from "./bindings/BlockSpec";
export type { Catalog } from "./bindings/Catalog";
export type { Category } from "./bindings/Category";
export type { ChoiceOption } from "./bindings/ChoiceOption";
export type { Code } from "./bindings/Code";
export type { DerivedPorts } from "./bindings/DerivedPorts";
export type { Edge } from "./bindings/Edge";
export type { ExitLabel } from "./bindings/ExitLabel";
export type { Flow } from "./bindings/Flow";
export type { FlowKind } from "./bindings/FlowKind";
export type { Node } from "./bindings/Node";
export type { Note } from "./bindings/Note";
export type { ParamKind } from "./bindings/ParamKind";
export type { ParamSpec } from "./bindings/ParamSpec";
export type { PortRef } from "./bindings/PortRef";
export type { PortSpec } from "./bindings/PortSpec";
export type { Position } from "./bindings/Position";
export type { Problem } from "./bindings/Problem";
export type { Provider } from "./bindings/Provider";
export type { ProviderAction } from "./bindings/ProviderAction";
export type { ReferenceKind } from "./bindings/ReferenceKind";
export type { Severity } from "./bindings/Severity";
export type { Size } from "./bindings/Size";
export type { Text } from "./bindings/Text";
export type { VarType } from "./bindings/VarType";
export type { Variable } from "./bindings/Variable";
