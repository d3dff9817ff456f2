import type { Response } from "express";
import { ClientStoppedReading } from "../pipeline/attempt-ledger.js";

const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events framed exactly as OpenAI frames them: `data: <json>\n\n` per chunk, then
 * `data: [DONE]\n\n`. Each chunk is flushed as written; a comment line keeps idle connections
 * alive across long upstream gaps. Writes wait for the socket to drain (backpressure), but no
 * longer than `writeIdleMs`: a client that stops reading without closing is cut then (the socket
 * destroyed, `ClientStoppedReading` thrown), instead of holding the call until its deadline.
 */
export class SseWriter {
  #heartbeat: NodeJS.Timeout | undefined;
  #started = false;

  constructor(
    private readonly response: Response,
    private readonly options: { writeIdleMs: number } = { writeIdleMs: 30_000 },
  ) {}

  get started(): boolean {
    return this.#started;
  }

  start(headers: Record<string, string>): void {
    this.response.status(200);
    this.response.set({
      ...headers,
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    this.response.flushHeaders();
    this.response.socket?.setNoDelay(true);
    this.#started = true;
    this.#armHeartbeat();
  }

  async data(payload: unknown): Promise<void> {
    await this.#write(`data: ${JSON.stringify(payload)}\n\n`);
  }

  /** A final error event once the stream has started (the official SDKs throw on it). */
  async error(body: unknown): Promise<void> {
    await this.#write(`data: ${JSON.stringify(body)}\n\n`);
  }

  async done(): Promise<void> {
    await this.#write("data: [DONE]\n\n");
  }

  end(): void {
    this.#stopHeartbeat();
    if (!this.response.writableEnded) this.response.end();
  }

  async #write(text: string): Promise<void> {
    if (this.response.writableEnded || this.response.destroyed) return;
    this.#armHeartbeat();
    if (!this.response.write(text)) {
      const drained = await new Promise<boolean>((resolve) => {
        const finish = (value: boolean) => {
          clearTimeout(idle);
          this.response.off("drain", onDrain);
          this.response.off("close", onDrain);
          resolve(value);
        };
        const onDrain = () => finish(true);
        const idle = setTimeout(() => finish(false), this.options.writeIdleMs);
        this.response.on("drain", onDrain);
        this.response.on("close", onDrain);
      });
      if (!drained) {
        this.#stopHeartbeat();
        this.response.destroy();
        throw new ClientStoppedReading(this.options.writeIdleMs);
      }
    }
  }

  #armHeartbeat(): void {
    this.#stopHeartbeat();
    this.#heartbeat = setTimeout(() => {
      if (!this.response.writableEnded) this.response.write(": keep-alive\n\n");
      this.#armHeartbeat();
    }, HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  #stopHeartbeat(): void {
    if (this.#heartbeat) clearTimeout(this.#heartbeat);
  }
}
