import { createHash } from "node:crypto";

/**
 * A small client of the Nacos 1.x HTTP open API (served by Nacos 2.x/3.0/3.1 and by r-nacos):
 * naming (register, beat, list, deregister) and config (get, publish, long-poll listen).
 */
export interface NacosClientOptions {
  /** e.g. http://127.0.0.1:8848 (the `/nacos` context path is added here). */
  serverAddr: string;
  namespace?: string;
  requestTimeoutMs?: number;
}

export interface NacosInstance {
  ip: string;
  port: number;
  weight: number;
  healthy: boolean;
  enabled: boolean;
  metadata: Record<string, string>;
}

export interface InstanceRegistration {
  serviceName: string;
  groupName: string;
  ip: string;
  port: number;
  weight: number;
  metadata: Record<string, string>;
}

export class NacosError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "NacosError";
  }
}

export function md5(content: string): string {
  return createHash("md5").update(content, "utf8").digest("hex");
}

export class NacosClient {
  readonly #base: string;
  readonly #namespace: string;
  readonly #timeoutMs: number;

  constructor(options: NacosClientOptions) {
    this.#base = `${options.serverAddr.replace(/\/+$/, "")}/nacos`;
    this.#namespace = options.namespace ?? "";
    this.#timeoutMs = options.requestTimeoutMs ?? 5_000;
  }

  get namespace(): string {
    return this.#namespace;
  }

  async registerInstance(instance: InstanceRegistration): Promise<void> {
    await this.#request("POST", "/v1/ns/instance", {
      ...this.#instanceParams(instance),
      weight: String(instance.weight),
      enabled: "true",
      healthy: "true",
      metadata: JSON.stringify(instance.metadata),
    });
  }

  async deregisterInstance(instance: Pick<InstanceRegistration, "serviceName" | "groupName" | "ip" | "port">): Promise<void> {
    await this.#request("DELETE", "/v1/ns/instance", this.#instanceParams(instance));
  }

  /** Returns false when the server no longer knows the instance (it must register again). */
  async sendBeat(instance: InstanceRegistration): Promise<boolean> {
    const beat = JSON.stringify({
      serviceName: `${instance.groupName}@@${instance.serviceName}`,
      ip: instance.ip,
      port: instance.port,
      weight: instance.weight,
      metadata: instance.metadata,
      cluster: "DEFAULT",
      scheduled: true,
    });
    const body = await this.#request("PUT", "/v1/ns/instance/beat", { ...this.#instanceParams(instance), beat });
    try {
      const parsed = JSON.parse(body) as { code?: number };
      return parsed.code !== 20404;
    } catch {
      return true;
    }
  }

  async listInstances(serviceName: string, groupName: string, healthyOnly = true): Promise<NacosInstance[]> {
    const body = await this.#request("GET", "/v1/ns/instance/list", {
      serviceName,
      groupName,
      namespaceId: this.#namespace,
      healthyOnly: String(healthyOnly),
    });
    const parsed = JSON.parse(body) as { hosts?: Array<Partial<NacosInstance> & { metadata?: Record<string, string> }> };
    return (parsed.hosts ?? []).map((host) => ({
      ip: String(host.ip),
      port: Number(host.port),
      weight: Number(host.weight ?? 1),
      healthy: host.healthy !== false,
      enabled: host.enabled !== false,
      metadata: host.metadata ?? {},
    }));
  }

  /** The config's content, or undefined when it does not exist. */
  async getConfig(dataId: string, group: string): Promise<string | undefined> {
    try {
      return await this.#request("GET", "/v1/cs/configs", { dataId, group, tenant: this.#namespace });
    } catch (error) {
      if (error instanceof NacosError && error.status === 404) return undefined;
      throw error;
    }
  }

  async publishConfig(dataId: string, group: string, content: string): Promise<void> {
    await this.#request("POST", "/v1/cs/configs", { dataId, group, tenant: this.#namespace, content, type: "text" });
  }

  async removeConfig(dataId: string, group: string): Promise<void> {
    await this.#request("DELETE", "/v1/cs/configs", { dataId, group, tenant: this.#namespace });
  }

  /**
   * Long-polls until the config differs from `contentMd5` or the poll times out. Returns true when
   * the server reports a change.
   */
  async waitForConfigChange(dataId: string, group: string, contentMd5: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    const listening = [dataId, group, contentMd5, this.#namespace].join("\u0002") + "\u0001";
    const body = await this.#request(
      "POST",
      "/v1/cs/configs/listener",
      { "Listening-Configs": listening },
      { "Long-Pulling-Timeout": String(timeoutMs) },
      timeoutMs + this.#timeoutMs,
      signal,
    );
    return body.trim().length > 0;
  }

  #instanceParams(instance: Pick<InstanceRegistration, "serviceName" | "groupName" | "ip" | "port">): Record<string, string> {
    return {
      serviceName: instance.serviceName,
      groupName: instance.groupName,
      ip: instance.ip,
      port: String(instance.port),
      namespaceId: this.#namespace,
      ephemeral: "true",
    };
  }

  async #request(
    method: "GET" | "POST" | "PUT" | "DELETE",
    path: string,
    params: Record<string, string>,
    headers: Record<string, string> = {},
    timeoutMs = this.#timeoutMs,
    signal?: AbortSignal,
  ): Promise<string> {
    const query = new URLSearchParams(params);
    const sendsForm = method === "POST";
    const url = sendsForm ? `${this.#base}${path}` : `${this.#base}${path}?${query}`;
    const timeout = AbortSignal.timeout(timeoutMs);
    const response = await fetch(url, {
      method,
      headers: sendsForm ? { "content-type": "application/x-www-form-urlencoded", ...headers } : headers,
      body: sendsForm ? query.toString() : undefined,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const text = await response.text();
    if (!response.ok) throw new NacosError(`nacos ${method} ${path} answered ${response.status}: ${text.slice(0, 200)}`, response.status);
    return text;
  }
}
