import type { DeploymentRouter } from "../ports/deployment-router.js";
import type { QuotaGate } from "../ports/quota-gate.js";
import type { UsageSink } from "../ports/usage-sink.js";
import type { AdapterPool } from "./adapter-pool.js";

export interface PipelineDeps {
  router: DeploymentRouter;
  quota: QuotaGate;
  usage: UsageSink;
  adapters: AdapterPool;
  /**
   * How long a stream may wait for a client that reads nothing before it is cut and charged what
   * was delivered (GATEWAY_STREAM_WRITE_IDLE_MS); 30 s when not given.
   */
  streamWriteIdleMs?: () => number;
}
