import type { ServiceHandlers } from "@llm-serve/grpc";
import type { gatewayV1 } from "@llm-serve/proto";

export function createGatewayHandlers(deps: { settings: () => Record<string, unknown> }): ServiceHandlers<typeof gatewayV1.GatewayServiceService> {
  return {
    getRuntimeConfig: async () => ({ settingsJson: JSON.stringify(deps.settings()) }),
  };
}
