// Synthetic flows for the real-app load tests: the same shape as ivr-flow's
// `synth::large_flow(n)` (crates/ivr-flow/src/synth.rs): units of a menu
// (keys 1, 2, 3), a prompt, a queue transfer and a digit collection, every
// exit wired, plus a start and a hang-up; exactly `blocks` blocks. Written
// in the `ivr-studio/flow` v1 file format. `pile` puts every block at one
// point (a flow that needs laying out).

import { writeFileSync } from "node:fs";

/** The flow document (format, version and the flow) with `blocks` blocks. */
export function largeFlow(blocks, { pile = false } = {}) {
  const nodes = [];
  const edges = [];
  const at = (x, y) => (pile ? { x: 0, y: 0 } : { x, y });
  const node = (id, block, x, y, params = {}) => nodes.push({ id, block, label: "", position: at(x, y), params });
  const edge = (from, port, to) => edges.push({ id: `e${edges.length + 1}`, from: { node: from, port }, to });
  node("start", "start", 0, 0);
  const units = Math.floor(Math.max(0, blocks - 2) / 4);
  let prev = ["start", "next"];
  for (let u = 0; u < units; u++) {
    const [menu, prompt, queue, collect] = [`menu${u}`, `prompt${u}`, `queue${u}`, `collect${u}`];
    const y = u * 160;
    node(menu, "menu", 300, y, { keys: ["1", "2", "3"], prompt: "Press 1, 2 or 3.", timeout_seconds: 5 });
    node(prompt, "play_prompt", 600, y, {
      text: `You chose option one in step ${u}.`,
      voice_type: "tts",
      interruptible: false,
    });
    node(queue, "transfer_queue", 600, y + 60, { queue: `queue-${u}` });
    node(collect, "collect_digits", 900, y, {
      prompt: "Enter your account number.",
      variable: "account",
      min_digits: 4,
      max_digits: 12,
      timeout_seconds: 8,
      terminator: "#",
    });
    edge(prev[0], prev[1], menu);
    edge(menu, "key:1", prompt);
    edge(menu, "key:2", queue);
    edge(menu, "key:3", collect);
    edge(menu, "timeout", "bye");
    edge(menu, "no_match", menu);
    edge(menu, "error", "bye");
    edge(queue, "error", "bye");
    edge(collect, "error", "bye");
    edge(collect, "timeout", "bye");
    edge(collect, "next", "bye");
    prev = [prompt, "next"];
  }
  const used = 2 + units * 4;
  for (let i = 0; i < Math.max(blocks - used, blocks < 3 ? 1 : 0); i++) {
    const id = `extra${i}`;
    node(id, "play_prompt", 1200, i * 80, { text: "One moment, please.", voice_type: "tts", interruptible: false });
    edge(prev[0], prev[1], id);
    prev = [id, "next"];
  }
  node("bye", "hang_up", 1500, 0);
  edge(prev[0], prev[1], "bye");
  return {
    format: "ivr-studio/flow",
    version: 1,
    name: `Synthetic flow, ${blocks} blocks`,
    description: "",
    kind: "main",
    variables: [{ name: "account", type: "string", initial: "", description: "" }],
    nodes,
    edges,
    notes: [],
    bindings: [],
  };
}

/** Writes `largeFlow(blocks, options)` to `file`; answers the document. */
export function writeLargeFlow(file, blocks, options) {
  const doc = largeFlow(blocks, options);
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  return doc;
}
