import { readFileSync, readdirSync } from "node:fs";
import { Tiktoken } from "js-tiktoken/lite";
import { describe, expect, it } from "vitest";
import { CompactRanks } from "./compact-ranks.js";
import { seededRandom } from "../../test/seeded-random.js";

const o200k = (await import("js-tiktoken/ranks/o200k_base")).default;
const reference = new Tiktoken(o200k);
const compact = new CompactRanks(o200k);
const docs = new URL("../../../../docs/", import.meta.url);


/** Code points from every plane the tokenizer sees in practice: ASCII, Latin, Cyrillic, CJK, emoji, lone surrogates. */
const RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x20, 0x7e], [0x20, 0x7e], [0x20, 0x7e], [0x09, 0x0d], [0xa0, 0x24f], [0x400, 0x4ff], [0x4e00, 0x9fff], [0x3040, 0x30ff], [0xac00, 0xd7a3], [0x1f300, 0x1faff], [0xd800, 0xdfff],
];

function randomText(next: () => number): string {
  let text = "";
  const length = 1 + Math.floor(next() * 200);
  for (let index = 0; index < length; index += 1) {
    const [low, high] = RANGES[Math.floor(next() * RANGES.length)]!;
    text += String.fromCharCode(...(String.fromCodePoint(low + Math.floor(next() * (high - low + 1))).split("").map((unit) => unit.charCodeAt(0))));
  }
  return text;
}

describe("CompactRanks counts what js-tiktoken's encode returns (o200k_base)", () => {
  it("holds every rank js-tiktoken holds", () => {
    // js-tiktoken's rank map is internal; 199,998 ranks (200,000 ids less the two special tokens').
    expect(compact.size).toBe((reference as unknown as { rankMap: Map<string, number> }).rankMap.size);
    expect(compact.size).toBe(199_998);
  });

  it("on every document of this repository, paragraph by paragraph and whole", () => {
    let paragraphs = 0;
    let tokens = 0;
    for (const name of readdirSync(docs).filter((file) => file.endsWith(".md"))) {
      const text = readFileSync(new URL(name, docs), "utf8").replaceAll("<|endoftext|>", "").replaceAll("<|endofprompt|>", "");
      expect(compact.count(text), name).toBe(reference.encode(text).length);
      for (const paragraph of text.split("\n\n")) {
        expect(compact.count(paragraph), paragraph).toBe(reference.encode(paragraph).length);
        paragraphs += 1;
        tokens += reference.encode(paragraph).length;
      }
    }
    expect(paragraphs).toBeGreaterThan(200);
    expect(tokens).toBeGreaterThan(20_000);
  });

  it("on 3,000 random texts across scripts, emoji and lone surrogates", () => {
    const next = seededRandom(32);
    for (let index = 0; index < 3_000; index += 1) {
      const text = randomText(next);
      expect(compact.count(text), JSON.stringify(text)).toBe(reference.encode(text).length);
    }
  });

  it("on every 97th token of the vocabulary, alone and glued to its neighbours", () => {
    const decoded = Array.from({ length: 199_998 / 97 }, (_, index) => reference.decode([index * 97]));
    for (const [index, text] of decoded.entries()) {
      const glued = text + (decoded[index + 1] ?? "") + (decoded[index + 2] ?? "");
      expect(compact.count(text), JSON.stringify(text)).toBe(reference.encode(text).length);
      expect(compact.count(glued), JSON.stringify(glued)).toBe(reference.encode(glued).length);
    }
  });
});
