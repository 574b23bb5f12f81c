/**
 * The data that crosses the IPC between the UI and the Rust commands, in
 * one place: files and windows (src-tauri/src/files.rs) and the cloud
 * (src-tauri/src/cloud.rs, crates/ivr-cloud). Everything else imports these
 * types from here (or from ./index.ts), so that they can be replaced by
 * types generated from the Rust side.
 */

import type { Binding, Flow, Problem, Provider, Text } from "../model";

// ----- Files and windows -----

/** A flow read from a file. */
export type OpenedFlow = {
  /** The file Save writes to; null when a provider's file was imported as a new document. */
  path: string | null;
  flow: Flow;
  /** The provider format it was imported from. */
  imported_from: string | null;
  /** The name the flow was given after its file, when its format has none. */
  named_from_file?: string | null;
};

/** The document autosave kept; also an unsaved document to open (saving to `path` when it has one). */
export type AutosavedFlow = { path: string | null; flow: Flow };

/** What a window starts with: the file named on the command line (main window), or the document it was opened for. */
export type StartupDocument = { kind: "file"; path: string } | { kind: "document"; path: string | null; flow: Flow };

// ----- The cloud -----

export type Profile = {
  name: string;
  provider: Provider;
  region?: string | null;
  instance?: string | null;
  endpoint?: string | null;
  key_id?: string | null;
};

export type SecretStatus = {
  stored: boolean;
  length: number | null;
  last4: string | null;
  session_token: boolean;
};

/**
 * An error of the cloud layer (crates/ivr-cloud/src/error.rs): our words in
 * English and Chinese, the provider's code and message verbatim.
 */
export type CloudError = {
  kind: string;
  provider: string | null;
  status: number | null;
  code: string | null;
  message: Text;
  request_id: string | null;
  hint: Text | null;
  /** The whole error as a person reads it (`errorText` picks the language). */
  text: Text;
};

export type ProfileView = {
  profile: Profile;
  secret: SecretStatus;
  builtin: boolean;
  keyring_error: CloudError | null;
};

export type RemoteFlow = {
  id: string;
  name: string;
  type: string;
  description: string;
  published: boolean;
  editing: boolean;
  updated: string | null;
};

export type RemotePage = { flows: RemoteFlow[]; total: number; page: number; page_size: number };

/** `error`: why the flow could not be converted (the decoder's words, ours in both languages). */
export type ImportedFlow = { remote: RemoteFlow; flow: { ok: Flow } | { error: Text } };

export type PlanView = {
  action: "create" | "update";
  profile: string;
  provider: Provider;
  instance: string;
  remote_id: string | null;
};

export type PublishOutcome = { remote_id: string; instance: string; binding: Binding; flow: Flow };

export type FlowProblem = { message: string; action: string | null; node: string | null };

export type PublishRefusal = {
  error: CloudError;
  problems: Problem[];
  remote_problems: FlowProblem[];
  existing: RemoteFlow | null;
  flow: Flow | null;
};

export type PublishStatus = "published" | "saved";
