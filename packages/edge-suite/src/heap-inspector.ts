/**
 * The V8 heap of a child process, read through its inspector (the child runs with
 * `--inspect=127.0.0.1:0`, which the suite sets: the gateway's code has no hook for it).
 *
 * Why not RSS: the allocator rarely gives memory back, so RSS keeps the high-water mark of a burst
 * (a pass of 100,000-character strings) and moves with the machine's load; it cannot tell a leak
 * from a peak. The heap after a full collection holds only what is still reachable: a leak.
 */
export interface HeapInspector {
  /** Runs a full garbage collection in the child, then answers its used heap in bytes. */
  usedHeapAfterCollection(): Promise<number>;
  close(): void;
}

/** The inspector's WebSocket address, from the line Node prints on stderr when it starts listening. */
export function inspectorUrl(output: string): string | undefined {
  return /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
}

const SETTLE_MS = 1_000;
const READINGS = 3;
const READING_GAP_MS = 200;

export async function connectHeapInspector(url: string): Promise<HeapInspector> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener("open", () => resolve(), { once: true });
    socket.addEventListener("error", () => reject(new Error(`cannot reach the inspector at ${url}`)), { once: true });
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (result: any) => void; reject: (error: Error) => void }>();
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
    const waiting = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id!);
    if (message.error) waiting.reject(new Error(message.error.message));
    else waiting.resolve(message.result);
  });
  const command = (method: string, params: Record<string, unknown> = {}): Promise<any> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  // V8 drops the bytecode of functions it has not run for a few collections, and each reading
  // forces collections: the heap then shrank pass after pass (-1.27 MiB over two passes in one run,
  // 2026-12-04), enough to hide a leak. Off in this child only, through its inspector (ADR 0036).
  const flags = (await command("Runtime.evaluate", { expression: 'process.getBuiltinModule("v8").setFlagsFromString("--no-flush-bytecode"); "ok"', returnByValue: true })) as { result?: { value?: unknown } };
  if (flags.result?.value !== "ok") throw new Error(`could not turn bytecode flushing off in the gateway: ${JSON.stringify(flags)}`);
  return {
    async usedHeapAfterCollection() {
      // Let the tails of the last requests finish first (log writes, event batches, sockets closing).
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      // The least of three readings, each after two full collections (the first can leave objects
      // whose finalizers free more on the second): what one reading catches still in flight (a timer,
      // a batch) is gone in another, while what a leak keeps is in every reading. One reading moved
      // by ±0.85 MiB from pass to pass on the same requests (2026-12-04).
      let least = Infinity;
      for (let reading = 0; reading < READINGS; reading += 1) {
        await command("HeapProfiler.collectGarbage");
        await command("HeapProfiler.collectGarbage");
        least = Math.min(least, ((await command("Runtime.getHeapUsage")) as { usedSize: number }).usedSize);
        await new Promise((resolve) => setTimeout(resolve, READING_GAP_MS));
      }
      return least;
    },
    close: () => socket.close(),
  };
}
