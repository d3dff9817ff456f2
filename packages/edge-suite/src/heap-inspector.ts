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
  const command = (method: string): Promise<any> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method }));
    });
  return {
    async usedHeapAfterCollection() {
      // Twice: the first collection can leave objects whose finalizers free more on the second.
      await command("HeapProfiler.collectGarbage");
      await command("HeapProfiler.collectGarbage");
      const usage = (await command("Runtime.getHeapUsage")) as { usedSize: number };
      return usage.usedSize;
    },
    close: () => socket.close(),
  };
}
