import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_TOPICS } from "./topics.js";

describe("the events catalogue in docs/events.md", () => {
  const document = readFileSync(resolve(import.meta.dirname, "../../../../docs/events.md"), "utf8");

  it("documents every topic with its partition count", () => {
    for (const topic of ALL_TOPICS) {
      const row = document.split("\n").find((line) => line.startsWith(`| \`${topic.name}\``));
      expect(row, topic.name).toBeDefined();
      expect(row?.split("|")[4]?.trim(), topic.name).toBe(String(topic.partitions));
    }
  });

  it("documents no topic that does not exist", () => {
    const documented = [...document.matchAll(/^\| `(llmserve\.[a-z.-]+\.v\d+)`/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(ALL_TOPICS.map((topic) => topic.name).sort());
  });
});
