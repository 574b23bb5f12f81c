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
  paletteHint: {
    en: "Drag-and-drop arrives soon. Every block here comes from the catalog.",
    zh: "即将支持拖放。这里的每个模块都来自模块目录。",
  },
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
