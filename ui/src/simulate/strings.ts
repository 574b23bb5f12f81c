/** The Simulate panel's strings in English and Chinese (the app's own table is ../i18n.ts). */

import type { Lang } from "../i18n";

const STRINGS = {
  title: { en: "Simulate a call", zh: "模拟通话" },
  close: { en: "Close the simulator", zh: "关闭模拟器" },
  tabCall: { en: "Call", zh: "通话" },
  tabScenario: { en: "Scenario", zh: "场景" },
  tabTests: { en: "Tests", zh: "测试" },
  start: { en: "Start call", zh: "开始通话" },
  restart: { en: "Call again", zh: "重新呼叫" },
  hangUp: { en: "Hang up", zh: "挂断" },
  waitTimeout: { en: "Wait for timeout", zh: "等待超时" },
  idle: {
    en: "Start a call to walk the flow as a caller would: hear its prompts, press keys, see where it goes.",
    zh: "开始通话，像来电者一样走一遍流程：听提示、按键、看它走向哪里。",
  },
  waitingKey: { en: "Waiting for a key", zh: "等待按键" },
  waitingDigits: { en: "Waiting for digits", zh: "等待输入数字" },
  entered: { en: "entered", zh: "已输入" },
  upTo: { en: "up to", zh: "最多" },
  endsWith: { en: "ends with", zh: "以此结束" },
  choose: { en: "Which exit does it take?", zh: "它走哪个出口？" },
  keypadHint: { en: "Click the keys or type 0-9, * and #.", zh: "点击按键，或直接键入 0-9、* 和 #。" },
  transcript: { en: "Transcript", zh: "通话记录" },
  variables: { en: "Variables", zh: "变量" },
  noVariables: { en: "No variables set yet.", zh: "尚未设置变量。" },
  heard: { en: "Heard", zh: "播放" },
  pressed: { en: "Pressed", zh: "按键" },
  timedOut: { en: "No key pressed: timed out after", zh: "未按键：超时" },
  seconds: { en: "s", zh: "秒" },
  chose: { en: "Exit chosen", zh: "选择的出口" },
  set: { en: "Set", zh: "设置" },
  enteredFlow: { en: "Entered the sub-flow", zh: "进入子流程" },
  ended: { en: "Call ended", zh: "通话结束" },
  youHungUp: { en: "You hung up.", zh: "您已挂断。" },
  speak: { en: "Speak prompts", zh: "朗读提示" },
  noSpeech: {
    en: "Spoken prompts are not available here: prompts are shown as text.",
    zh: "此处无法朗读提示：提示以文字显示。",
  },
  saveCase: { en: "Save as test case", zh: "保存为测试用例" },
  caseName: { en: "Test case name", zh: "测试用例名称" },
  save: { en: "Save", zh: "保存" },
  cancel: { en: "Cancel", zh: "取消" },
  savedTo: { en: "Saved to", zh: "已保存到" },
  casesInFile: { en: "cases in the file", zh: "个用例在文件中" },
  saveFlowFirst: {
    en: "Save the flow to a file first: its test cases are kept beside it.",
    zh: "请先将流程保存为文件：测试用例保存在它旁边。",
  },
  // Scenario
  scenarioHint: { en: "What the call meets; used from the next call on.", zh: "通话所遇到的外部情况；从下一次通话起生效。" },
  caller: { en: "Caller number", zh: "来电号码" },
  clock: { en: "Clock (local time)", zh: "时钟（当地时间）" },
  hours: { en: "Hours of operation", zh: "营业时间" },
  hoursAsk: { en: "Ask me", zh: "询问我" },
  hoursOpen: { en: "Open", zh: "营业中" },
  hoursClosed: { en: "Closed", zh: "已下班" },
  hoursHoliday: { en: "Holiday", zh: "节假日" },
  providersSucceed: { en: "Provider blocks succeed", zh: "服务商模块均成功" },
  startVariables: { en: "Variables at the start (name=value, one a line)", zh: "开始时的变量（名称=值，每行一个）" },
  mocks: { en: "Mocks", zh: "模拟结果" },
  mockFor: { en: "Mock for", zh: "模拟结果：" },
  selectForMock: {
    en: "Select a block on the canvas to choose what it finds: its exit, the variables it sets, its delay.",
    zh: "在画布上选择一个模块，为它指定结果：走哪个出口、设置哪些变量、延迟多久。",
  },
  mockExit: { en: "Exit it takes", zh: "走的出口" },
  usual: { en: "Its usual outcome", zh: "通常结果" },
  mockSets: { en: "Variables it sets (name=value)", zh: "设置的变量（名称=值）" },
  mockDelay: { en: "Delay (ms)", zh: "延迟（毫秒）" },
  removeMock: { en: "Remove", zh: "移除" },
  noMocks: { en: "No mocks: blocks find their usual outcome.", zh: "没有模拟结果：各模块取通常结果。" },
  // Tests
  runTests: { en: "Run tests", zh: "运行测试" },
  running: { en: "Running…", zh: "正在运行…" },
  noCases: { en: "No test cases saved for this flow yet.", zh: "此流程还没有保存的测试用例。" },
  passed: { en: "passed", zh: "通过" },
  failed: { en: "failed", zh: "失败" },
  step: { en: "Step", zh: "第" },
  stepSuffix: { en: "", zh: " 步" },
  colon: { en: ": ", zh: "：" },
  expected: { en: "expected", zh: "期望" },
  actual: { en: "but", zh: "实际" },
  coverage: { en: "Exits taken", zh: "已走过的出口" },
  of: { en: "of", zh: "/" },
  showCoverage: { en: "Show coverage", zh: "显示覆盖" },
  hideCoverage: { en: "Hide coverage", zh: "隐藏覆盖" },
  neverTaken: { en: "Never taken by the tests", zh: "测试从未走过" },
  allTaken: { en: "Every exit is taken by some test.", zh: "每个出口都有测试走过。" },
} as const;

export type SimKey = keyof typeof STRINGS;

/** The string `key` in `lang`. */
export function st(lang: Lang, key: SimKey): string {
  return STRINGS[key][lang];
}

/** Every key has both languages (for the tests). */
export const SIM_STRINGS = STRINGS;
