/**
 * The cloud without Tauri: one in-memory "Local sandbox" instance per
 * provider, for unit tests and the plain browser. It keeps secrets only as
 * their status (stored, last 4), like the real app shows them.
 */

import type { Flow } from "../model";
import { withBinding } from "./binding";
import type { CloudApi } from "./cloud";
import type {
  CommandError,
  CloudChanges,
  DiffLine,
  ImportedFlow,
  PlanView,
  Profile,
  ProfileView,
  PublishOutcome,
  PublishStatus,
  RemoteFlow,
  RemotePage,
} from "./ipc";

const BUILTIN: Profile[] = [
  { name: "sandbox-connect", provider: "connect", region: "us-east-1", instance: "local-sandbox", endpoint: "http://127.0.0.1:0", key_id: "sandbox" },
  { name: "sandbox-ccc", provider: "aliyun", region: "cn-shanghai", instance: "local-sandbox", endpoint: "http://127.0.0.1:0", key_id: "sandbox" },
  { name: "sandbox-ccc2017", provider: "aliyun2017", region: "cn-shanghai", instance: "local-sandbox", endpoint: "http://127.0.0.1:0", key_id: "sandbox" },
];

const noSecret = { stored: false, length: null, last4: null, session_token: false };

/** An error shaped as the Rust commands send it (src-tauri/src/error.rs), its words in both languages. */
function cloudError(en: string, zh: string): CommandError {
  const message = { en, zh };
  return {
    kind: "config",
    provider: null,
    status: null,
    code: null,
    message,
    request_id: null,
    hint: null,
    text: { en: `configuration error: ${en}`, zh: `配置错误：${zh}` },
    refusal: null,
  };
}

export class MemoryCloud implements CloudApi {
  private saved: ProfileView[] = [];
  /** Remote flows by profile name. */
  readonly remote = new Map<string, { meta: RemoteFlow; flow: Flow }[]>();
  private nextId = 1;

  private views(): ProfileView[] {
    const builtin = BUILTIN.map((p) => ({ profile: p, secret: noSecret, builtin: true, keyring_error: null }));
    return structuredClone([...builtin, ...this.saved]);
  }

  private find(name: string): Profile {
    const p = [...BUILTIN, ...this.saved.map((v) => v.profile)].find((x) => x.name === name);
    if (!p) throw cloudError(`no profile named "${name}"`, `没有名为 "${name}" 的连接`);
    return p;
  }

  listProfiles() {
    return Promise.resolve(this.views());
  }

  saveProfile(profile: Profile, secret: string | null) {
    if (BUILTIN.some((b) => b.name === profile.name)) {
      return Promise.reject(
        cloudError(
          `"${profile.name}" is a built-in Local sandbox profile; choose another name`,
          `"${profile.name}" 是内置的本地沙箱连接；请换一个名称`,
        ),
      );
    }
    const old = this.saved.find((v) => v.profile.name === profile.name);
    const status = secret
      ? { stored: true, length: secret.length, last4: secret.length >= 8 ? secret.slice(-4) : null, session_token: false }
      : (old?.secret ?? noSecret);
    const view = { profile: structuredClone(profile), secret: status, builtin: false, keyring_error: null };
    this.saved = old ? this.saved.map((v) => (v === old ? view : v)) : [...this.saved, view];
    return Promise.resolve(this.views());
  }

  removeProfile(name: string) {
    this.saved = this.saved.filter((v) => v.profile.name !== name);
    return Promise.resolve(this.views());
  }

  testConnection(profile: string) {
    try {
      this.find(profile);
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e);
    }
  }

  listRemoteFlows(profile: string, flowType: string | null, search: string | null, page: number, pageSize: number) {
    const all = (this.remote.get(profile) ?? [])
      .map((r) => r.meta)
      .filter((m) => (!flowType || m.type === flowType) && (!search || m.name.includes(search)));
    const last = Math.max(1, Math.ceil(all.length / pageSize));
    const p = Math.min(Math.max(1, page), last);
    const out: RemotePage = {
      flows: all.slice((p - 1) * pageSize, p * pageSize),
      total: all.length,
      page: p,
      page_size: pageSize,
    };
    return Promise.resolve(structuredClone(out));
  }

  importFlows(profile: string, ids: string[]) {
    const list = this.remote.get(profile) ?? [];
    const out: ImportedFlow[] = ids.map((id) => {
      const r = list.find((x) => x.meta.id === id);
      const missing = { id, name: id, type: "", description: "", published: false, editing: false, draft_id: null, editor: null, updated: null };
      return r ? { remote: r.meta, flow: { ok: r.flow } } : { remote: missing, flow: { error: { en: "not found", zh: "未找到" } } };
    });
    return Promise.resolve(structuredClone(out));
  }

  /** What `publishChanges` answers for a bound flow (it never diffs itself: that is the engine's job); the live flow is the one published last. */
  changes: DiffLine[] = [];

  publishChanges(flow: Flow, profile: string): Promise<CloudChanges | null> {
    const p = this.find(profile);
    const b = flow.bindings.find((x) => x.provider === p.provider && x.instance === p.instance);
    const live = b && (this.remote.get(profile) ?? []).find((r) => r.meta.id === b.remote_id)?.flow;
    return Promise.resolve(live ? structuredClone({ lines: this.changes, live }) : null);
  }

  planPublish(flow: Flow, profile: string) {
    const p = this.find(profile);
    const b = flow.bindings.find((x) => x.provider === p.provider && x.instance === p.instance);
    const plan: PlanView = {
      action: b ? "update" : "create",
      profile: p.name,
      provider: p.provider,
      instance: p.instance ?? "",
      remote_id: b?.remote_id ?? null,
    };
    return Promise.resolve(plan);
  }

  async publishFlow(
    flow: Flow,
    profile: string,
    status: PublishStatus,
    _path?: string | null,
    _bindExisting?: boolean,
    _force?: boolean,
    _overwrite?: boolean,
  ): Promise<PublishOutcome> {
    const plan = await this.planPublish(flow, profile);
    const p = this.find(profile);
    const remoteId = plan.remote_id ?? `flow-${this.nextId++}`;
    const binding = { provider: p.provider, profile, instance: plan.instance, remote_id: remoteId };
    const bound = withBinding(flow, binding);
    const list = (this.remote.get(profile) ?? []).filter((r) => r.meta.id !== remoteId);
    const type = p.provider === "connect" ? "CONTACT_FLOW" : "MAIN_FLOW";
    list.push({ meta: { id: remoteId, name: flow.name, type, description: "", published: status === "published", editing: false, draft_id: null, editor: null, updated: null }, flow: structuredClone(bound) });
    this.remote.set(profile, list);
    return structuredClone({ remote_id: remoteId, instance: plan.instance, binding });
  }
}
