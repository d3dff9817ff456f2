import type { Logger } from "pino";
import type { InstanceRegistration, NacosClient } from "./nacos-client.js";

/** Nacos service name of an LLM Serve service: `llm-serve.<service>`. */
export function discoveryName(service: string): string {
  return `llm-serve.${service}`;
}

/**
 * Keeps one instance registered (ephemeral, with heartbeats) until `deregister()`. A beat that the
 * server rejects as unknown re-registers the instance, so a Nacos restart heals by itself.
 */
export class ServiceRegistration {
  #timer: NodeJS.Timeout | undefined;
  #registered = false;

  constructor(
    private readonly nacos: NacosClient,
    private readonly instance: InstanceRegistration,
    private readonly logger: Logger,
    private readonly beatIntervalMs = 5_000,
  ) {}

  async register(): Promise<void> {
    await this.nacos.registerInstance(this.instance);
    this.#registered = true;
    this.logger.info({ serviceName: this.instance.serviceName, ip: this.instance.ip, port: this.instance.port }, "registered in nacos");
    this.#timer = setInterval(() => void this.#beat(), this.beatIntervalMs);
    this.#timer.unref();
  }

  async deregister(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    if (!this.#registered) return;
    this.#registered = false;
    try {
      await this.nacos.deregisterInstance(this.instance);
      this.logger.info({ serviceName: this.instance.serviceName }, "deregistered from nacos");
    } catch (error) {
      this.logger.warn({ err: error }, "nacos deregistration failed; the instance expires with its heartbeats");
    }
  }

  async #beat(): Promise<void> {
    try {
      const known = await this.nacos.sendBeat(this.instance);
      if (!known && this.#registered) {
        await this.nacos.registerInstance(this.instance);
        this.logger.info("nacos had forgotten this instance; registered again");
      }
    } catch (error) {
      this.logger.warn({ err: error }, "nacos heartbeat failed");
    }
  }
}
