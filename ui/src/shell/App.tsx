/**
 * The editor window, the app's frame: toolbar, palette, canvas, inspector and
 * problems panel. The state and commands live in `document/useEditor` (and
 * `editing/useEditing`); this file only lays them out.
 */

import { useCallback, useEffect, useRef, useState } from "react";
import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { type Backend, DEFAULT_SETTINGS, type Settings } from "../backend";
import { errorText } from "../errors";
import { Inspector } from "../inspector/Inspector";
import { Palette } from "./Palette";
import { ProblemsPanel } from "../problems/ProblemsPanel";
import { NoteActionsContext } from "../canvas/NoteNode";
import { SearchBar } from "../editing/SearchBar";
import { ShortcutsButton, ShortcutsOverlay } from "../editing/ShortcutsOverlay";
import { ThemeSwitch } from "./ThemeSwitch";
import { Brand, FlowTitle, LangSwitch, TargetSelect } from "./ToolbarParts";
import { CloudToolbar } from "../cloud";
import { SimulateButton, SimulatePanel, useFollowCall, useKeepCentre, useSimulator } from "../simulate";
import { Canvas, GRID } from "../canvas/Canvas";
import { centreBlock } from "../canvas/centre";
import { FileBar } from "../document/FileBar";
import { LayoutButtons } from "../editing/layout/LayoutButtons";
import { useLayout } from "../editing/layout/useLayout";
import { Overlays } from "../document/Overlays";
import { useEditing } from "../editing/useEditing";
import { useEditor } from "../document/useEditor";
import { useNotes } from "../editing/useNotes";
import { useProblemsTiming } from "../document/openTiming";
import { problemsOf } from "../problems/problemIndex";
import { usePaletteDrag } from "../editing/usePaletteDrag";
import { useShortcuts } from "../editing/useShortcuts";
import { pressToolbar, shortcutItems, useMenu } from "./useMenu";
import { GHOST, type Review, blockSpec } from "../flow";
import { type Lang, t, tx } from "../i18n";
import type { Problem } from "../model";
import { useTheme } from "../theme";
import { TaskArea, type TaskMode } from "../task/TaskArea";
import { TaskEntry } from "../task/TaskEntry";
import { useTaskDocument } from "../task/useTaskDocument";
import "./shell.css";

/** `settings`: what the designer chose before (the backend's), none in tests that do not care. */
type Props = { backend: Backend; initialLang: Lang; settings?: Settings };

export function App(props: Props) {
  return (
    <ReactFlowProvider>
      <Editor {...props} />
    </ReactFlowProvider>
  );
}

/** Where a dropped block's top-left goes so that the pointer holds its header: on the grid. */
function dropPoint(p: { x: number; y: number }) {
  return { x: Math.round((p.x - 120) / GRID) * GRID, y: Math.round((p.y - 20) / GRID) * GRID };
}

function Editor({ backend, initialLang, settings }: Props) {
  const [lang, setLangState] = useState<Lang>(settings?.language ?? initialLang);
  // What is chosen is kept by the backend the moment it is chosen.
  const chosen = useRef<Settings>(settings ?? DEFAULT_SETTINGS);
  const keep = (change: Partial<Settings>) => {
    chosen.current = { ...chosen.current, ...change };
    backend.settings.save(chosen.current).catch((e: unknown) => editor.setNotice({ kind: "error", key: "settingsNotKept", detail: errorText(e, lang) }));
  };
  const setLang = (l: Lang) => {
    setLangState(l);
    keep({ language: l });
  };
  const editor = useEditor(backend, lang);
  /** An NXLink outbound task, shown instead of the canvas while `taskMode` is not "flow" (../task). */
  const taskDoc = useTaskDocument(backend.tasks);
  const [taskMode, setTaskMode] = useState<TaskMode>("flow");
  const { catalog, flow } = editor;
  useProblemsTiming(editor.problems);
  // Auto-layout and tidy: one undoable edit of the document each.
  const layout = useLayout({
    current: () => (flow ? editor.currentFlow() : undefined),
    catalog,
    selected: editor.selected,
    apply: (f) => editor.edit(() => f),
    notify: editor.setNotice,
  });
  const editing = useEditing(editor, backend, layout);
  const sim = useSimulator({ backend, currentFlow: () => (flow ? editor.currentFlow() : undefined), flow, path: editor.doc.path, lang });
  useShortcuts({ ...editing.actions, simulate: sim.toggle });
  const simReview = sim.review;
  const notes = useNotes(editor, GRID);
  const theme = useTheme(settings?.theme, (c) => keep({ theme: c }));
  /** A publish's changes shown on the canvas (the Publish dialog's "Show on canvas"). */
  const [review, setReview] = useState<Review>();
  const reactFlow = useReactFlow();
  const canvasRef = useRef<HTMLElement>(null);
  // The native menu bar: the same actions as the shortcuts and the toolbar.
  const exportPicture = () => {
    if (!flow) return;
    backend.menu
      .exportPicture(editor.currentFlow(), lang, theme.theme, editor.selected)
      .then((path) => path && editor.setNotice({ kind: "info", key: "pictureExported", detail: path }))
      .catch((e: unknown) => editor.setNotice({ kind: "error", key: "pictureFailed", detail: errorText(e, lang) }));
  };
  useMenu(backend.menu, {
    ...shortcutItems(editing.actions),
    newFromTemplate: () => pressToolbar("file-template"),
    openRecent: () => pressToolbar("file-recent"),
    importCloud: () => pressToolbar("import-button"),
    publish: () => pressToolbar("publish-button"),
    exportPicture,
    zoomIn: () => void reactFlow.zoomIn(),
    zoomOut: () => void reactFlow.zoomOut(),
    fit: () => void reactFlow.fitView(),
    theme: () => theme.setChoice(theme.theme === "dark" ? "light" : "dark"),
    language: () => setLang(lang === "zh" ? "en" : "zh"),
  });
  useFollowCall(reactFlow, canvasRef, simReview);
  useKeepCentre(reactFlow, canvasRef, sim.open);

  useEffect(() => {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  }, [lang]);

  const { drag, start } = usePaletteDrag((block, x, y) =>
    editor.addBlock(block, dropPoint(reactFlow.screenToFlowPosition({ x, y }))),
  );
  /** The middle of the visible canvas, in flow coordinates. */
  const viewCentre = () => {
    const r = canvasRef.current?.getBoundingClientRect();
    if (!r) return undefined;
    return reactFlow.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
  };
  const addAtCentre = (block: string) => {
    const centre = viewCentre();
    if (centre) editor.addBlock(block, dropPoint(centre));
  };
  const addNote = () => {
    const centre = viewCentre();
    if (centre) notes.add(centre);
  };

  // The same function from render to render, so the problems list is not drawn again on every selection.
  const { setSelected } = editor;
  const focusProblem = useCallback(
    (p: Problem) => {
      if (!p.node) return;
      setSelected([p.node]);
      centreBlock(reactFlow, p.node);
    },
    [setSelected, reactFlow],
  );

  const selectedNode = flow?.nodes.find((n) => n.id === editor.selected[0]);
  const selectedSpec = selectedNode && catalog ? blockSpec(catalog, selectedNode.block) : undefined;
  const dragSpec = drag && catalog ? blockSpec(catalog, drag.block) : undefined;

  return (
    <div className="app" data-testid="app" data-backend={backend.kind} data-lang={lang} data-view={taskMode === "flow" ? "flow" : "task"}>
      <header className="toolbar" data-testid="toolbar">
        <Brand lang={lang} />
        {flow && (
          <FlowTitle
            name={flow.name}
            dirty={editor.dirty}
            lang={lang}
            onChange={(name) => editor.setSettings({ name }, "flow-name")}
          />
        )}
        <FileBar editor={editor} lang={lang} theme={theme.theme} backend={backend} />
        <button
          type="button"
          className="button"
          data-testid="add-note"
          title={t(lang, "addNoteHint")}
          disabled={!flow}
          onClick={addNote}
        >
          {t(lang, "addNote")}
        </button>
        <LayoutButtons layout={layout} hasFlow={!!flow} lang={lang} />
        <SimulateButton sim={sim} lang={lang} disabled={!flow} />
        <div className="toolbar-spacer" />
        <CloudToolbar
          backend={backend}
          lang={lang}
          flow={flow}
          path={editor.doc.path}
          dirty={editor.dirty}
          onOpen={editor.openDocuments}
          onPublished={editor.published}
          onProblems={(_, target) => editor.setTarget(target)}
          onReview={(r) => setReview(r ?? undefined)}
          onSelectBlock={(id) => {
            editor.setSelected(id.startsWith(GHOST) ? [] : [id]);
            centreBlock(reactFlow, id);
          }}
        />
        <ShortcutsButton lang={lang} onClick={() => editing.help.setOpen(true)} />
        <LangSwitch lang={lang} onChange={setLang} />
        <ThemeSwitch choice={theme.choice} lang={lang} onChange={theme.setChoice} />
      </header>
      {taskMode !== "flow" && <TaskArea api={backend.tasks} doc={taskDoc} mode={taskMode} lang={lang} onMode={setTaskMode} />}
      <div className={sim.open ? "workspace simulating" : "workspace"} hidden={taskMode !== "flow"}>
        {sim.open ? (
          <SimulatePanel
            host={sim}
            flow={flow}
            catalog={catalog}
            lang={lang}
            selected={selectedNode?.id}
            onSelectBlock={(id) => {
              editor.setSelected([id]);
              centreBlock(reactFlow, id);
            }}
          />
        ) : (
          <Palette catalog={catalog} lang={lang} onDragStart={start} onAdd={addAtCentre} />
        )}
        <main className="canvas" data-testid="canvas" ref={canvasRef} {...editing.canvasPointer}>
          <Overlays editor={editor} lang={lang} />
          <SearchBar search={editing.search} lang={lang} />
          {flow && (
            <div className="doc-stats" data-testid="doc-stats">
              {flow.nodes.length} {t(lang, "blockCount")} · {flow.edges.length} {t(lang, "lineCount")}
            </div>
          )}
          {editor.loadError ? (
            <div className="load-error" role="alert" data-testid="load-error">
              <strong>{t(lang, "loadFailed")}</strong>
              <p>{editor.loadError}</p>
            </div>
          ) : !flow || !catalog ? (
            <div className="loading">{t(lang, "loading")}</div>
          ) : (
            <NoteActionsContext.Provider value={notes.actions}>
              <Canvas
                flow={flow}
                catalog={catalog}
                lang={lang}
                marks={editor.problemIndex.marks}
                selected={editor.selected}
                onSelect={editor.setSelected}
                onMove={editor.move}
                onDelete={editor.remove}
                onConnect={editor.connect}
                onRefused={(key) => editor.setNotice({ kind: "error", key })}
                fitKey={editor.doc.loads}
                theme={theme.theme}
                review={simReview ?? review}
              />
            </NoteActionsContext.Provider>
          )}
        </main>
        <Inspector
          catalog={catalog}
          flow={flow}
          node={selectedNode}
          spec={selectedSpec}
          problems={problemsOf(editor.problemIndex, selectedNode?.id)}
          lang={lang}
          onLabel={editor.setLabel}
          onParam={editor.setParam}
          onSettings={editor.setSettings}
          noteSelected={!!flow && flow.notes.some((n) => n.id === editor.selected[0])}
        />
      </div>
      <ProblemsPanel
        problems={editor.problems}
        flow={flow}
        lang={lang}
        error={editor.checkError}
        onSelect={focusProblem}
      >
        <TaskEntry doc={taskDoc} lang={lang} onMode={setTaskMode} />
        <TargetSelect target={editor.target} lang={lang} onChange={editor.setTarget} />
      </ProblemsPanel>
      {editing.help.open && (
        <ShortcutsOverlay lang={lang} autoLayout={editing.help.autoLayout} onClose={() => editing.help.setOpen(false)} />
      )}
      {drag && dragSpec && (
        <div className="drag-ghost" style={{ left: drag.x, top: drag.y }} data-testid="drag-ghost">
          {tx(dragSpec.name, lang)}
        </div>
      )}
    </div>
  );
}
