/**
 * Publish: checks the flow for the connection's provider (a flow with
 * errors is held back, and the problems go to the canvas and the problems
 * panel; the designer may still send it after saying so, and the provider's
 * own answer decides), shows what will happen (create or update, which
 * instance, under which name), publishes, and reports the remote id. The
 * returned flow, with its binding, replaces the document (and its file,
 * when it has one).
 */

import { useEffect, useState, type ReactNode } from "react";
import type { Backend } from "../backend";
import type { Lang } from "../i18n";
import type { Flow, Problem, Provider } from "../model";
import type { CloudApi, CommandError, PlanView, PublishOutcome, PublishRefusal, PublishStatus } from "../backend";
import { withBinding } from "../backend";
import { errorText } from "../errors";
import { Modal } from "./Modal";
import { PublishChanges, type Review } from "./PublishChanges";
import { ThreeSides } from "./ThreeSides";
import { ct, providerName } from "./strings";

type Props = {
  /** The connection choice, shown at the top. */
  picker: ReactNode;
  api: CloudApi;
  backend: Backend;
  lang: Lang;
  flow: Flow;
  profile: string;
  provider: Provider;
  path: string | null;
  /** The document has edits its file does not have: publishing writes them there. */
  unsaved?: boolean;
  onProblems: (problems: Problem[], target: Provider) => void;
  onPublished: (flow: Flow) => void;
  /** Colours the canvas with a publish's changes (none: back to normal). */
  onReview?: (review: Review | null) => void;
  /** Selects a block on the canvas (a click on a change). */
  onSelectBlock?: (id: string) => void;
  onClose: () => void;
};

type Step =
  | { kind: "checking" }
  | { kind: "refused"; problems: Problem[] }
  /** `warnings`: what the check found that does not stop a publish (notes the target drops...). */
  | { kind: "ready"; plan: PlanView; warnings: Problem[]; forced: boolean }
  | { kind: "publishing"; plan: PlanView }
  | { kind: "done"; plan: PlanView; outcome: PublishOutcome }
  /** `error`: what the command rejected with, shown in the current language. */
  | { kind: "failed"; plan: PlanView; refusal: PublishRefusal | null; error: unknown };

/** A refused publish's details, carried by the command's error. */
function refusalOf(e: unknown): PublishRefusal | null {
  if (typeof e !== "object" || e === null || !("refusal" in e)) return null;
  return (e as CommandError).refusal;
}

export function PublishDialog(props: Props) {
  const { picker, api, backend, lang, flow, profile, provider, path, unsaved, onProblems, onPublished, onClose } = props;
  /** The canvas shows the publish's changes: the dialog docks aside. */
  const [reviewing, setReviewing] = useState(false);
  const onReview = (r: Review | null) => {
    setReviewing(r !== null);
    props.onReview?.(r);
  };
  const onSelectBlock = props.onSelectBlock ?? (() => undefined);
  const [step, setStep] = useState<Step>({ kind: "checking" });
  const [status, setStatus] = useState<PublishStatus>("published");
  const [bindExisting, setBindExisting] = useState(false);
  const [name, setName] = useState(flow.name);
  const [forceAck, setForceAck] = useState(false);

  useEffect(() => {
    let live = true;
    (async () => {
      const problems = await backend.validateFlow(flow, provider);
      const errors = problems.filter((p) => p.severity === "error");
      if (!live) return;
      // The problems panel checks against the cloud being published to (also when
      // another connection is chosen in the dialog after one refused the flow).
      onProblems(problems, provider);
      if (errors.length > 0) {
        setStep({ kind: "refused", problems: errors });
        return;
      }
      const plan = await api.planPublish(flow, profile);
      const warnings = problems.filter((p) => p.severity === "warning");
      if (live) setStep({ kind: "ready", plan, warnings, forced: false });
    })().catch((e: unknown) => live && setStep({ kind: "failed", plan: emptyPlan(profile, provider), refusal: null, error: e }));
    return () => {
      live = false;
    };
    // Checked once per opening, on the flow as it was when Publish was clicked.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** After the designer said so: the plan for a flow with errors. */
  const publishAnyway = (errors: Problem[]) => {
    setStep({ kind: "checking" });
    api.planPublish(flow, profile).then(
      (plan) => setStep({ kind: "ready", plan, warnings: errors, forced: true }),
      (e: unknown) => setStep({ kind: "failed", plan: emptyPlan(profile, provider), refusal: null, error: e }),
    );
  };

  const publish = (plan: PlanView, forced: boolean, overwrite = false) => {
    setStep({ kind: "publishing", plan });
    const named: Flow = name.trim() && name !== flow.name ? { ...flow, name: name.trim() } : flow;
    api.publishFlow(named, profile, status, path, bindExisting, forced, overwrite).then(
      (outcome) => {
        onPublished(withBinding(named, outcome.binding));
        setStep({ kind: "done", plan, outcome });
      },
      (e: unknown) => {
        const refusal = refusalOf(e);
        // Created before it failed: the document keeps that flow's binding.
        if (refusal?.created) onPublished(withBinding(named, refusal.created));
        if (refusal && refusal.problems.length > 0) onProblems(refusal.problems, provider);
        setStep({ kind: "failed", plan, refusal, error: e });
      },
    );
  };

  const target = `${providerName(lang, provider)} · ${profile}`;
  const planLine = (plan: PlanView) =>
    plan.action === "create" ? (
      <p data-testid="publish-plan" data-action="create">
        {ct(lang, "willCreate")} <code>{plan.instance}</code>
      </p>
    ) : (
      <p data-testid="publish-plan" data-action="update">
        {ct(lang, "willUpdate")} <code>{plan.remote_id}</code> {ct(lang, "inInstance")} <code>{plan.instance}</code>
      </p>
    );

  const footer =
    step.kind === "refused" ? (
      <>
        <span className="toolbar-spacer" />
        <button type="button" className="button" data-testid="publish-done" onClick={onClose}>
          {ct(lang, "close")}
        </button>
        <button type="button" className="button" data-testid="publish-force" disabled={!forceAck} onClick={() => publishAnyway(step.problems)}>
          {ct(lang, "forcePublish")}
        </button>
      </>
    ) : step.kind === "failed" && (step.refusal?.cloud_changes.length ?? 0) > 0 ? (
      <>
        <span className="toolbar-spacer" />
        <button type="button" className="button" data-testid="publish-done" onClick={onClose}>
          {ct(lang, "cancel")}
        </button>
        {step.refusal?.cloud_flow && (
          <button
            type="button"
            className="button"
            data-testid="publish-open-cloud"
            onClick={() => {
              const theirs = step.refusal?.cloud_flow;
              if (theirs) void backend.files.openDocuments([{ flow: { ...theirs, bindings: flow.bindings }, path: null }]);
            }}
          >
            {ct(lang, "openCloudVersion")}
          </button>
        )}
        <button type="button" className="button danger" data-testid="publish-overwrite" onClick={() => publish(step.plan, false, true)}>
          {ct(lang, "overwrite")}
        </button>
      </>
    ) : step.kind === "ready" || (step.kind === "failed" && step.refusal?.existing) ? (
      <>
        <span className="toolbar-spacer" />
        <button type="button" className="button" onClick={onClose}>
          {ct(lang, "cancel")}
        </button>
        <button
          type="button"
          className="button primary"
          data-testid="publish-confirm"
          disabled={!name.trim()}
          onClick={() => publish(step.plan, step.kind === "ready" && step.forced)}
        >
          {status === "published" ? ct(lang, "statusPublished") : ct(lang, "statusSaved")}
        </button>
      </>
    ) : (
      <>
        <span className="toolbar-spacer" />
        <button type="button" className="button" data-testid="publish-done" onClick={onClose} disabled={step.kind === "publishing"}>
          {ct(lang, "close")}
        </button>
      </>
    );

  return (
    <Modal
      title={`${ct(lang, "publishTitle")} · ${flow.name}`}
      testId="publish-dialog"
      closeLabel={ct(lang, "close")}
      onClose={onClose}
      footer={footer}
      docked={reviewing}
    >
      <div className="cloud-row cloud-target">
        {picker}
        <span>{target}</span>
      </div>
      {step.kind === "checking" && (
        <div className="cloud-progress" role="progressbar">
          <span className="cloud-spinner" aria-hidden="true" /> {ct(lang, "checking")} {providerName(lang, provider)}
        </div>
      )}
      {step.kind === "refused" && (
        <div className="cloud-error" role="alert" data-testid="publish-refused">
          <p>{ct(lang, "refused")}</p>
          <ul>
            {step.problems.slice(0, 8).map((p, i) => (
              <li key={i}>{p.message[lang]}</li>
            ))}
          </ul>
          <label className="cloud-note">
            <input type="checkbox" data-testid="publish-force-ack" checked={forceAck} onChange={(e) => setForceAck(e.target.checked)} />{" "}
            {ct(lang, "forceAck")}
          </label>
        </div>
      )}
      {step.kind === "ready" && (
        <>
          {planLine(step.plan)}
          {step.plan.action === "update" && (
            <PublishChanges api={api} lang={lang} flow={flow} profile={profile} onReview={onReview} onSelectBlock={onSelectBlock} />
          )}
          <label className="cloud-row">
            {ct(lang, "publishName")}{" "}
            <input className="input" data-testid="publish-name" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          {unsaved && path && (
            <p className="cloud-note" data-testid="publish-saves-first">
              {ct(lang, "savesFirst")} <code>{path}</code>
            </p>
          )}
          {step.forced && (
            <p className="cloud-error" role="alert" data-testid="publish-forced">
              {ct(lang, "forced")}
            </p>
          )}
          {step.warnings.length > 0 && (
            <ul className="cloud-warnings" data-testid="publish-warnings">
              {step.warnings.slice(0, 8).map((p, i) => (
                <li key={i} data-code={p.code}>
                  {p.message[lang]}
                </li>
              ))}
            </ul>
          )}
          <fieldset className="cloud-status">
            {(["published", "saved"] as const).map((s) => (
              <label key={s}>
                <input type="radio" name="publish-status" data-testid={`publish-status-${s}`} checked={status === s} onChange={() => setStatus(s)} />
                {s === "published" ? ct(lang, "statusPublished") : ct(lang, "statusSaved")}
              </label>
            ))}
          </fieldset>
        </>
      )}
      {step.kind === "publishing" && (
        <>
          {planLine(step.plan)}
          <div className="cloud-progress" role="progressbar">
            <span className="cloud-spinner" aria-hidden="true" /> {ct(lang, "publishing")}
          </div>
        </>
      )}
      {step.kind === "done" && (
        <div className="cloud-success" role="status" data-testid="publish-result" data-action={step.plan.action}>
          <p>
            {status === "published" ? ct(lang, "publishedAs") : ct(lang, "savedAs")}{" "}
            <code data-testid="publish-remote-id">{step.outcome.remote_id}</code>
          </p>
          <p className="cloud-note">
            {ct(lang, "instanceIs")} <code>{step.outcome.instance}</code> · {ct(lang, "bindingSaved")}
          </p>
        </div>
      )}
      {step.kind === "failed" && (
        <div className="cloud-error" role="alert" data-testid="publish-error">
          <p>
            <strong>{ct(lang, "publishFailed")}</strong>
          </p>
          <p>{errorText(step.error, lang)}</p>
          {step.refusal && step.refusal.remote_problems.length > 0 && (
            <>
              <p>{ct(lang, "providerProblems")}</p>
              <ul>
                {step.refusal.remote_problems.map((p, i) => (
                  <li key={i}>
                    {p.node ? (
                      <>
                        {ct(lang, "block")} <code>{p.node}</code>:{" "}
                      </>
                    ) : null}
                    {p.message}
                  </li>
                ))}
              </ul>
            </>
          )}
          {step.refusal && step.refusal.cloud_changes.length > 0 && (
            <>
              <p>{ct(lang, "cloudChanged")}</p>
              <ul data-testid="publish-cloud-changes">
                {step.refusal.cloud_changes.map((t, i) => (
                  <li key={i}>{t[lang]}</li>
                ))}
              </ul>
              {step.refusal.cloud_flow && (
                <ThreeSides backend={backend} lang={lang} path={path} cloud={step.refusal.cloud_flow} yours={flow} />
              )}
            </>
          )}
          {step.refusal?.existing && (
            <label className="cloud-note">
              <input type="checkbox" data-testid="publish-bind-existing" checked={bindExisting} onChange={(e) => setBindExisting(e.target.checked)} />{" "}
              {ct(lang, "bindExisting")} (<code>{step.refusal.existing.id}</code>)
            </label>
          )}
        </div>
      )}
    </Modal>
  );
}

function emptyPlan(profile: string, provider: Provider): PlanView {
  return { action: "create", profile, provider, instance: "", remote_id: null };
}
