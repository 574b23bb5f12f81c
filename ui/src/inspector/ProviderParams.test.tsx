/**
 * A provider block's inspector shows every parameter as a readable field,
 * dynamic values marked, while the action itself stays verbatim: one row per
 * key in the object's order, an edit changes only its own key.
 */

import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { useState } from "react";
import fixture from "../backend/fixture.json";
import { blockSpec, registerProviderNames } from "../flow";
import type { Lang } from "../i18n";
import type { BlockSpec, Catalog, Flow, Node } from "../model";
import { BlockForm } from "./BlockForm";
import { ProviderParams, isDynamic, readableKey } from "./ProviderParams";

afterEach(cleanup);

const PARAMS = {
  QueueId: "arn:aws:connect:us-east-1:123456789012:instance/abc/queue/def",
  Text: '<speak><prosody rate="slow">Hello</prosody></speak>',
  LambdaFunctionARN: "$.Attributes.fn",
  InvocationTimeLimitSeconds: "8",
  Retries: 3,
  Enabled: true,
  ResponseValidation: { ResponseType: "STRING_MAP" },
};

/** The rows on a stateful parent; answers every value written, newest last. */
function renderRows(initial: unknown, lang: Lang = "en") {
  const written: unknown[] = [];
  function Host() {
    const [value, setValue] = useState(initial);
    return (
      <ProviderParams
        id="param-parameters"
        value={value}
        lang={lang}
        onChange={(v) => {
          written.push(v);
          setValue(v);
        }}
      />
    );
  }
  render(<Host />);
  return written;
}

const rowKeys = () =>
  screen
    .getAllByTestId(/^param-parameters-.*-row$/)
    .map((r) => r.getAttribute("data-testid")!.replace(/^param-parameters-|-row$/g, ""));

describe("readable keys and dynamic values", () => {
  it("makes keys words, keeping acronyms upper-case", () => {
    expect(readableKey("LambdaFunctionARN")).toBe("Lambda function ARN");
    expect(readableKey("InvocationTimeLimitSeconds")).toBe("Invocation time limit seconds");
    expect(readableKey("QueueId")).toBe("Queue ID");
    expect(readableKey("SSML")).toBe("SSML");
    expect(readableKey("DTMFConfiguration")).toBe("DTMF configuration");
    expect(readableKey("TtsVoice")).toBe("TTS voice");
    expect(readableKey("timeout_seconds")).toBe("Timeout seconds");
  });

  it("knows a value read when the call runs", () => {
    expect(isDynamic("$.Attributes.fn")).toBe(true);
    expect(isDynamic("$.External.x")).toBe(true);
    expect(isDynamic("Hello ${$.Attributes.name}")).toBe(true);
    expect(isDynamic("Hi {{$.Lex.SessionAttributes.a}}")).toBe(true);
    expect(isDynamic(PARAMS.QueueId)).toBe(false);
    expect(isDynamic("costs $5")).toBe(false);
    expect(isDynamic(8)).toBe(false);
  });
});

describe("the provider parameters' rows", () => {
  it("shows one row per key in the object's order, labelled readably with the key as tooltip", () => {
    renderRows(PARAMS);
    expect(rowKeys()).toEqual(Object.keys(PARAMS));
    const label = screen.getByText("Lambda function ARN");
    expect(label.closest("label")?.getAttribute("title")).toBe("LambdaFunctionARN");
    expect(screen.getByText("Invocation time limit seconds")).toBeTruthy();
    expect((screen.getByTestId("param-parameters-QueueId") as HTMLInputElement).value).toBe(PARAMS.QueueId);
  });

  it("marks the dynamic value and the SSML one, and nothing else", () => {
    renderRows(PARAMS);
    const mark = screen.getByTestId("param-parameters-LambdaFunctionARN-dynamic");
    expect(mark.textContent).toBe("Dynamic");
    expect(mark.getAttribute("title")).toMatch(/when the call runs/);
    expect(screen.queryByTestId("param-parameters-QueueId-dynamic")).toBeNull();
    expect(screen.getAllByText("Dynamic")).toHaveLength(1);
    expect(screen.getByTestId("param-parameters-Text-ssml")).toBeTruthy();
    expect(screen.queryByTestId("param-parameters-QueueId-ssml")).toBeNull();
  });

  it("marks it in Chinese too", () => {
    renderRows(PARAMS, "zh");
    expect(screen.getByTestId("param-parameters-LambdaFunctionARN-dynamic").textContent).toBe("动态");
    expect(screen.getByText("原始 JSON")).toBeTruthy();
  });

  it("changes only the edited key: the others and the order kept, a number stays a number, a string a string", () => {
    const written = renderRows(PARAMS);
    fireEvent.change(screen.getByTestId("param-parameters-Retries"), { target: { value: "5" } });
    expect(written.at(-1)).toEqual({ ...PARAMS, Retries: 5 });
    expect(Object.keys(written.at(-1) as object)).toEqual(Object.keys(PARAMS));

    fireEvent.change(screen.getByTestId("param-parameters-InvocationTimeLimitSeconds"), { target: { value: "9" } });
    const last = written.at(-1) as Record<string, unknown>;
    expect(last).toEqual({ ...PARAMS, Retries: 5, InvocationTimeLimitSeconds: "9" });
    expect(Object.keys(last)).toEqual(Object.keys(PARAMS));
    expect(last.ResponseValidation).toBe(PARAMS.ResponseValidation);

    const fn = screen.getByTestId("param-parameters-LambdaFunctionARN");
    fireEvent.change(fn, { target: { value: "arn:aws:lambda:x" } });
    expect((written.at(-1) as Record<string, unknown>).LambdaFunctionARN).toBe("arn:aws:lambda:x");
    expect(screen.queryByTestId("param-parameters-LambdaFunctionARN-dynamic")).toBeNull();
  });

  it("keeps a number's text while it is typed", () => {
    const written = renderRows({ Retries: 3 });
    const input = screen.getByTestId("param-parameters-Retries") as HTMLInputElement;
    fireEvent.change(input, { target: { value: "2." } });
    expect(input.value).toBe("2.");
    fireEvent.change(input, { target: { value: "2.5" } });
    expect(written.at(-1)).toEqual({ Retries: 2.5 });
  });

  it("writes an object row only when its JSON is valid, and shows the error under it", () => {
    const written = renderRows(PARAMS);
    const box = screen.getByTestId("param-parameters-ResponseValidation");
    fireEvent.change(box, { target: { value: '{"ResponseType": ' } });
    expect(written).toHaveLength(0);
    expect(screen.getByTestId("param-parameters-ResponseValidation-error").textContent).toBe("Not valid JSON");
    fireEvent.change(box, { target: { value: '{"ResponseType": "JSON"}' } });
    expect(written.at(-1)).toEqual({ ...PARAMS, ResponseValidation: { ResponseType: "JSON" } });
    expect(Object.keys(written.at(-1) as object)).toEqual(Object.keys(PARAMS));
    expect(screen.queryByTestId("param-parameters-ResponseValidation-error")).toBeNull();
  });

  it("toggles a boolean", () => {
    const written = renderRows(PARAMS);
    const box = screen.getByTestId("param-parameters-Enabled") as HTMLInputElement;
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    expect(written.at(-1)).toEqual({ ...PARAMS, Enabled: false });
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    expect(written.at(-1)).toEqual(PARAMS);
  });

  it("keeps the raw JSON editable, and the rows follow it", () => {
    const written = renderRows({ A: "1" });
    expect(screen.getByText("Raw JSON").tagName).toBe("SUMMARY");
    fireEvent.change(screen.getByTestId("param-parameters"), { target: { value: '{"A": "1", "B": false}' } });
    expect(written.at(-1)).toEqual({ A: "1", B: false });
    expect(rowKeys()).toEqual(["A", "B"]);
  });

  it("shows a value that is not an object as JSON only", () => {
    renderRows(undefined);
    expect(screen.queryByTestId("param-parameters-rows")).toBeNull();
    expect(screen.getByTestId("param-parameters")).toBeTruthy();
  });
});

describe("a provider block in the inspector", () => {
  const catalog = fixture.catalog as Catalog;
  const flow = fixture.starter_flow as Flow;

  it("shows the type read-only with the designer's name, and the parameters as rows", () => {
    registerProviderNames(catalog);
    const node: Node = {
      id: "p1",
      block: "provider",
      label: "",
      position: { x: 0, y: 0 },
      params: { provider: "connect", type: "InvokeLambdaFunction", exits: ["next"], parameters: PARAMS },
    } as Node;
    const params: [string, unknown][] = [];
    render(
      <BlockForm
        catalog={catalog}
        flow={flow}
        node={node}
        spec={blockSpec(catalog, "provider") as BlockSpec}
        problems={[]}
        lang="en"
        onLabel={() => {}}
        onParam={(k, v) => params.push([k, v])}
      />,
    );
    const type = screen.getByTestId("param-type") as HTMLInputElement;
    expect(type.readOnly).toBe(true);
    expect(type.value).toBe("InvokeLambdaFunction");
    const action = catalog.provider_actions.find(
      (a) => a.provider === "connect" && a.action_type === "InvokeLambdaFunction",
    );
    expect(screen.getByTestId("param-type-name").textContent).toBe(action?.name.en);
    expect(action?.name.en).not.toBe("InvokeLambdaFunction");
    const field = screen.getByTestId("field-parameters");
    expect(within(field).getByText("Lambda function ARN")).toBeTruthy();
    fireEvent.change(screen.getByTestId("param-parameters-QueueId"), { target: { value: "q2" } });
    expect(params).toEqual([["parameters", { ...PARAMS, QueueId: "q2" }]]);
  });
});
