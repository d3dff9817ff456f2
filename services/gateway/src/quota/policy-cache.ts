import type { Logger, Redis } from "@llm-serve/common";
import { PolicyIndex, type PolicySnapshot } from "@llm-serve/quota-engine";

export interface CachedPolicies {
  snapshot: PolicySnapshot;
  index: PolicyIndex;
}

/**
 * The gateway's copy of every quota policy and setting, so the request path makes no RPC. Loaded
 * from the quota service at start, again whenever the service announces a change (Redis pub/sub)
 * and every refresh interval as a safety net; a failed refresh keeps the last good copy.
 */
export class PolicyCache {
  #current: CachedPolicies | undefined;
  #refreshing: Promise<boolean> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #failures = 0;

  constructor(
    private readonly load: () => Promise<PolicySnapshot>,
    private readonly logger: Logger,
  ) {}

  get current(): CachedPolicies | undefined {
    return this.#current;
  }

  /** Loads now (joining a load already running); false when the quota service could not answer. */
  refresh(): Promise<boolean> {
    this.#refreshing ??= this.#load().finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  async start(options: { refreshMs: number; subscriber: Redis; channel: string }): Promise<void> {
    await options.subscriber.subscribe(options.channel).catch((error: unknown) => this.logger.warn({ err: error }, "quota policy announcements not followed yet; the timer refreshes"));
    options.subscriber.on("message", () => void this.refresh());
    if (!(await this.refresh())) this.logger.warn("quota policies not loaded at start; retrying in the background");
    const schedule = () => {
      this.#timer = setTimeout(() => void this.refresh().finally(schedule), options.refreshMs);
      this.#timer.unref();
    };
    schedule();
  }

  stop(): void {
    clearTimeout(this.#timer);
  }

  async #load(): Promise<boolean> {
    try {
      const snapshot = await this.load();
      if (this.#failures > 0) this.logger.info({ failures: this.#failures }, "quota policies loaded again");
      this.#failures = 0;
      if (snapshot.version !== this.#current?.snapshot.version) {
        this.#current = { snapshot, index: new PolicyIndex(snapshot.policies, snapshot.settings.defaultPolicies) };
        this.logger.debug({ version: snapshot.version, policies: snapshot.policies.length }, "quota policies refreshed");
      }
      return true;
    } catch (error) {
      this.#failures += 1;
      const level = this.#failures === 1 || this.#failures % 12 === 0 ? "warn" : "debug";
      this.logger[level]({ err: error, failures: this.#failures }, "quota policy refresh failed; keeping the last copy");
      return false;
    }
  }
}
