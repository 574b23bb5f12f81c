/**
 * The editor window: toolbar, palette, canvas and problems panel. It loads the
 * catalog and the starter flow from the backend, draws the flow, and shows the
 * problems the engine's `validate_flow` returns for the chosen target.
 */

import { useCallback, useEffect, useMemo, useState } from "react";
import {
  Background,
  BackgroundVariant,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  applyNodeChanges,
  useReactFlow,
  type NodeChange,
} from "@xyflow/react";
import type { Backend } from "./backend";
import { BlockNode, type BlockNodeType } from "./components/BlockNode";
import { CATEGORY_COLOR } from "./components/CategoryIcon";
import { Inspector } from "./components/Inspector";
import { Palette } from "./components/Palette";
import { ProblemsPanel } from "./components/ProblemsPanel";
import { blockSpec, toCanvas } from "./flow";
import { LANGS, type Lang, t } from "./i18n";
import type { Catalog, Flow, Problem, Provider } from "./model";

const NODE_TYPES = { block: BlockNode };
const PROVIDERS: Provider[] = ["connect", "aliyun", "aliyun2017", "nxlink"];

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

type Props = { backend: Backend; initialLang: Lang };

export function App(props: Props) {
  return (
    <ReactFlowProvider>
      <Editor {...props} />
    </ReactFlowProvider>
  );
}

function Editor({ backend, initialLang }: Props) {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [catalog, setCatalog] = useState<Catalog>();
  const [flow, setFlow] = useState<Flow>();
  const [target, setTarget] = useState<Provider | null>(null);
  const [problems, setProblems] = useState<Problem[]>();
  const [loadError, setLoadError] = useState<string>();
  const [checkError, setCheckError] = useState<string>();
  const [nodes, setNodes] = useState<BlockNodeType[]>([]);
  const reactFlow = useReactFlow();

  useEffect(() => {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  }, [lang]);

  useEffect(() => {
    let live = true;
    Promise.all([backend.catalog(), backend.starterFlow()])
      .then(([c, f]) => {
        if (!live) return;
        setCatalog(c);
        setFlow(f);
      })
      .catch((e: unknown) => live && setLoadError(message(e)));
    return () => {
      live = false;
    };
  }, [backend]);

  const check = useCallback(
    (f: Flow, tgt: Provider | null) => {
      setProblems(undefined);
      setCheckError(undefined);
      backend
        .validateFlow(f, tgt)
        .then(setProblems)
        .catch((e: unknown) => setCheckError(message(e)));
    },
    [backend],
  );

  useEffect(() => {
    if (flow) check(flow, target);
    // Re-check when the flow is loaded or the target changes; moving a block
    // does not change what the engine reports.
  }, [flow === undefined, target, check]);

  const problemsByNode = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of problems ?? []) if (p.node) m.set(p.node, (m.get(p.node) ?? 0) + 1);
    return m;
  }, [problems]);

  const canvas = useMemo(
    () => (flow && catalog ? toCanvas(flow, catalog, lang, problemsByNode) : undefined),
    [flow, catalog, lang, problemsByNode],
  );

  useEffect(() => {
    if (!canvas) return;
    setNodes((prev) => {
      const selected = new Set(prev.filter((n) => n.selected).map((n) => n.id));
      return canvas.nodes.map((n) => ({ ...n, selected: selected.has(n.id) }));
    });
  }, [canvas]);

  const edges = useMemo(
    () =>
      (canvas?.edges ?? []).map((e) => ({
        ...e,
        type: "smoothstep",
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      })),
    [canvas],
  );

  const onNodesChange = useCallback((changes: NodeChange<BlockNodeType>[]) => {
    setNodes((ns) => applyNodeChanges(changes, ns));
    // Keep dragged positions in the flow document.
    const moved = new Map<string, { x: number; y: number }>();
    for (const c of changes) if (c.type === "position" && c.position) moved.set(c.id, c.position);
    if (moved.size > 0) {
      setFlow((f) =>
        f && {
          ...f,
          nodes: f.nodes.map((n) => {
            const p = moved.get(n.id);
            return p ? { ...n, position: { x: p.x, y: p.y } } : n;
          }),
        },
      );
    }
  }, []);

  const selectedId = nodes.find((n) => n.selected)?.id;
  const selectedNode = flow?.nodes.find((n) => n.id === selectedId);
  const selectedSpec = selectedNode && catalog ? blockSpec(catalog, selectedNode.block) : undefined;

  const focusProblem = useCallback(
    (p: Problem) => {
      if (!p.node) return;
      setNodes((ns) => ns.map((n) => ({ ...n, selected: n.id === p.node })));
      void reactFlow.fitView({ nodes: [{ id: p.node }], duration: 300, maxZoom: 1.2 });
    },
    [reactFlow],
  );

  return (
    <div className="app" data-testid="app" data-backend={backend.kind} data-lang={lang}>
      <header className="toolbar" data-testid="toolbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t(lang, "appName")}</span>
        </div>
        <div className="doc-title" data-testid="flow-name">
          {flow?.name ?? ""}
        </div>
        {flow && (
          <div className="doc-stats">
            {flow.nodes.length} {t(lang, "blockCount")} · {flow.edges.length} {t(lang, "lineCount")}
          </div>
        )}
        <div className="toolbar-spacer" />
        <label className="toolbar-field">
          <span>{t(lang, "target")}</span>
          <select
            data-testid="target-select"
            value={target ?? ""}
            onChange={(e) => setTarget(e.target.value === "" ? null : (e.target.value as Provider))}
          >
            <option value="">{t(lang, "anyTarget")}</option>
            {PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {t(lang, `provider_${p}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button primary"
          data-testid="validate-button"
          disabled={!flow}
          onClick={() => flow && check(flow, target)}
        >
          {t(lang, "validate")}
        </button>
        <div className="lang-switch" role="group" aria-label={t(lang, "language")}>
          {LANGS.map((l) => (
            <button
              key={l}
              type="button"
              data-testid={`lang-${l}`}
              className={l === lang ? "active" : ""}
              aria-pressed={l === lang}
              onClick={() => setLang(l)}
            >
              {l === "en" ? "EN" : "中文"}
            </button>
          ))}
        </div>
      </header>
      <div className="workspace">
        <Palette catalog={catalog} lang={lang} />
        <main className="canvas" data-testid="canvas">
          {loadError ? (
            <div className="load-error" role="alert" data-testid="load-error">
              <strong>{t(lang, "loadFailed")}</strong>
              <p>{loadError}</p>
            </div>
          ) : !canvas ? (
            <div className="loading">{t(lang, "loading")}</div>
          ) : (
            <ReactFlow<BlockNodeType>
              nodes={nodes}
              edges={edges}
              nodeTypes={NODE_TYPES}
              onNodesChange={onNodesChange}
              nodesConnectable={false}
              fitView
              fitViewOptions={{ padding: 0.12, maxZoom: 1.1 }}
              minZoom={0.2}
              maxZoom={2}
            >
              <Background variant={BackgroundVariant.Dots} gap={18} size={1.4} color="#cbd5e1" />
              <MiniMap
                pannable
                zoomable
                nodeColor={(n) => {
                  const spec = (n as BlockNodeType).data.spec;
                  return spec ? CATEGORY_COLOR[spec.category] : "#dc2626";
                }}
                nodeStrokeWidth={0}
              />
              <Controls showInteractive={false} />
            </ReactFlow>
          )}
        </main>
        <Inspector catalog={catalog} flow={flow} node={selectedNode} spec={selectedSpec} lang={lang} />
      </div>
      <ProblemsPanel
        problems={problems}
        flow={flow}
        lang={lang}
        error={checkError}
        onSelect={focusProblem}
      />
    </div>
  );
}
