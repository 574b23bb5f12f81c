import { describe, expect, it } from "vitest";
import { LANGS, langOf, stringKeys, t, tx } from "./i18n";

describe("langOf", () => {
  it("follows the browser language: zh* is Chinese, anything else English", () => {
    expect(langOf("zh-CN")).toBe("zh");
    expect(langOf("zh-Hant-TW")).toBe("zh");
    expect(langOf("ZH")).toBe("zh");
    expect(langOf("en-US")).toBe("en");
    expect(langOf("fr")).toBe("en");
    expect(langOf("")).toBe("en");
    expect(langOf(undefined)).toBe("en");
  });
});

describe("t", () => {
  it("looks strings up in the chosen language", () => {
    expect(t("en", "noProblems")).toBe("No problems");
    expect(t("zh", "noProblems")).toBe("没有问题");
  });

  it("has every string in every language", () => {
    for (const key of stringKeys()) {
      for (const lang of LANGS) expect(t(lang, key), `${key}.${lang}`).not.toBe("");
    }
  });

  it("translates the chrome, not just copies English", () => {
    const same = stringKeys().filter((k) => t("en", k) === t("zh", k));
    // Only proper names may read the same in both languages.
    expect(same.sort()).toEqual(["appName", "provider_connect", "provider_nxlink"]);
  });
});

describe("tx", () => {
  it("picks the language of an engine text, falling back to English", () => {
    expect(tx({ en: "Menu", zh: "按键菜单" }, "zh")).toBe("按键菜单");
    expect(tx({ en: "Menu", zh: "按键菜单" }, "en")).toBe("Menu");
    expect(tx({ en: "Menu", zh: "" }, "zh")).toBe("Menu");
  });
});
