import { describe, expect, it } from "vitest";
import { en } from "./en.js";
import { zhCN } from "./zh-cn.js";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

/** Both catalogues complete: the same keys, no empty text, and the same {placeholders} in each text. */
describe("the console's en and zh-CN texts", () => {
  it("have the same keys", () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it("say something for every key, with the placeholders the English text has", () => {
    for (const [key, text] of Object.entries(en)) {
      const chinese = zhCN[key as keyof typeof en];
      expect(text.trim(), key).not.toBe("");
      expect(chinese.trim(), key).not.toBe("");
      expect(placeholders(chinese), key).toEqual(placeholders(text));
    }
  });
});
