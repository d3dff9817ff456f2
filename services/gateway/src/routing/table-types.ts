import type { ProviderConfig, ProviderType, Timeouts } from "@llm-serve/adapters";
import type { FallbackRule, RouteCandidate, RoutingStrategyName } from "@llm-serve/routing";
import type { ParameterPolicy } from "./apply-parameter-policy.js";

/** One deployment in the gateway's routing table, with what the request path needs to call it. */
export interface TableDeployment extends RouteCandidate {
  /** `<model>/<deployment>`: unique across the table. */
  id: string;
  deploymentId: string;
  modelId: string;
  provider: ProviderType;
  upstreamModel: string;
  config: ProviderConfig;
  timeouts: Timeouts;
  parameters: ParameterPolicy;
  tags: string[];
  /** The registry's status (`available`, `error`) and its reason, as of the last table refresh. */
  status: string;
  statusReason: string;
}

export interface TableModel {
  id: string;
  version: number;
  aliases: string[];
  ownedBy: string;
  createdAtSeconds: number;
  status: string;
  statusReason: string;
  endpoints: string[];
  contextWindow: number;
  maxOutputTokens: number;
  supportsTools: boolean;
  supportsVision: boolean;
  supportsStreaming: boolean;
  strategy: RoutingStrategyName;
  maxRetries: number;
  fallbacks: FallbackRule[];
  deployments: TableDeployment[];
}
