/**
 * The Tests tab: runs every case saved beside the flow file on the document
 * as it is now, lists each as passed or failed with the engine's words for
 * what it expected and what happened instead, and the coverage: how many
 * exits the suite took, the ones never taken (coloured on the canvas by
 * "Show coverage"; a click selects the block).
 */

import { type Lang, tx } from "../i18n";
import { st } from "./strings";
import type { Simulator } from "./useSimulator";

type Props = { sim: Simulator; lang: Lang; onSelectBlock: (id: string) => void };

export function TestsView({ sim, lang, onSelectBlock }: Props) {
  const { run } = sim;
  if (!sim.path) {
    return (
      <p className="sim-hint" data-testid="sim-tests-needs-file">
        {st(lang, "saveFlowFirst")}
      </p>
    );
  }
  const passed = run?.cases.filter((c) => c.passed).length ?? 0;
  const failed = (run?.cases.length ?? 0) - passed;
  return (
    <div className="sim-tests" data-testid="sim-tests">
      <div className="sim-controls">
        <button type="button" className="button primary" data-testid="sim-run-tests" disabled={sim.running} onClick={() => void sim.runTests()}>
          {sim.running ? st(lang, "running") : st(lang, "runTests")}
        </button>
        {run && run.cases.length > 0 && (
          <button
            type="button"
            className={`button${sim.showCoverage ? " active" : ""}`}
            data-testid="sim-show-coverage"
            aria-pressed={sim.showCoverage}
            onClick={() => sim.setShowCoverage(!sim.showCoverage)}
          >
            {sim.showCoverage ? st(lang, "hideCoverage") : st(lang, "showCoverage")}
          </button>
        )}
      </div>
      {sim.error && (
        <p className="sim-error" role="alert" data-testid="sim-tests-error">
          {sim.error}
        </p>
      )}
      {run && (
        <>
          <p className="sim-hint sim-file" title={run.file}>
            {run.file}
          </p>
          {run.cases.length === 0 ? (
            <p className="sim-empty" data-testid="sim-no-cases">
              {st(lang, "noCases")}
            </p>
          ) : (
            <>
              <div className="sim-summary" data-testid="sim-tests-summary" data-passed={passed} data-failed={failed}>
                <span className="sim-pass">
                  {passed} {st(lang, "passed")}
                </span>
                {" · "}
                <span className={failed ? "sim-fail" : undefined}>
                  {failed} {st(lang, "failed")}
                </span>
              </div>
              <ul className="sim-cases" data-testid="sim-cases">
                {run.cases.map((c, i) => (
                  <li key={i} className={`sim-case ${c.passed ? "pass" : "fail"}`} data-testid={`sim-case-${i}`} data-passed={c.passed}>
                    <span className="sim-case-mark" aria-hidden="true">
                      {c.passed ? "✓" : "✗"}
                    </span>
                    <span className="sim-case-name">{c.name}</span>
                    {c.failure && (
                      <div className="sim-case-failure" data-testid={`sim-case-failure-${i}`}>
                        {c.failure.step > 0 && `${st(lang, "step")} ${c.failure.step}${st(lang, "stepSuffix")}${st(lang, "colon")}`}
                        {st(lang, "expected")} {tx(c.failure.expected, lang)}; {st(lang, "actual")} {tx(c.failure.actual, lang)}
                      </div>
                    )}
                    {!c.failure && <div className="sim-case-end">{tx(c.end, lang)}</div>}
                  </li>
                ))}
              </ul>
              <div className="sim-section">
                {st(lang, "coverage")}
                {st(lang, "colon")}
                <span data-testid="sim-coverage" data-taken={run.coverage.taken} data-total={run.coverage.total}>
                  {run.coverage.taken} {st(lang, "of")} {run.coverage.total}
                </span>
              </div>
              {run.coverage.never.length === 0 ? (
                <p className="sim-empty">{st(lang, "allTaken")}</p>
              ) : (
                <>
                  <p className="sim-hint">
                    {st(lang, "neverTaken")}
                    {st(lang, "colon")}
                  </p>
                  <ul className="sim-never" data-testid="sim-never">
                    {run.coverage.never.map((x) => (
                      <li key={`${x.block}/${x.exit}`}>
                        <button type="button" className="link" onClick={() => onSelectBlock(x.block)}>
                          {tx(x.name, lang)}
                        </button>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}
