import { describe, expect, it } from "vitest";
import { commandsOnly, readDoc, shellBlocks } from "./doc-commands.js";

/**
 * README.zh-CN.md translates the README's set-up, quickstart, first vendor and Docker sections: its
 * command blocks must be the English ones (comments aside, which are translated), in the same order.
 */
describe("README.zh-CN.md", () => {
  it("has the same command blocks as the README's sections it translates", () => {
    const english = readDoc("README.md");
    const translated = shellBlocks(readDoc("README.zh-CN.md")).map(commandsOnly);
    const translatedPart = english.slice(0, english.indexOf("\n## Ports"));
    expect(translated.length).toBeGreaterThanOrEqual(4);
    expect(translated).toEqual(shellBlocks(translatedPart).map(commandsOnly));
  });

  it("is linked from the README and links back", () => {
    expect(readDoc("README.md")).toContain("(README.zh-CN.md)");
    expect(readDoc("README.zh-CN.md")).toContain("(README.md)");
  });
});
