import type { ModuleContext, QuotaModule } from "../modules.js";

// FOUNDATION PLACEHOLDER (quota issue replaces this file): admits every request.
export async function createQuotaModule(_context: ModuleContext): Promise<QuotaModule> {
  return {
    quota: {
      reserve: async (request) => ({ id: request.requestId, headers: {} }),
      settle: async () => undefined,
    },
  };
}
