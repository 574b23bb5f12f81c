/**
 * The cloud side of the backend: connection profiles (the secret is
 * write-only: the UI sends it once and only ever reads back whether one is
 * stored and its last 4 characters), the remote flows of an instance,
 * import and publish. `TauriCloud` calls the Rust commands
 * (src-tauri/src/cloud.rs); `MemoryCloud` keeps everything in memory for
 * unit tests and the plain browser.
 */

import { invoke } from "@tauri-apps/api/core";
import type { Binding, Flow, Problem, Provider, Text } from "../model";

export { errorText } from "../errors";

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

export interface CloudApi {
  listProfiles(): Promise<ProfileView[]>;
  /** Adds or replaces `profile`; `secret` (when not empty) goes to the OS keyring only. */
  saveProfile(profile: Profile, secret: string | null): Promise<ProfileView[]>;
  removeProfile(name: string): Promise<ProfileView[]>;
  testConnection(profile: string): Promise<void>;
  listRemoteFlows(
    profile: string,
    flowType: string | null,
    search: string | null,
    page: number,
    pageSize: number,
  ): Promise<RemotePage>;
  importFlows(profile: string, ids: string[]): Promise<ImportedFlow[]>;
  planPublish(flow: Flow, profile: string): Promise<PlanView>;
  /** Rejects with a `PublishRefusal`. */
  publishFlow(
    flow: Flow,
    profile: string,
    status: PublishStatus,
    path: string | null,
    bindExisting?: boolean,
    /** Send even when IVR Studio's checks find errors: the provider decides. */
    force?: boolean,
  ): Promise<PublishOutcome>;
}

export class TauriCloud implements CloudApi {
  listProfiles() {
    return invoke<ProfileView[]>("list_profiles");
  }
  saveProfile(profile: Profile, secret: string | null) {
    return invoke<ProfileView[]>("save_profile", { profile, secret: secret || null });
  }
  removeProfile(name: string) {
    return invoke<ProfileView[]>("remove_profile", { name });
  }
  testConnection(profile: string) {
    return invoke<void>("test_connection", { profile });
  }
  listRemoteFlows(profile: string, flowType: string | null, search: string | null, page: number, pageSize: number) {
    return invoke<RemotePage>("list_remote_flows", { profile, flowType, search, page, pageSize });
  }
  importFlows(profile: string, ids: string[]) {
    return invoke<ImportedFlow[]>("import_flows", { profile, ids });
  }
  planPublish(flow: Flow, profile: string) {
    return invoke<PlanView>("plan_publish", { flow, profile });
  }
  publishFlow(flow: Flow, profile: string, status: PublishStatus, path: string | null, bindExisting = false, force = false) {
    return invoke<PublishOutcome>("publish_flow", { flow, profile, status, path, bindExisting, force });
  }
}
