/**
 * The cloud side of the backend: connection profiles (the secret is
 * write-only: the UI sends it once and only ever reads back whether one is
 * stored and its last 4 characters), the remote flows of an instance,
 * import and publish. `TauriCloud` calls the Rust commands
 * (src-tauri/src/cloud.rs); `MemoryCloud` (./memoryCloud.ts) keeps
 * everything in memory for unit tests and the plain browser. The data types
 * crossing the IPC are in ./ipc.ts.
 */

import { invoke } from "@tauri-apps/api/core";
import type { Flow } from "../model";
import type { CloudChanges, ImportedFlow, PlanView, Profile, ProfileView, PublishOutcome, PublishStatus, RemotePage } from "./ipc";

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
  /** What publishing `flow` would change in the cloud (none for a create), each change with its line. */
  publishChanges(flow: Flow, profile: string): Promise<CloudChanges | null>;
  /** Rejects with a `PublishRefusal`. */
  publishFlow(
    flow: Flow,
    profile: string,
    status: PublishStatus,
    path: string | null,
    bindExisting?: boolean,
    /** Send even when IVR Studio's checks find errors: the provider decides. */
    force?: boolean,
    /** Replace the cloud's flow even when it was changed there since the last sync. */
    overwrite?: boolean,
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
  publishChanges(flow: Flow, profile: string) {
    return invoke<CloudChanges | null>("publish_changes", { flow, profile });
  }

  planPublish(flow: Flow, profile: string) {
    return invoke<PlanView>("plan_publish", { flow, profile });
  }
  publishFlow(flow: Flow, profile: string, status: PublishStatus, path: string | null, bindExisting = false, force = false, overwrite = false) {
    return invoke<PublishOutcome>("publish_flow", { flow, profile, status, path, bindExisting, force, overwrite });
  }
}
