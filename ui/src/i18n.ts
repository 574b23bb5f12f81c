/**
 * The UI's own strings in English and Chinese, and the language choice.
 * Block names, parameter names and problem messages come from the engine's
 * catalog and problems as `Text { en, zh }`; only the app's chrome is here.
 */

import type { Text } from "./model";

export type Lang = "en" | "zh";

export const LANGS: readonly Lang[] = ["en", "zh"];

const STRINGS = {
  appName: { en: "IVR Studio", zh: "IVR Studio" },
  blocks: { en: "Blocks", zh: "模块" },
  problems: { en: "Problems", zh: "问题" },
  inspector: { en: "Inspector", zh: "属性" },
  selectBlock: { en: "Select a block to see its settings and exits.", zh: "选择一个模块以查看其设置和出口。" },
  settings: { en: "Settings", zh: "设置" },
  exits: { en: "Exits", zh: "出口" },
  endsCall: { en: "This block ends the call: it has no exits.", zh: "此模块结束通话，没有出口。" },
  notWired: { en: "not connected", zh: "未连接" },
  noProblems: { en: "No problems", zh: "没有问题" },
  checking: { en: "Checking…", zh: "正在检查…" },
  target: { en: "Target", zh: "目标平台" },
  anyTarget: { en: "Any provider", zh: "任意平台" },
  language: { en: "Language", zh: "语言" },
  validate: { en: "Check flow", zh: "检查流程" },
  loading: { en: "Loading…", zh: "正在加载…" },
  loadFailed: { en: "The editor could not start", zh: "编辑器无法启动" },
  checkFailed: { en: "The check could not run", zh: "无法运行检查" },
  blockCount: { en: "blocks", zh: "个模块" },
  lineCount: { en: "lines", zh: "条连线" },
  onBlock: { en: "Block", zh: "模块" },
  onExit: { en: "exit", zh: "出口" },
  onField: { en: "setting", zh: "设置" },
  notSet: { en: "not set", zh: "未设置" },
  items: { en: "items", zh: "项" },
  yes: { en: "yes", zh: "是" },
  no: { en: "no", zh: "否" },
  unknownBlock: { en: "Unknown block", zh: "未知模块" },
  severityError: { en: "Error", zh: "错误" },
  severityWarning: { en: "Warning", zh: "警告" },
  severityInfo: { en: "Info", zh: "提示" },
  cat_flow: { en: "Flow", zh: "流程" },
  cat_interact: { en: "Interact", zh: "交互" },
  cat_logic: { en: "Logic", zh: "逻辑" },
  cat_transfer: { en: "Transfer", zh: "转接" },
  cat_integrate: { en: "Integrate", zh: "集成" },
  cat_provider: { en: "Provider", zh: "平台专有" },
  provider_connect: { en: "Amazon Connect", zh: "Amazon Connect" },
  provider_aliyun: { en: "Alibaba Cloud CCC", zh: "阿里云云联络中心" },
  provider_aliyun2017: { en: "Alibaba Cloud CCC (2017)", zh: "阿里云云呼叫中心 (2017)" },
  provider_nxlink: { en: "NXLink", zh: "NXLink" },
  // The editor (ui/src/editor).
  searchBlocks: { en: "Search blocks", zh: "搜索模块" },
  paletteDragHint: {
    en: "Drag a block onto the canvas, or double-click it to add it in the middle.",
    zh: "将模块拖到画布上，或双击将其添加到画布中央。",
  },
  noBlocksFound: { en: "No block matches", zh: "没有匹配的模块" },
  refuseMissing: { en: "That block no longer exists.", zh: "该模块已不存在。" },
  refuseFromTerminal: {
    en: "This block ends the call: no line can leave it.",
    zh: "此模块结束通话：不能从它引出连线。",
  },
  refuseIntoStart: {
    en: "No line can enter the start block: the call begins there.",
    zh: "连线不能进入开始模块：通话从这里开始。",
  },
  refuseNoExit: { en: "This block has no such exit.", zh: "此模块没有这个出口。" },
  fileNew: { en: "New", zh: "新建" },
  fileTemplate: { en: "From template…", zh: "从模板新建…" },
  templates: { en: "New from template", zh: "从模板新建" },
  templateCreate: { en: "Create", zh: "创建" },
  templateBlocks: { en: "{n} blocks", zh: "{n} 个模块" },
  noTemplates: { en: "No templates are installed.", zh: "未安装模板。" },
  templateFailed: { en: "The template could not be opened", zh: "无法打开模板" },
  fileOpen: { en: "Open…", zh: "打开…" },
  fileSave: { en: "Save", zh: "保存" },
  fileSaveAs: { en: "Save as…", zh: "另存为…" },
  fileRecent: { en: "Recent", zh: "最近" },
  noRecent: { en: "No recent files", zh: "没有最近的文件" },
  undo: { en: "Undo", zh: "撤销" },
  redo: { en: "Redo", zh: "重做" },
  saved: { en: "Saved", zh: "已保存" },
  unsaved: { en: "Unsaved changes", zh: "有未保存的更改" },
  openFailed: { en: "The file was not opened", zh: "文件未能打开" },
  history: { en: "History", zh: "历史" },
  close: { en: "Close", zh: "关闭" },
  historySaved: { en: "saved", zh: "已保存" },
  historyPublished: { en: "published to", zh: "已发布到" },
  historyImported: { en: "imported from", zh: "导入自" },
  historyRestore: { en: "Restore as a draft", zh: "恢复为草稿" },
  historyEmpty: { en: "No snapshot yet: one is kept on every save and publish.", zh: "还没有快照：每次保存和发布都会保留一份。" },
  historySame: { en: "The same as the document now.", zh: "与当前文档相同。" },
  historySinceThen: { en: "Changes from this snapshot to the document now:", zh: "从此快照到当前文档的改动：" },
  historyMoves: { en: "moves", zh: "处移动" },
  settingsNotKept: { en: "The choice applies now but was not kept for the next start", zh: "所选设置现已生效，但未能保存到下次启动" },
  saveFailed: { en: "The flow was not saved", zh: "流程未能保存" },
  pictureExported: { en: "Picture saved", zh: "图片已保存" },
  pictureFailed: { en: "The picture was not saved", zh: "图片未能保存" },
  imported: {
    en: "Imported from a provider's file as a new flow: Save asks where to keep it.",
    zh: "已从平台文件导入为新流程：保存时会询问保存位置。",
  },
  importedNamed: {
    en: "Imported from a provider's file that gives no flow name: the flow is named after the file (rename it in the flow settings). Save asks where to keep it.",
    zh: "已从未提供流程名称的平台文件导入：流程以文件名命名（可在流程设置中重命名）。保存时会询问保存位置。",
  },
  recoverTitle: {
    en: "IVR Studio did not close properly. Your last changes were kept.",
    zh: "IVR Studio 上次未正常关闭，已保留您最近的更改。",
  },
  recoverRestore: { en: "Restore", zh: "恢复" },
  recoverDiscard: { en: "Discard", zh: "丢弃" },
  closeTitle: { en: "Save changes before closing?", zh: "关闭前保存更改吗？" },
  closeBody: {
    en: "Your changes to this flow will be lost if you don't save them.",
    zh: "如果不保存，对此流程的更改将会丢失。",
  },
  closeDiscard: { en: "Don't save", zh: "不保存" },
  cancel: { en: "Cancel", zh: "取消" },
  dismiss: { en: "Dismiss", zh: "关闭" },
  flowSettings: { en: "Flow settings", zh: "流程设置" },
  flowName: { en: "Name", zh: "名称" },
  flowDescription: { en: "Description", zh: "描述" },
  flowKind: { en: "Type", zh: "类型" },
  variables: { en: "Variables", zh: "变量" },
  variableName: { en: "Name", zh: "名称" },
  variableType: { en: "Type", zh: "类型" },
  variableInitial: { en: "Initial value", zh: "初始值" },
  addVariable: { en: "Add variable", zh: "添加变量" },
  addItem: { en: "Add", zh: "添加" },
  remove: { en: "Remove", zh: "移除" },
  label: { en: "Label", zh: "标签" },
  chooseVariable: { en: "Choose a variable", zh: "选择变量" },
  invalidJson: { en: "Not valid JSON", zh: "不是有效的 JSON" },
  caseOperator: { en: "Operator", zh: "运算符" },
  caseValue: { en: "Value", zh: "值" },
  assignVariable: { en: "Variable", zh: "变量" },
  assignValue: { en: "Value", zh: "值" },
  newKey: { en: "Key", zh: "按键" },
  kind_main: { en: "Main (inbound) flow", zh: "主流程（呼入）" },
  kind_sub: { en: "Sub-flow (module)", zh: "子流程（模块）" },
  kind_survey: { en: "Survey", zh: "满意度调查" },
  kind_customer_queue: { en: "Customer queue", zh: "客户排队" },
  kind_customer_hold: { en: "Customer hold", zh: "客户保持" },
  kind_customer_whisper: { en: "Customer whisper", zh: "客户耳语" },
  kind_agent_hold: { en: "Agent hold", zh: "坐席保持" },
  kind_agent_whisper: { en: "Agent whisper", zh: "坐席耳语" },
  kind_outbound_whisper: { en: "Outbound whisper", zh: "外呼耳语" },
  kind_agent_transfer: { en: "Transfer to agent", zh: "转接坐席" },
  kind_queue_transfer: { en: "Transfer to queue", zh: "转接队列" },
  kind_campaign: { en: "Outbound campaign", zh: "外呼活动" },
  vartype_string: { en: "Text", zh: "文本" },
  vartype_number: { en: "Number", zh: "数字" },
  vartype_boolean: { en: "Yes / no", zh: "是 / 否" },
  // Sticky notes and themes (ui/src/canvas/NoteNode.tsx, ui/src/theme.ts).
  addNote: { en: "Add note", zh: "添加便签" },
  addNoteHint: { en: "Add a sticky note in the middle of the view", zh: "在视图中央添加一张便签" },
  fitView: { en: "Fit the whole flow in view", zh: "缩放以显示整个流程" },
  ssmlHint: {
    en: "Written in SSML (speech markup): shown as its text; the setting keeps the markup",
    zh: "以 SSML（语音合成标记语言）编写：此处显示其文字，设置中保留原标记",
  },
  note: { en: "Note", zh: "便签" },
  notePlaceholder: { en: "Double-click to write", zh: "双击以输入文字" },
  noteEditHint: { en: "Double-click to edit", zh: "双击编辑" },
  noteSelected: {
    en: "A sticky note: double-click it to edit its text, drag its corners to resize it. Notes are not part of the call flow.",
    zh: "这是一张便签：双击编辑文字，拖动边角调整大小。便签不属于通话流程。",
  },
  theme: { en: "Theme", zh: "主题" },
  theme_system: { en: "Follow the system", zh: "跟随系统" },
  theme_light: { en: "Light", zh: "浅色" },
  theme_dark: { en: "Dark", zh: "深色" },
  // ----- Editing: clipboard, search, keyboard shortcuts (canvas editor part two) -----
  pasteNotBlocks: { en: "The clipboard does not hold IVR Studio blocks: nothing was pasted.", zh: "剪贴板中没有 IVR Studio 模块，未粘贴任何内容。" },
  pasteNewer: { en: "These blocks were copied from a newer IVR Studio: update the app to paste them. Nothing was pasted.", zh: "这些模块复制自更新版本的 IVR Studio，请先更新应用。未粘贴任何内容。" },
  pasteBadBlocks: { en: "The copied blocks are damaged: nothing was pasted.", zh: "复制的模块已损坏，未粘贴任何内容。" },
  clipboardFailed: { en: "The clipboard could not be used", zh: "无法使用剪贴板" },
  searchPlaceholder: { en: "Find blocks by name, text or id", zh: "按名称、文本或 ID 查找模块" },
  searchNone: { en: "No match", zh: "无匹配" },
  searchPrev: { en: "Previous match", zh: "上一个" },
  searchNext: { en: "Next match", zh: "下一个" },
  searchClose: { en: "Close search", zh: "关闭查找" },
  shortcutsTitle: { en: "Keyboard shortcuts", zh: "键盘快捷键" },
  shortcutsMacNote: { en: "On macOS, Cmd works wherever Ctrl is shown.", zh: "在 macOS 上，凡标为 Ctrl 的均可用 Cmd。" },
  shortcutsClose: { en: "Close", zh: "关闭" },
  sgroup_file: { en: "File", zh: "文件" },
  sgroup_edit: { en: "Edit", zh: "编辑" },
  sgroup_select: { en: "Selection", zh: "选择" },
  sgroup_view: { en: "Find and view", zh: "查找与视图" },
  sc_new: { en: "New flow", zh: "新建流程" },
  sc_open: { en: "Open a file", zh: "打开文件" },
  sc_save: { en: "Save", zh: "保存" },
  sc_saveAs: { en: "Save as", zh: "另存为" },
  sc_undo: { en: "Undo", zh: "撤销" },
  sc_redo: { en: "Redo", zh: "重做" },
  sc_copy: { en: "Copy the selected blocks", zh: "复制所选模块" },
  sc_cut: { en: "Cut the selected blocks", zh: "剪切所选模块" },
  sc_paste: { en: "Paste blocks (at the pointer)", zh: "粘贴模块（在指针处）" },
  sc_duplicate: { en: "Duplicate the selected blocks", zh: "创建所选模块的副本" },
  sc_delete: { en: "Delete the selection", zh: "删除所选内容" },
  sc_nudge: { en: "Move the selection by one grid step", zh: "将所选模块移动一格" },
  sc_nudgeFar: { en: "Move the selection by five grid steps", zh: "将所选模块移动五格" },
  sc_autoLayout: { en: "Arrange the blocks automatically", zh: "自动排列模块" },
  sc_selectAll: { en: "Select every block", zh: "选择全部模块" },
  sc_clearSelection: { en: "Clear the selection (or close a panel)", zh: "取消选择（或关闭面板）" },
  sc_nextBlock: { en: "Select the next block", zh: "选择下一个模块" },
  sc_prevBlock: { en: "Select the previous block", zh: "选择上一个模块" },
  sc_multiSelect: { en: "Add to the selection (click), or drag a box", zh: "加选（点击），或拖出选择框" },
  sc_find: { en: "Find blocks", zh: "查找模块" },
  sc_findNext: { en: "Next match (in the find bar)", zh: "下一个匹配（在查找栏中）" },
  sc_findPrev: { en: "Previous match (in the find bar)", zh: "上一个匹配（在查找栏中）" },
  sc_help: { en: "Show these shortcuts", zh: "显示这些快捷键" },
  sc_simulate: { en: "Show or hide the call simulator", zh: "显示或隐藏通话模拟器" },
  simulate: { en: "Simulate", zh: "模拟通话" },
  simulateHint: { en: "Try the flow as a caller would, offline (F5)", zh: "像来电者一样离线试用流程（F5）" },
  // ----- end of editing -----
  // ----- Auto-layout and tidy (editing/layout) -----
  autoLayout: { en: "Auto-layout", zh: "自动布局" },
  autoLayoutHint: { en: "Arrange every block left to right", zh: "从左到右自动排列所有模块" },
  tidy: { en: "Tidy", zh: "整理" },
  tidyHint: { en: "Arrange only the selected blocks, where they are", zh: "仅在原处整理所选模块" },
  layoutBusy: { en: "Arranging…", zh: "正在排列…" },
  layoutFailed: { en: "The layout failed; nothing was moved", zh: "布局失败，未移动任何模块" },
  layoutStale: {
    en: "The flow changed while it was being arranged; nothing was moved",
    zh: "排列期间流程已更改，未移动任何模块",
  },
  tidyNeedsSelection: { en: "Select two or more blocks to tidy", zh: "请选择两个或更多模块再整理" },
  // A provider block's parameters (inspector/ProviderParams.tsx).
  dynamic: { en: "Dynamic", zh: "动态" },
  dynamicHint: {
    en: "A dynamic value: read from the contact (attributes, input, a bot) when the call runs",
    zh: "动态值：在通话运行时从联系人数据（属性、输入、机器人）中读取",
  },
  rawJson: { en: "Raw JSON", zh: "原始 JSON" },
  noParameters: { en: "No parameters", zh: "没有参数" },
} as const satisfies Record<string, Text>;

export type StringKey = keyof typeof STRINGS;

/** The UI string `key` in `lang`. */
export function t(lang: Lang, key: StringKey): string {
  return STRINGS[key][lang];
}

/** A catalog or problem text in `lang`, falling back to English when empty. */
export function tx(text: Text, lang: Lang): string {
  return text[lang] || text.en;
}

/** The language for a BCP 47 tag such as `navigator.language`: `zh*` is Chinese, else English. */
export function langOf(tag: string | undefined | null): Lang {
  return tag?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

/** Every UI string key (for tests that check the table is complete). */
export function stringKeys(): StringKey[] {
  return Object.keys(STRINGS) as StringKey[];
}
