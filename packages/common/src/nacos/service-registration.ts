import type { Logger } from "pino";
import type { InstanceRegistration, NacosClient } from "./nacos-client.js";

/** Nacos service name of an LLM Serve service: `llm-serve.<service>`. */
export function discoveryName(service: string): string {
  return `llm-serve.${service}`;
}

/**
 * Keeps one instance registered until `deregister()`: the `nacos` package registers it as
 * ephemeral and sends its heartbeats, and a beat carries the whole instance, so a server that has
 * forgotten it (a Nacos restart) registers it again from the next beat (ADR 0014).
 */
export class ServiceRegistration {
  #registered = false;

  constructor(
    private readonly nacos: NacosClient,
    private readonly instance: InstanceRegistration,
    private readonly logger: Logger,
  ) {}

  async register(): Promise<void> {
    await this.nacos.registerInstance(this.instance);
    this.#registered = true;
    this.logger.info({ serviceName: this.instance.serviceName, ip: this.instance.ip, port: this.instance.port }, "registered in nacos");
  }

  async deregister(): Promise<void> {
    if (!this.#registered) return;
    this.#registered = false;
    try {
      await this.nacos.deregisterInstance(this.instance);
      this.logger.info({ serviceName: this.instance.serviceName }, "deregistered from nacos");
    } catch (error) {
      this.logger.warn({ err: error }, "nacos deregistration failed; the instance expires with its heartbeats");
    }
  }
}
