/**
 * Child-process entry (run with --expose-gc): what loading the tokenizer's o200k ranks costs in
 * memory — the gateway loads them on its first chat request. Prints one JSON line (bytes).
 */
import { loadEncoder } from "@llm-serve/adapters";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
gc();
const before = process.memoryUsage();
await loadEncoder();
gc();
const after = process.memoryUsage();
console.log(JSON.stringify({ rssBytes: after.rss - before.rss, heapBytes: after.heapUsed - before.heapUsed }));
