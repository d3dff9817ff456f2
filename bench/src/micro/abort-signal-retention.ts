/**
 * Child-process entry (run with --expose-gc): heap still held after a full GC by N upstream calls'
 * worth of abort signals, built the way the adapters' UndiciTransport builds them, or with a timer
 * that is cleared when the call ends. Prints one JSON line.
 */
const mode = process.argv[2] === "cleared-timer" ? "cleared-timer" : "timeout-signal";
const calls = Number(process.argv[3] ?? 100_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");

const settle = async () => {
  for (let round = 0; round < 3; round += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

await settle();
const before = process.memoryUsage().heapUsed;
for (let call = 0; call < calls; call += 1) {
  const caller = new AbortController();
  const stages = new AbortController();
  const onAbort = () => undefined;
  if (mode === "timeout-signal") {
    // As UndiciTransport.send: a 10-minute total budget as a timeout signal, composed with AbortSignal.any.
    const signal = AbortSignal.any([caller.signal, AbortSignal.timeout(600_000), stages.signal]);
    signal.addEventListener("abort", onAbort);
    signal.removeEventListener("abort", onAbort);
  } else {
    const timer = setTimeout(() => stages.abort(), 600_000);
    const signal = AbortSignal.any([caller.signal, stages.signal]);
    signal.addEventListener("abort", onAbort);
    signal.removeEventListener("abort", onAbort);
    clearTimeout(timer);
  }
  if (call % 1_000 === 0) await new Promise((resolve) => setImmediate(resolve));
}
await settle();
const retained = process.memoryUsage().heapUsed - before;
console.log(JSON.stringify({ mode, calls, retainedBytesPerCall: Math.max(0, Math.round(retained / calls)) }));
