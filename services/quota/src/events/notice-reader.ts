import type { Logger, Redis } from "@llm-serve/common";
import { parseNotice, type KeyLayout, type QuotaNotice } from "@llm-serve/quota-engine";

export const NOTICE_GROUP = "quota-notices";
const CLAIM_IDLE_MS = 30_000;

type StreamEntries = Array<[string, string[]]>;

/**
 * Reads the notice stream in a consumer group (several quota instances share the work), hands each
 * notice over and acknowledges it only once handled; entries a dead instance left pending are
 * claimed after 30 s. Runs on its own connection (it blocks).
 */
export class NoticeReader {
  #stopped = false;
  #loop: Promise<void> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly layout: KeyLayout,
    private readonly consumer: string,
    private readonly handle: (notice: QuotaNotice) => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#loop;
  }

  async #run(): Promise<void> {
    let claimedAt = 0;
    while (!this.#stopped) {
      try {
        await this.#ensureGroup();
        if (Date.now() - claimedAt > CLAIM_IDLE_MS / 2) {
          claimedAt = Date.now();
          const [, claimed] = (await this.redis.xautoclaim(this.layout.notices, NOTICE_GROUP, this.consumer, CLAIM_IDLE_MS, "0-0", "COUNT", 100)) as [string, StreamEntries];
          await this.#handleAll(claimed);
        }
        const reply = (await this.redis.xreadgroup("GROUP", NOTICE_GROUP, this.consumer, "COUNT", 100, "BLOCK", 500, "STREAMS", this.layout.notices, ">")) as Array<[string, StreamEntries]> | null;
        for (const [, entries] of reply ?? []) await this.#handleAll(entries);
      } catch (error) {
        if (this.#stopped) return;
        this.logger.warn({ err: error }, "quota notice reader failed; retrying");
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  async #ensureGroup(): Promise<void> {
    try {
      await this.redis.xgroup("CREATE", this.layout.notices, NOTICE_GROUP, "0", "MKSTREAM");
    } catch (error) {
      if (!String((error as Error).message).includes("BUSYGROUP")) throw error;
    }
  }

  async #handleAll(entries: StreamEntries): Promise<void> {
    for (const [id, fields] of entries) {
      const notice = parseNotice(id, fields);
      if (notice instanceof Error) this.logger.error({ err: notice, id }, "unreadable quota notice dropped");
      else await this.handle(notice);
      await this.redis.xack(this.layout.notices, NOTICE_GROUP, id);
    }
  }
}
