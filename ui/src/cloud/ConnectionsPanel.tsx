/**
 * The Connections panel: every profile (the built-in Local sandbox ones
 * first) with its secret status, and a form to add or edit one. The secret
 * field is write-only: it is sent once, never read back; afterwards the
 * panel shows only that a secret is stored and its last 4 characters.
 */

import { useEffect, useState } from "react";
import type { Lang } from "../i18n";
import type { Provider } from "../model";
import type { CloudApi, Profile, ProfileView } from "../backend";
import { errorText } from "../errors";
import { Modal } from "./Modal";
import { ct, providerName } from "./strings";

const PROVIDERS: Provider[] = ["connect", "aliyun", "aliyun2017", "nxlink"];

type Props = {
  api: CloudApi;
  lang: Lang;
  profiles: ProfileView[];
  onProfiles: (p: ProfileView[]) => void;
  onClose: () => void;
};

type Test = { name: string; state: "running" | "ok" | "error"; error?: unknown };

/** Each provider's own default region (NXLink: its Hong Kong gateway). */
export const DEFAULT_REGION: Record<Provider, string> = {
  connect: "us-east-1",
  aliyun: "cn-shanghai",
  aliyun2017: "cn-shanghai",
  nxlink: "hk",
};

const blank = (): Profile => ({
  name: "",
  provider: "connect",
  region: DEFAULT_REGION.connect,
  instance: "",
  endpoint: "",
  key_id: "",
});

/** Whether the form has what a profile of its provider needs (the engine checks the values when it saves). */
export function complete(p: Profile): boolean {
  const has = (v?: string | null) => !!v && v.trim() !== "";
  const where = has(p.region) || (p.provider === "nxlink" && has(p.endpoint));
  const instance = p.provider === "nxlink" || has(p.instance);
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(p.name.trim()) && where && instance && has(p.key_id);
}

export function ConnectionsPanel({ api, lang, profiles, onProfiles, onClose }: Props) {
  const [form, setForm] = useState<{ profile: Profile; editing: boolean; view?: ProfileView }>();
  const [secret, setSecret] = useState("");
  /** What the last save or remove was refused with, shown in the current language. */
  const [error, setError] = useState<unknown>();
  const [test, setTest] = useState<Test>();
  const [busy, setBusy] = useState(false);

  useEffect(() => setSecret(""), [form?.profile.name, form?.editing]);

  const runTest = (name: string) => {
    setTest({ name, state: "running" });
    api.testConnection(name).then(
      () => setTest({ name, state: "ok" }),
      (e: unknown) => setTest({ name, state: "error", error: e }),
    );
  };

  const save = () => {
    if (!form) return;
    const clean = (s?: string | null) => (s && s.trim() !== "" ? s.trim() : null);
    const p = form.profile;
    const profile: Profile = {
      name: p.name.trim(),
      provider: p.provider,
      region: clean(p.region),
      instance: clean(p.instance),
      endpoint: clean(p.endpoint),
      key_id: clean(p.key_id),
    };
    setBusy(true);
    setError(undefined);
    api.saveProfile(profile, secret === "" ? null : secret).then(
      (list) => {
        setSecret("");
        setBusy(false);
        onProfiles(list);
        setForm({ profile, editing: true, view: list.find((v) => v.profile.name === profile.name) });
      },
      (e: unknown) => {
        setBusy(false);
        setError(e);
      },
    );
  };

  const remove = (name: string) => {
    api.removeProfile(name).then(
      (list) => {
        onProfiles(list);
        if (form?.profile.name === name) setForm(undefined);
      },
      (e: unknown) => setError(e),
    );
  };

  const set = (patch: Partial<Profile>) => form && setForm({ ...form, profile: { ...form.profile, ...patch } });
  const field = (key: "name" | "region" | "instance" | "endpoint" | "key_id", label: string, disabled = false) => (
    <label className="cloud-field">
      <span>{label}</span>
      <input
        data-testid={`profile-${key}`}
        value={form?.profile[key] ?? ""}
        disabled={disabled}
        onChange={(e) => set({ [key]: e.target.value })}
        spellCheck={false}
        autoComplete="off"
      />
    </label>
  );

  return (
    <Modal title={ct(lang, "connections")} testId="connections-panel" closeLabel={ct(lang, "close")} onClose={onClose} wide>
      <div className="cloud-split">
        <ul className="cloud-profiles" data-testid="profile-list">
          <li className="cloud-note">{ct(lang, "builtinHint")}</li>
          {profiles.length === 0 && <li className="cloud-empty">{ct(lang, "noProfiles")}</li>}
          {profiles.map((v) => (
            <li
              key={v.profile.name}
              className={`cloud-profile${form?.profile.name === v.profile.name ? " active" : ""}`}
              data-testid={`profile-${v.profile.name}`}
            >
              <div className="cloud-profile-main">
                <strong>{v.profile.name}</strong>
                <span className="cloud-chip">{providerName(lang, v.profile.provider)}</span>
                {v.builtin && <span className="cloud-chip builtin">{ct(lang, "builtin")}</span>}
              </div>
              <div className="cloud-profile-meta">
                {[v.profile.instance, v.profile.region, v.profile.endpoint].filter(Boolean).join(" · ")}
              </div>
              <div className="cloud-profile-meta" data-testid={`secret-status-${v.profile.name}`}>
                {v.builtin
                  ? ct(lang, "demoKey")
                  : v.keyring_error
                    ? `${ct(lang, "keyringError")}: ${errorText(v.keyring_error, lang)}`
                    : v.secret.stored
                      ? `${ct(lang, "secretStoredShort")} •••• ${v.secret.last4 ?? ""}`
                      : ct(lang, "secretNone")}
              </div>
              <div className="cloud-row">
                <button type="button" className="button small" data-testid={`test-${v.profile.name}`} onClick={() => runTest(v.profile.name)}>
                  {ct(lang, "test")}
                </button>
                {!v.builtin && (
                  <>
                    <button
                      type="button"
                      className="button small"
                      data-testid={`edit-${v.profile.name}`}
                      onClick={() => setForm({ profile: { ...v.profile }, editing: true, view: v })}
                    >
                      {ct(lang, "edit")}
                    </button>
                    <button type="button" className="button small danger" data-testid={`remove-${v.profile.name}`} onClick={() => remove(v.profile.name)}>
                      {ct(lang, "remove")}
                    </button>
                  </>
                )}
              </div>
              {test?.name === v.profile.name && (
                <div className={`cloud-test ${test.state}`} data-testid={`test-result-${v.profile.name}`} role="status">
                  {test.state === "running" ? ct(lang, "testing") : test.state === "ok" ? ct(lang, "testOk") : errorText(test.error, lang)}
                </div>
              )}
            </li>
          ))}
          <li>
            <button type="button" className="button" data-testid="add-profile" onClick={() => setForm({ profile: blank(), editing: false })}>
              + {ct(lang, "addProfile")}
            </button>
          </li>
        </ul>
        <div className="cloud-form">
          {form && (
            <form
              data-testid="profile-form"
              onSubmit={(e) => {
                e.preventDefault();
                save();
              }}
            >
              {field("name", ct(lang, "name"), form.editing)}
              <label className="cloud-field">
                <span>{ct(lang, "provider")}</span>
                <select
                  data-testid="profile-provider"
                  value={form.profile.provider}
                  onChange={(e) => {
                    const provider = e.target.value as Provider;
                    // A region left at the old provider's default moves to the new one's.
                    const region = form.profile.region ?? "";
                    const keep = region.trim() !== "" && region !== DEFAULT_REGION[form.profile.provider];
                    set({ provider, region: keep ? region : DEFAULT_REGION[provider] });
                  }}
                >
                  {PROVIDERS.map((p) => (
                    <option key={p} value={p}>
                      {providerName(lang, p)}
                    </option>
                  ))}
                </select>
              </label>
              {field("region", ct(lang, "region"))}
              {field("instance", ct(lang, "instance"))}
              {field("endpoint", ct(lang, "endpoint"))}
              {field("key_id", ct(lang, "keyId"))}
              <label className="cloud-field">
                <span>{ct(lang, "secret")}</span>
                <input
                  type="password"
                  data-testid="profile-secret"
                  value={secret}
                  autoComplete="new-password"
                  placeholder={form.view?.secret.stored ? ct(lang, "secretPlaceholderKeep") : ct(lang, "secretPlaceholderNew")}
                  onChange={(e) => setSecret(e.target.value)}
                />
              </label>
              {form.view?.secret.stored && (
                <p className="cloud-note" data-testid="secret-stored">
                  {ct(lang, "secretStored")} <code>•••• {form.view.secret.last4 ?? ""}</code>
                </p>
              )}
              {error !== undefined && (
                <p className="cloud-error" role="alert" data-testid="profile-error">
                  {errorText(error, lang)}
                </p>
              )}
              <div className="cloud-row end">
                <button type="button" className="button" onClick={() => setForm(undefined)}>
                  {ct(lang, "cancel")}
                </button>
                <button type="submit" className="button primary" data-testid="save-profile" disabled={busy || !complete(form.profile)}>
                  {ct(lang, "save")}
                </button>
              </div>
            </form>
          )}
        </div>
      </div>
    </Modal>
  );
}
