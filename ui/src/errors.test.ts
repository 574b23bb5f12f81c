import { afterEach, describe, expect, it, vi } from "vitest";
import { errorText, inPageLang, pageLang, type CommandError } from "./errors";

// The Tauri bridge, for the file commands' wrapper: every command fails as
// src-tauri/src/error.rs reports a file that is not there.
vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn(() => Promise.reject(notFound)) }));

const notFound: CommandError = {
  kind: "not_found",
  message: {
    en: "/flows/menu.ivr.json: no such file; check the path",
    zh: "/flows/menu.ivr.json：没有这个文件；请检查路径",
  },
  hint: null,
  text: {
    en: "/flows/menu.ivr.json: no such file; check the path",
    zh: "/flows/menu.ivr.json：没有这个文件；请检查路径",
  },
  provider: null,
  status: null,
  code: null,
  request_id: null,
  refusal: null,
};

afterEach(() => {
  document.documentElement.lang = "";
});

describe("errorText", () => {
  it("picks the language of a command's error, and of a publish refusal's", () => {
    expect(errorText(notFound, "zh")).toBe("/flows/menu.ivr.json：没有这个文件；请检查路径");
    expect(errorText(notFound, "en")).toBe("/flows/menu.ivr.json: no such file; check the path");
    // A refused publish is the same error, with its problems beside the words.
    const refused: CommandError = {
      ...notFound,
      refusal: { error: { ...notFound, kind: "config" }, problems: [], remote_problems: [], existing: null, created: null, cloud_changes: [], cloud_flow: null },
    };
    expect(errorText(refused, "zh")).toContain("没有这个文件");
  });

  it("falls back to English, and shows anything else as it is", () => {
    expect(errorText({ ...notFound, text: { en: "only English", zh: "" } }, "zh")).toBe("only English");
    expect(errorText({ text: "a plain text" }, "zh")).toBe("a plain text");
    expect(errorText(new Error("thrown"), "zh")).toBe("thrown");
    expect(errorText("rejected", "en")).toBe("rejected");
  });
});

describe("the page's language", () => {
  it("follows <html lang>, which the app keeps in step", () => {
    expect(pageLang()).toBe("en");
    document.documentElement.lang = "zh-CN";
    expect(pageLang()).toBe("zh");
    expect(() => inPageLang(notFound)).toThrow("没有这个文件");
  });

  it("gives a file command's failure in the page's language", async () => {
    const { tauriFiles } = await import("./backend/files");
    await expect(tauriFiles.open("/flows/menu.ivr.json")).rejects.toThrow("no such file; check the path");
    document.documentElement.lang = "zh-CN";
    await expect(tauriFiles.open("/flows/menu.ivr.json")).rejects.toThrow(
      "/flows/menu.ivr.json：没有这个文件；请检查路径",
    );
    const { tauriClipboard } = await import("./backend/clipboard");
    await expect(tauriClipboard.readText()).rejects.toThrow("没有这个文件");
  });
});
