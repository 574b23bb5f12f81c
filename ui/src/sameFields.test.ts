import { describe, expect, it } from "vitest";
import { sameFields } from "./sameFields";

describe("sameFields", () => {
  it("is true for the same keys holding the same values", () => {
    const text = { en: "Hi", zh: "你好" };
    expect(sameFields({ kind: "note", text }, { kind: "note", text })).toBe(true);
    expect(sameFields({}, {})).toBe(true);
  });

  it("is false for another value, a missing key or an extra one", () => {
    expect(sameFields({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameFields({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameFields({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(sameFields({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameFields({ t: { en: "x" } }, { t: { en: "x" } })).toBe(false);
  });
});
