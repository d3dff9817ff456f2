import { describe, expect, it } from "vitest";
import { sortedByLabel } from "./sorted-options.js";

const label = (item: { name: string }) => item.name;
const names = (items: Array<{ name: string }>) => items.map(label);

describe("a drop-down's options from data, sorted by label in the UI's language", () => {
  it("sorts by label with localeCompare, not by code point, and leaves the data as it was", () => {
    const items = [{ name: "Zeta org" }, { name: "alpha org" }, { name: "Pages org" }, { name: "Éclair org" }];
    expect(names(sortedByLabel(items, label, "en"))).toEqual(["alpha org", "Éclair org", "Pages org", "Zeta org"]);
    expect(names(items)).toEqual(["Zeta org", "alpha org", "Pages org", "Éclair org"]);
  });

  it("sorts Chinese labels by pinyin in zh-CN", () => {
    const items = [{ name: "上海" }, { name: "北京" }, { name: "广州" }];
    expect(names(sortedByLabel(items, label, "zh-CN"))).toEqual(["北京", "广州", "上海"]);
  });

});
