/**
 * The data that crosses the IPC between the UI and the Rust commands, in
 * one place: files and windows (src-tauri/src/files.rs), the cloud
 * (src-tauri/src/cloud.rs, crates/ivr-cloud) and the one error every
 * command rejects with (src-tauri/src/error.rs). All of it is generated
 * from the Rust types (ts-rs, `../bindings`, checked for freshness by
 * `cargo test -p ivr-studio bindings`); nothing here is written by hand.
 */

export type { AutosavedFlow } from "../bindings/AutosavedFlow";
export type { CloudChanges } from "../bindings/CloudChanges";
export type { CloudError } from "../bindings/CloudError";
export type { CommandError } from "../bindings/CommandError";
export type { DiffLine } from "../bindings/DiffLine";
export type { FlowProblem } from "../bindings/FlowProblem";
export type { HistoryEntry } from "../bindings/HistoryEntry";
export type { ImportedFlow } from "../bindings/ImportedFlow";
export type { OpenedFlow } from "../bindings/OpenedFlow";
export type { PlanView } from "../bindings/PlanView";
export type { Profile } from "../bindings/Profile";
export type { ProfileView } from "../bindings/ProfileView";
export type { PublishOutcome } from "../bindings/PublishOutcome";
export type { PublishRefusal } from "../bindings/PublishRefusal";
export type { PublishStatus } from "../bindings/PublishStatus";
export type { RemoteFlow } from "../bindings/RemoteFlow";
export type { RemotePage } from "../bindings/RemotePage";
export type { SecretStatus } from "../bindings/SecretStatus";
export type { StartupDocument } from "../bindings/StartupDocument";
export type { AgentView } from "../bindings/AgentView";
export type { ContactRow } from "../bindings/ContactRow";
export type { CreateOutcome } from "../bindings/CreateOutcome";
export type { ImportedCalls } from "../bindings/ImportedCalls";
export type { OpenedTask } from "../bindings/OpenedTask";
export type { RefusedView } from "../bindings/RefusedView";
export type { RouteView } from "../bindings/RouteView";
export type { StartType } from "../bindings/StartType";
export type { Task } from "../bindings/Task";
export type { TaskCheck } from "../bindings/TaskCheck";
export type { TaskProblem } from "../bindings/TaskProblem";
export type { Template } from "../bindings/Template";
export type { TemplateCard } from "../bindings/TemplateCard";
export type { TaskView } from "../bindings/TaskView";
// The call simulator (src-tauri/src/simulate.rs, crates/ivr-flow/src/sim).
export type { Awaiting } from "../bindings/Awaiting";
export type { CaseRun } from "../bindings/CaseRun";
export type { Coverage } from "../bindings/Coverage";
export type { Event as SimEvent } from "../bindings/Event";
export type { ExitRef } from "../bindings/ExitRef";
export type { Hours } from "../bindings/Hours";
export type { Input } from "../bindings/Input";
export type { Mock } from "../bindings/Mock";
export type { Outcome } from "../bindings/Outcome";
export type { SavedCase } from "../bindings/SavedCase";
export type { Scenario } from "../bindings/Scenario";
export type { SimState } from "../bindings/SimState";
export type { SimStep } from "../bindings/SimStep";
export type { TestRun } from "../bindings/TestRun";
