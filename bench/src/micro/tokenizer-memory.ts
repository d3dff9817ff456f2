/**
 * Child-process entry (run with --expose-gc): what the tokenizer's o200k ranks cost in memory —
 * the gateway builds them before it is ready. With the argument `js-tiktoken`: js-tiktoken's own
 * `Tiktoken` instead, the table the gateway held before ADR 0032. Prints one JSON line (bytes).
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { loadEncoder } from "@llm-serve/adapters";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
const reference = process.argv[2] === "js-tiktoken";
// js-tiktoken is the adapters package's dependency: resolved from there.
const fromAdapters = createRequire(fileURLToPath(import.meta.resolve("@llm-serve/adapters")));
gc();
const before = process.memoryUsage();
let kept: unknown;
if (reference) {
  const { Tiktoken } = (await import(fromAdapters.resolve("js-tiktoken/lite"))) as { Tiktoken: new (ranks: unknown) => unknown };
  const ranks = ((await import(fromAdapters.resolve("js-tiktoken/ranks/o200k_base"))) as { default: unknown }).default;
  kept = new Tiktoken(ranks);
} else {
  kept = await loadEncoder();
}
gc();
const after = process.memoryUsage();
console.log(JSON.stringify({ rssBytes: after.rss - before.rss, heapBytes: after.heapUsed - before.heapUsed, kept: kept !== undefined }));
