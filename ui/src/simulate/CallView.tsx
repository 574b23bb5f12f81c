/**
 * The Call tab: Start call / Hang up, what the call waits for (a keypad for
 * keys and digits, "Wait for timeout", or the block's exits as buttons with
 * the engine's reason), the transcript, the variables, and "Save as test
 * case" (asking a name).
 */

import { memo, useEffect, useMemo, useRef, useState } from "react";
import { errorText } from "../errors";
import { type Lang, tx } from "../i18n";
import { inTextField } from "../editing/useShortcuts";
import { sameFields } from "../sameFields";
import type { Names } from "./names";
import { speechAvailable } from "./speech";
import { st } from "./strings";
import { type Call, type Line, transcript, waitsForKeys } from "./trace";
import type { Simulator } from "./useSimulator";

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];

type Props = { sim: Simulator; names: Names; lang: Lang; hasFlow: boolean };

export function CallView({ sim, names, lang, hasFlow }: Props) {
  const { call } = sim;
  const live = !!call && !call.hungUp && call.state.kind === "waiting";
  const keys = waitsForKeys(call);
  const sendRef = useRef(sim.send);
  sendRef.current = sim.send;

  // Keyboard digits while the call waits for keys (not while typing in a field).
  useEffect(() => {
    if (!keys) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || inTextField(e.target)) return;
      if (!KEYS.includes(e.key)) return;
      e.preventDefault();
      void sendRef.current({ kind: "press", keys: e.key });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [keys]);

  return (
    <div className="sim-call" data-testid="sim-call">
      <div className="sim-controls">
        <button type="button" className="button primary" data-testid="sim-start" disabled={!hasFlow} onClick={() => void sim.start()}>
          {call ? st(lang, "restart") : st(lang, "start")}
        </button>
        <button type="button" className="button sim-hangup" data-testid="sim-hangup" disabled={!live} onClick={sim.hangUp}>
          {st(lang, "hangUp")}
        </button>
        <SpeakToggle sim={sim} lang={lang} />
      </div>
      {!call && <p className="sim-empty">{st(lang, "idle")}</p>}
      {call && <Status call={call} names={names} lang={lang} />}
      {keys && (
        <div className="sim-keypad-area">
          <div className="sim-keypad" data-testid="sim-keypad" role="group" aria-label={st(lang, "keypadHint")}>
            {KEYS.map((k) => (
              <button
                key={k}
                type="button"
                className="sim-key"
                data-testid={`sim-key-${k === "*" ? "star" : k === "#" ? "hash" : k}`}
                onClick={() => void sim.send({ kind: "press", keys: k })}
              >
                {k}
              </button>
            ))}
          </div>
          <button type="button" className="button sim-timeout" data-testid="sim-timeout" onClick={() => void sim.send({ kind: "timeout" })}>
            {st(lang, "waitTimeout")}
          </button>
          <p className="sim-hint">{st(lang, "keypadHint")}</p>
        </div>
      )}
      {live && call.state.kind === "waiting" && call.state.awaiting.kind === "choice" && (
        <div className="sim-choice" data-testid="sim-choice">
          <div className="sim-section">{st(lang, "choose")}</div>
          <p className="sim-reason" data-testid="sim-choice-reason">
            {tx(call.state.awaiting.reason, lang)}
          </p>
          <div className="sim-choice-exits">
            {call.state.awaiting.exits.map((x) => (
              <button
                key={x}
                type="button"
                className="button"
                data-testid={`sim-choose-${x}`}
                onClick={() => void sim.send({ kind: "choose", exit: x })}
              >
                {names.exit((call.state as { block: string }).block, x)}
              </button>
            ))}
          </div>
        </div>
      )}
      {sim.error && (
        <p className="sim-error" role="alert" data-testid="sim-error">
          {sim.error}
        </p>
      )}
      {call && <Transcript call={call} names={names} lang={lang} />}
      {call && <Variables vars={call.variables} lang={lang} />}
      {call && !call.hungUp && <SaveCase sim={sim} lang={lang} />}
    </div>
  );
}

function SpeakToggle({ sim, lang }: { sim: Simulator; lang: Lang }) {
  const [available, setAvailable] = useState(speechAvailable);
  useEffect(() => {
    if (typeof speechSynthesis === "undefined" || available) return;
    // Voices may arrive after the page loads.
    const check = () => setAvailable(speechAvailable());
    speechSynthesis.addEventListener?.("voiceschanged", check);
    return () => speechSynthesis.removeEventListener?.("voiceschanged", check);
  }, [available]);
  if (!available) {
    return (
      <span className="sim-nospeech" data-testid="sim-no-speech" title={st(lang, "noSpeech")}>
        {st(lang, "noSpeech")}
      </span>
    );
  }
  return (
    <label className="sim-speak">
      <input type="checkbox" data-testid="sim-speak" checked={sim.speaking} onChange={(e) => sim.setSpeaking(e.target.checked)} />
      {st(lang, "speak")}
    </label>
  );
}

function Status({ call, names, lang }: { call: Call; names: Names; lang: Lang }) {
  const s = call.state;
  let text: string;
  if (call.hungUp) text = st(lang, "youHungUp");
  else if (s.kind === "ended") text = call.outcome ? tx(call.outcome, lang) : st(lang, "ended");
  else {
    const a = s.awaiting;
    const at = names.block(s.block);
    if (a.kind === "key") text = `${at}: ${st(lang, "waitingKey")} (${a.keys.join(", ")})`;
    else if (a.kind === "digits")
      text = `${at}: ${st(lang, "waitingDigits")} (${st(lang, "upTo")} ${a.max}${a.terminator ? `, ${a.terminator} ${st(lang, "endsWith")}` : ""})${a.entered ? ` · ${st(lang, "entered")} ${a.entered}` : ""}`;
    else text = `${at}: ${st(lang, "choose")}`;
  }
  return (
    <div className={`sim-status sim-status-${call.hungUp ? "hung_up" : s.kind}`} data-testid="sim-status" data-state={call.hungUp ? "hung_up" : s.kind}>
      {text}
    </div>
  );
}

/**
 * The transcript: one row per line, drawn again only when the call grows.
 * Its scroller is laid out bottom-up (column-reverse), so it stays at the
 * newest line without a script reading the layout after every step.
 */
const Transcript = memo(function Transcript({ call, names, lang }: { call: Call; names: Names; lang: Lang }) {
  const lines = useMemo(() => transcript(call.events, call.outcome), [call.events, call.outcome]);
  return (
    <>
      <div className="sim-section">{st(lang, "transcript")}</div>
      <div className="sim-transcript-scroll">
      <ol className="sim-transcript" data-testid="sim-transcript" data-lines={lines.length}>
        {lines.map((l, i) => (
          <TranscriptLine key={i} line={l} names={names} lang={lang} />
        ))}
        {call.hungUp && (
          <li className="sim-line sim-line-ended" data-kind="hung_up">
            {st(lang, "youHungUp")}
          </li>
        )}
      </ol>
      </div>
    </>
  );
});

type LineProps = { line: Line; names: Names; lang: Lang };

/** Two lines with the same fields: each step rebuilds the lines, and only the new ones are drawn. */
function sameLine(a: LineProps, b: LineProps): boolean {
  return a.names === b.names && a.lang === b.lang && sameFields(a.line, b.line);
}

const TranscriptLine = memo(function TranscriptLine({ line, names, lang }: LineProps) {
  const who = "block" in line ? <span className="sim-line-block">{names.block(line.block)}</span> : null;
  switch (line.kind) {
    case "heard":
      return (
        <li className="sim-line sim-line-heard" data-kind="heard">
          <span className="sim-line-tag">
            <Speaker /> {st(lang, "heard")}
          </span>{" "}
          {who}
          <div className="sim-line-text">{line.text}</div>
        </li>
      );
    case "pressed":
      return (
        <li className="sim-line sim-line-pressed" data-kind="pressed">
          <span className="sim-line-tag">{st(lang, "pressed")}</span> <kbd>{line.keys}</kbd>
        </li>
      );
    case "timed_out":
      return (
        <li className="sim-line sim-line-note" data-kind="timed_out">
          {st(lang, "timedOut")} {line.afterMs / 1000} {st(lang, "seconds")}
        </li>
      );
    case "chose":
      return (
        <li className="sim-line sim-line-pressed" data-kind="chose">
          <span className="sim-line-tag">{st(lang, "chose")}</span> {who} → {names.exit(line.block, line.exit)}
        </li>
      );
    case "note":
      return (
        <li className="sim-line sim-line-note" data-kind="note">
          {who} {tx(line.text, lang)}
        </li>
      );
    case "set":
      return (
        <li className="sim-line sim-line-note" data-kind="set">
          {st(lang, "set")} <code>{line.name}</code> = <code>{line.value}</code>
        </li>
      );
    case "flow":
      return (
        <li className="sim-line sim-line-note" data-kind="flow">
          {st(lang, "enteredFlow")} <code>{line.flow}</code>
        </li>
      );
    case "ended":
      return (
        <li className="sim-line sim-line-ended" data-kind="ended" data-testid="sim-ended">
          <span className="sim-line-tag">{st(lang, "ended")}</span>
          {line.text && <div className="sim-line-text">{tx(line.text, lang)}</div>}
        </li>
      );
  }
}, sameLine);

/** A small speaker (no emoji: WebKitGTK may have no emoji font). */
function Speaker() {
  return (
    <svg className="sim-speaker" viewBox="0 0 16 16" width="11" height="11" aria-hidden="true">
      <path d="M2 6h3l4-3v10L5 10H2z" fill="currentColor" />
      <path d="M11 5.5a3.5 3.5 0 0 1 0 5M12.5 3.5a6 6 0 0 1 0 9" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
    </svg>
  );
}

function Variables({ vars, lang }: { vars: Record<string, string>; lang: Lang }) {
  const entries = Object.entries(vars);
  return (
    <>
      <div className="sim-section">{st(lang, "variables")}</div>
      {entries.length === 0 ? (
        <p className="sim-empty">{st(lang, "noVariables")}</p>
      ) : (
        <dl className="sim-vars" data-testid="sim-variables">
          {entries.map(([k, v]) => (
            <div key={k} className="sim-var" data-name={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}

function SaveCase({ sim, lang }: { sim: Simulator; lang: Lang }) {
  const [asking, setAsking] = useState(false);
  const [name, setName] = useState("");
  const [said, setSaid] = useState<{ ok: boolean; text: string }>();
  const callId = sim.call?.id;
  useEffect(() => setSaid(undefined), [callId]);
  if (!sim.path) {
    return (
      <p className="sim-hint" data-testid="sim-save-needs-file">
        {st(lang, "saveFlowFirst")}
      </p>
    );
  }
  const save = async () => {
    try {
      const saved = await sim.saveCase(name.trim());
      setSaid({ ok: true, text: `${st(lang, "savedTo")} ${saved.file} (${saved.cases} ${st(lang, "casesInFile")})` });
      setAsking(false);
      setName("");
    } catch (e) {
      setSaid({ ok: false, text: errorText(e, lang) });
    }
  };
  return (
    <div className="sim-save">
      {asking ? (
        <form
          className="sim-save-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <input
            className="sim-input"
            data-testid="sim-case-name"
            aria-label={st(lang, "caseName")}
            placeholder={st(lang, "caseName")}
            value={name}
            autoFocus
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="button primary" data-testid="sim-case-save" disabled={name.trim() === ""}>
            {st(lang, "save")}
          </button>
          <button type="button" className="button" onClick={() => setAsking(false)}>
            {st(lang, "cancel")}
          </button>
        </form>
      ) : (
        <button type="button" className="button" data-testid="sim-save-case" onClick={() => setAsking(true)}>
          {st(lang, "saveCase")}…
        </button>
      )}
      {said && (
        <p className={said.ok ? "sim-saved" : "sim-error"} data-testid="sim-save-result" role={said.ok ? "status" : "alert"}>
          {said.text}
        </p>
      )}
    </div>
  );
}
