/** The cloud panels' strings in English and Chinese (the app's own table is ../i18n.ts). */

import { type Lang, t } from "../i18n";
import type { Provider } from "../model";

const STRINGS = {
  connections: { en: "Connections", zh: "连接" },
  import: { en: "Import", zh: "导入" },
  publish: { en: "Publish", zh: "发布" },
  connection: { en: "Connection", zh: "连接" },
  close: { en: "Close", zh: "关闭" },
  cancel: { en: "Cancel", zh: "取消" },
  builtin: { en: "Local sandbox", zh: "本地沙箱" },
  builtinHint: {
    en: "Built in: the app's own sandbox on this computer, with its demo key. Ready to publish and import.",
    zh: "内置：本机上的应用沙箱，使用演示密钥。可直接发布和导入。",
  },
  addProfile: { en: "Add connection", zh: "添加连接" },
  edit: { en: "Edit", zh: "编辑" },
  remove: { en: "Remove", zh: "删除" },
  test: { en: "Test connection", zh: "测试连接" },
  testing: { en: "Testing…", zh: "正在测试…" },
  testOk: { en: "Connected: the provider accepted the credentials.", zh: "已连接：服务商接受了凭据。" },
  save: { en: "Save", zh: "保存" },
  name: { en: "Name", zh: "名称" },
  provider: { en: "Provider", zh: "服务商" },
  region: { en: "Region", zh: "地域" },
  instance: { en: "Instance ID", zh: "实例 ID" },
  endpoint: { en: "Endpoint (optional)", zh: "接入地址（可选）" },
  keyId: { en: "Access key ID", zh: "AccessKey ID" },
  secret: { en: "Secret", zh: "密钥" },
  secretStored: { en: "Stored in the OS keyring, ending in", zh: "已保存在系统钥匙串中，末四位" },
  secretStoredShort: { en: "Secret stored", zh: "已保存密钥" },
  secretNone: { en: "No secret stored", zh: "未保存密钥" },
  secretPlaceholderNew: { en: "Paste the secret (goes to the OS keyring only)", zh: "粘贴密钥（仅保存到系统钥匙串）" },
  secretPlaceholderKeep: { en: "Leave empty to keep the stored secret", zh: "留空则保留已保存的密钥" },
  keyringError: { en: "The keyring could not be read", zh: "无法读取钥匙串" },
  noProfiles: { en: "No connections", zh: "没有连接" },
  importTitle: { en: "Import flows", zh: "导入流程" },
  search: { en: "Search by name", zh: "按名称搜索" },
  allTypes: { en: "All types", zh: "全部类型" },
  loadingFlows: { en: "Loading flows…", zh: "正在加载流程…" },
  noFlows: { en: "No flows", zh: "没有流程" },
  previous: { en: "Previous", zh: "上一页" },
  next: { en: "Next", zh: "下一页" },
  pageOf: { en: "Page", zh: "第" },
  flowsTotal: { en: "flows", zh: "个流程" },
  flowTotal: { en: "flow", zh: "个流程" },
  demoKey: { en: "Uses the demo key: no secret to store", zh: "使用演示凭据，无需保存密钥" },
  instanceIs: { en: "Instance", zh: "实例" },
  published: { en: "published", zh: "已发布" },
  saved: { en: "saved", zh: "已保存" },
  editing: { en: "being edited", zh: "编辑中" },
  preview: { en: "Preview", zh: "预览" },
  previewing: { en: "Previewing", zh: "预览中" },
  selectToPreview: { en: "Select a flow to preview it.", zh: "选择一个流程以预览。" },
  openSelected: { en: "Open", zh: "打开" },
  importing: { en: "Importing…", zh: "正在导入…" },
  blocksN: { en: "blocks", zh: "个模块" },
  publishTitle: { en: "Publish flow", zh: "发布流程" },
  checking: { en: "Checking the flow for", zh: "正在按以下平台检查流程：" },
  refused: {
    en: "The flow has errors for this provider. Nothing was sent; they are listed in the problems panel.",
    zh: "该流程在此平台上有错误，未发送任何内容；问题已列在问题面板中。",
  },
  forceAck: {
    en: "I know these checks may be stricter than the provider: send it anyway and let the provider decide.",
    zh: "我知道这些检查可能比平台更严格：仍然发送，由平台决定是否接受。",
  },
  forcePublish: { en: "Publish anyway", zh: "仍然发布" },
  forced: {
    en: "Sending despite IVR Studio's errors: the provider's answer decides.",
    zh: "忽略 IVR Studio 的错误发送：以平台的答复为准。",
  },
  savesFirst: {
    en: "The flow has unsaved changes: publishing saves them, with the binding, to",
    zh: "流程有未保存的更改：发布时会把它们连同绑定一起保存到",
  },
  publishName: { en: "Name in the cloud", zh: "云端名称" },
  willCreate: { en: "Will create a new flow in instance", zh: "将在以下实例中新建流程：" },
  willUpdate: { en: "Will update flow", zh: "将更新流程" },
  inInstance: { en: "in instance", zh: "，实例" },
  statusPublished: { en: "Publish (live)", zh: "发布（上线）" },
  statusSaved: { en: "Save as draft", zh: "保存为草稿" },
  publishing: { en: "Publishing…", zh: "正在发布…" },
  publishedAs: { en: "Published. Remote ID:", zh: "已发布。远程 ID：" },
  savedAs: { en: "Saved. Remote ID:", zh: "已保存。远程 ID：" },
  bindingSaved: { en: "The binding is saved in the document.", zh: "绑定已保存在文档中。" },
  bindExisting: { en: "Bind to the existing flow and update it", zh: "绑定到已有流程并更新" },
  publishFailed: { en: "The publish failed", zh: "发布失败" },
  cloudChanged: {
    en: "Someone changed this flow in the cloud since you last imported or published it. Publishing now would change there:",
    zh: "自您上次导入或发布以来，有人在云端修改了此流程。现在发布将在云端做出以下改动：",
  },
  overwrite: { en: "Overwrite the cloud's version", zh: "覆盖云端版本" },
  openCloudVersion: { en: "Open the cloud's version beside yours", zh: "在旁边打开云端版本" },
  sinceSynced: { en: "Since this file last synced with the cloud", zh: "自本文件上次与云端同步" },
  changedInCloud: { en: "the cloud's flow was changed:", zh: "云端流程的改动：" },
  changedByYou: { en: "and you changed:", zh: "您的改动：" },
  nothing: { en: "nothing", zh: "无" },
  readingLive: { en: "Reading what is live…", zh: "正在读取云端当前版本…" },
  noChange: { en: "This publish changes nothing in the cloud.", zh: "此次发布不会改变云端的任何内容。" },
  movesOnly: { en: "moves only", zh: "处仅移动" },
  publishChanges: { en: "Changes this publish makes in the cloud:", zh: "此次发布将在云端做出的改动：" },
  showOnCanvas: { en: "Show on canvas", zh: "在画布上显示" },
  previousChange: { en: "Previous change", zh: "上一处改动" },
  nextChange: { en: "Next change", zh: "下一处改动" },
  providerProblems: { en: "The provider's problems", zh: "服务商报告的问题" },
  block: { en: "block", zh: "模块" },
} as const;

export type CloudKey = keyof typeof STRINGS;

/** The string `key` in `lang`. */
export function ct(lang: Lang, key: CloudKey): string {
  return STRINGS[key][lang];
}

/** The provider's display name (from the app's table). */
export function providerName(lang: Lang, p: Provider): string {
  return t(lang, `provider_${p}`);
}

/** Every key has both languages (for the tests). */
export const CLOUD_STRINGS = STRINGS;
