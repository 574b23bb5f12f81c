import { describe, expect, it } from "vitest";
import fixture from "./backend/fixture.json";
import {
  blockSpec,
  categoryOf,
  derivedItems,
  formatValue,
  hasEntry,
  keyParam,
  portsOf,
  registerProviderNames,
  summaryOf,
  titleOf,
  kindOf,
  toCanvas,
} from "./flow";
import type { BlockSpec, Catalog, Flow, Node } from "./model";

const catalog = fixture.catalog as Catalog;
const starter = fixture.starter_flow as Flow;

function spec(id: string): BlockSpec {
  const s = blockSpec(catalog, id);
  if (!s) throw new Error(`no block ${id} in the catalog`);
  return s;
}

function node(block: string, params: Record<string, unknown> = {}, label = ""): Node {
  return { id: "n1", block, label, position: { x: 0, y: 0 }, params };
}

describe("portsOf", () => {
  it("puts a menu's key exits first, then its fixed exits", () => {
    const ports = portsOf(spec("menu"), node("menu", { keys: ["1", "2", "#"] }));
    expect(ports.map((p) => p.id)).toEqual(["key:1", "key:2", "key:#", "timeout", "no_match", "error"]);
    expect(ports[0]).toMatchObject({ name: { en: "1", zh: "1" }, required: true });
  });

  it("derives a branch's exits from its cases' ids", () => {
    const cases = [
      { id: "a", operator: "equals", value: "gold" },
      { id: "b", operator: "equals", value: "" },
    ];
    const ports = portsOf(spec("branch"), node("branch", { cases }));
    expect(ports.map((p) => p.id)).toEqual(["case:a", "case:b", "no_match"]);
    expect(ports[0].name.en).toBe("gold");
    expect(ports[1].name.en).toBe("b");
  });

  it("ignores items that are neither strings nor objects with an id", () => {
    expect(derivedItems(node("menu", { keys: [1, null, { x: 1 }, "5"] }), "keys")).toEqual([
      { id: "5", label: "5" },
    ]);
    expect(derivedItems(node("menu", { keys: "12" }), "keys")).toEqual([]);
    expect(portsOf(spec("menu"), node("menu")).map((p) => p.id)).toEqual([
      "timeout",
      "no_match",
      "error",
    ]);
  });

  it("gives the fixed exits their catalog names", () => {
    const ports = portsOf(spec("play_prompt"), node("play_prompt"));
    expect(ports.map((p) => [p.id, p.name.en, p.name.zh, p.required])).toEqual([
      ["next", "Next", "下一步", true],
      ["error", "Error", "错误", false],
    ]);
  });

  it("gives terminal blocks no exits", () => {
    expect(portsOf(spec("hang_up"), node("hang_up"))).toEqual([]);
  });
});

describe("hasEntry", () => {
  it("is false only for the start block", () => {
    expect(hasEntry(spec("start"))).toBe(false);
    expect(hasEntry(spec("hang_up"))).toBe(true);
    expect(hasEntry(spec("menu"))).toBe(true);
  });
});

describe("summaryOf", () => {
  it("quotes a prompt's text", () => {
    const n = node("play_prompt", { text: "Welcome to   our service." });
    expect(summaryOf(spec("play_prompt"), n, "en")).toBe("“Welcome to our service.”");
  });

  it("says when the key setting is not set, in the chosen language", () => {
    const s = spec("branch");
    const key = keyParam(s);
    expect(key?.required).toBe(true);
    expect(summaryOf(s, node("branch", {}), "en")).toBe(`${key?.name.en}: not set`);
    expect(summaryOf(s, node("branch", {}), "zh")).toBe(`${key?.name.zh}: 未设置`);
  });

  it("names the value of a reference", () => {
    const s = spec("transfer_queue");
    const key = keyParam(s);
    const n = node("transfer_queue", { [key?.key ?? ""]: "sales-queue" });
    expect(summaryOf(s, n, "en")).toBe(`${key?.name.en}: sales-queue`);
  });

  it("uses the description for a block without settings", () => {
    expect(summaryOf(spec("start"), node("start"), "en")).toBe(spec("start").description.en);
    expect(summaryOf(spec("start"), node("start"), "zh")).toBe(spec("start").description.zh);
  });

  it("clips long text to one line", () => {
    const n = node("play_prompt", { text: "x".repeat(200) });
    const s = summaryOf(spec("play_prompt"), n, "en");
    expect(s.length).toBeLessThanOrEqual(62);
    expect(s.endsWith("…”")).toBe(true);
  });

  it("skips switches when picking the key setting", () => {
    expect(keyParam(spec("play_prompt"))?.key).toBe("text");
  });
});

describe("formatValue", () => {
  it("formats each kind of value", () => {
    const s = spec("menu");
    const keys = s.params.find((p) => p.key === "keys");
    const timeout = s.params.find((p) => p.key === "timeout_seconds");
    expect(keys && formatValue(keys, ["1", "2"], "en")).toBe("1, 2");
    expect(keys && formatValue(keys, [], "en")).toBeUndefined();
    expect(timeout && formatValue(timeout, 5, "en")).toBe("5");
    const voice = spec("play_prompt").params.find((p) => p.key === "voice_type");
    expect(voice && formatValue(voice, "tts", "zh")).toBe("文本转语音");
    const flag = spec("play_prompt").params.find((p) => p.key === "interruptible");
    expect(flag && formatValue(flag, true, "en")).toBe("yes");
    const assignments = spec("set_variables").params.find((p) => p.key === "assignments");
    expect(
      assignments && formatValue(assignments, [{ variable: "tier", value: "gold" }], "en"),
    ).toBe("tier = gold");
  });
});

describe("titleOf", () => {
  it("prefers the designer's label, then the catalog name", () => {
    expect(titleOf(spec("play_prompt"), node("play_prompt", {}, "Welcome"), "zh")).toBe("Welcome");
    expect(titleOf(spec("play_prompt"), node("play_prompt"), "zh")).toBe("播放语音");
    expect(titleOf(undefined, node("mystery"), "en")).toBe("mystery");
  });
});

describe("toCanvas", () => {
  it("draws the starter flow's blocks and lines", () => {
    const marks = { count: 2, worst: "warning" as const, ports: { next: "warning" as const } };
    const { nodes, edges } = toCanvas(starter, catalog, "en", new Map([["welcome", marks]]));
    expect(nodes.map((n) => [n.id, n.data.spec?.id, n.data.marks])).toEqual([
      ["start", "start", undefined],
      ["welcome", "play_prompt", marks],
      ["hang_up", "hang_up", undefined],
    ]);
    // The marks object itself, so the canvas can keep an unchanged block's node.
    expect(nodes[1].data.marks).toBe(marks);
    expect(edges).toEqual([
      { id: "e1", source: "start", sourceHandle: "next", target: "welcome" },
      { id: "e2", source: "welcome", sourceHandle: "next", target: "hang_up" },
    ]);
  });

  it("keeps a block the catalog does not know, without a spec", () => {
    const flow: Flow = { ...starter, nodes: [...starter.nodes, node("mystery")] };
    const { nodes } = toCanvas(flow, catalog, "en");
    expect(nodes[3].data.spec).toBeUndefined();
  });
});

describe("provider blocks", () => {
  it("read as their provider's designer shows them: title, summary, exits", () => {
    registerProviderNames(fixture.catalog as Catalog);
    const block = node("provider", {
      provider: "connect",
      type: "UpdateContactTargetQueue",
      exits: ["next", "error:NoMatchingError", "NumberGreaterThan:0"],
      parameters: { QueueId: "arn:aws:connect:queue/sales" },
    });
    const s = spec("provider");
    expect(titleOf(s, block, "en")).toBe("Set working queue");
    expect(titleOf(s, block, "zh")).toBe("设置工作队列");
    // Labelled (a friendly Identifier read as its label), its kind is still the designer's name.
    const named = { ...block, label: "Route to Sales" };
    expect(titleOf(s, named, "en")).toBe("Route to Sales");
    expect(kindOf(s, named, "en")).toBe("Set working queue");
    expect(kindOf(s, named, "zh")).toBe("设置工作队列");
    expect(summaryOf(s, block, "en")).toBe("QueueId: arn:aws:connect:queue/sales");
    expect(portsOf(s, block).map((p) => p.name.en)).toEqual(["Success", "Error", "> 0"]);
    expect(portsOf(s, block).map((p) => p.name.zh)).toEqual(["成功", "错误", "> 0"]);
    // Its exits keep their ids: lines still name them.
    expect(portsOf(s, block).map((p) => p.id)).toEqual(["next", "error:NoMatchingError", "NumberGreaterThan:0"]);
  });

  it("are drawn in their action's category, as the provider's designer files it", () => {
    registerProviderNames(fixture.catalog as Catalog);
    const s = spec("provider");
    const of = (provider: string, type: string) => categoryOf(s, node("provider", { provider, type, exits: [], parameters: {} }));
    expect(of("connect", "UpdateContactTargetQueue")).toBe("logic");
    expect(of("connect", "TransferContactToQueue")).toBe("transfer");
    expect(of("connect", "GetParticipantInput")).toBe("interact");
    expect(of("connect", "InvokeLambdaFunction")).toBe("integrate");
    // An action the catalog does not know keeps the provider block's own.
    expect(of("connect", "SomethingNew")).toBe("provider");
    expect(categoryOf(spec("play_prompt"), node("play_prompt", {}))).toBe("interact");
  });
});
