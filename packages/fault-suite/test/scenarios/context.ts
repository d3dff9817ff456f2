import type { Logger } from "@llm-serve/common";
import type { FaultPlatform } from "../support/fault-platform.js";
import type { PrivateServer } from "../support/private-infra.js";

/** What every scenario gets: the platform and the private servers it runs on. */
export interface FaultContext {
  platform: FaultPlatform;
  postgres: PrivateServer;
  redis: PrivateServer;
  kafka: PrivateServer;
  logger: Logger;
  /** The lines the platform logged at warn and above so far (pino objects). */
  logLines: ReadonlyArray<Record<string, unknown>>;
}

/** A fixed pause that IS the scenario (an outage of a given length), never a wait for something to settle. */
export const hold = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
