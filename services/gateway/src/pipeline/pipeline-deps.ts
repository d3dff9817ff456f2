import type { DeploymentRouter } from "../ports/deployment-router.js";
import type { QuotaGate } from "../ports/quota-gate.js";
import type { UsageSink } from "../ports/usage-sink.js";
import type { AdapterPool } from "./adapter-pool.js";

export interface PipelineDeps {
  router: DeploymentRouter;
  quota: QuotaGate;
  usage: UsageSink;
  adapters: AdapterPool;
}
