import type { ServiceClient } from "@llm-serve/grpc";
import type { billingV1 } from "@llm-serve/proto";
import type { LedgerCost, LedgerCostQuery, LedgerCosts } from "../domain/ledger-costs.js";

/** LedgerCosts through billing's SumLedger RPC. */
export class BillingLedgerCosts implements LedgerCosts {
  constructor(private readonly billing: ServiceClient<typeof billingV1.BillingServiceService>) {}

  async sum(query: LedgerCostQuery): Promise<LedgerCost[]> {
    const response = await this.billing.sumLedger({ ...query, groupBy: [...query.groupBy] });
    return response.sums.map((sum) => ({ ...sum }));
  }
}
