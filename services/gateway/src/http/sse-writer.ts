import type { Response } from "express";

const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events framed exactly as OpenAI frames them: `data: <json>\n\n` per chunk, then
 * `data: [DONE]\n\n`. Each chunk is flushed as written; a comment line keeps idle connections
 * alive across long upstream gaps. Writes wait for the socket to drain (backpressure).
 */
export class SseWriter {
  #heartbeat: NodeJS.Timeout | undefined;
  #started = false;

  constructor(private readonly response: Response) {}

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
      await new Promise<void>((resolve) => {
        const done = () => {
          this.response.off("drain", done);
          this.response.off("close", done);
          resolve();
        };
        this.response.on("drain", done);
        this.response.on("close", done);
      });
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
