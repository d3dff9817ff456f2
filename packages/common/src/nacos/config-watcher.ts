import type { Logger } from "pino";
import { parseConfigDocument } from "../config/live-config.js";
import { md5, type NacosClient } from "./nacos-client.js";

export interface ConfigWatcherOptions {
  nacos: NacosClient;
  dataId: string;
  group: string;
  logger: Logger;
  /** Receives each new document's keys; an unparsable document never reaches it. */
  onDocument: (overrides: Record<string, string>, source: string) => void;
  longPollMs?: number;
}

/** Follows one Nacos config with the long-poll listener and hands each new version over. */
export class ConfigWatcher {
  readonly #options: ConfigWatcherOptions;
  readonly #abort = new AbortController();
  #lastMd5 = "";
  #loop: Promise<void> | undefined;

  constructor(options: ConfigWatcherOptions) {
    this.#options = options;
  }

  /** Reads the current document once, then keeps listening in the background. */
  async start(): Promise<void> {
    await this.#fetchAndApply();
    this.#loop = this.#listen();
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#loop?.catch(() => undefined);
  }

  async #listen(): Promise<void> {
    const { nacos, dataId, group, logger } = this.#options;
    while (!this.#abort.signal.aborted) {
      try {
        await nacos.waitForConfigChange(dataId, group, this.#lastMd5, this.#options.longPollMs ?? 10_000, this.#abort.signal);
        // Read after every poll, changed or not: a change published before the listener was
        // registered (for a config that did not exist yet) is not always reported by the server,
        // so the poll period bounds how late any change can be (the read applies only a new md5).
        await this.#fetchAndApply();
      } catch (error) {
        if (this.#abort.signal.aborted) return;
        logger.warn({ err: error, dataId }, "nacos config listener failed; retrying");
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }

  async #fetchAndApply(): Promise<void> {
    const { nacos, dataId, group, logger } = this.#options;
    const content = (await nacos.getConfig(dataId, group)) ?? "";
    const contentMd5 = content === "" ? "" : md5(content);
    if (contentMd5 === this.#lastMd5 && this.#loop !== undefined) return;
    this.#lastMd5 = contentMd5;
    const parsed = parseConfigDocument(content);
    if (parsed instanceof Error) {
      logger.warn({ dataId, problem: parsed.message }, "runtime configuration refused; document unparsable, keeping the previous values");
      return;
    }
    this.#options.onDocument(parsed, `nacos:${group}/${dataId}`);
  }
}
