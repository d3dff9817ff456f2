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
}

/**
 * Follows one Nacos config through the `nacos` package's subscription (its long-poll listener)
 * and hands each new version over, once per content.
 */
export class ConfigWatcher {
  readonly #options: ConfigWatcherOptions;
  #lastMd5: string | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(options: ConfigWatcherOptions) {
    this.#options = options;
  }

  /** Reads the current document once (the caller starts with it), then keeps listening in the background. */
  async start(): Promise<void> {
    const { nacos, dataId, group } = this.#options;
    this.#apply((await nacos.getConfig(dataId, group)) ?? "");
    this.#unsubscribe = await nacos.subscribeConfig(dataId, group, (content) => this.#apply(content));
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #apply(content: string): void {
    const { dataId, group, logger } = this.#options;
    const contentMd5 = content === "" ? "" : md5(content);
    if (contentMd5 === this.#lastMd5) return;
    this.#lastMd5 = contentMd5;
    const parsed = parseConfigDocument(content);
    if (parsed instanceof Error) {
      logger.warn({ dataId, problem: parsed.message }, "runtime configuration refused; document unparsable, keeping the previous values");
      return;
    }
    this.#options.onDocument(parsed, `nacos:${group}/${dataId}`);
  }
}
