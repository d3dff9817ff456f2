import { createDatabase } from "@llm-serve/common";
import { INFRA } from "@llm-serve/testkit";

export interface UsageEventCount {
  written: number;
  sentToKafka: number;
}

/**
 * Counts the usage events in the gateway's outbox and how many the relay has sent to Kafka,
 * waiting (bounded) for the relay to catch up: the last step of the path, checked, not assumed.
 */
export async function countUsageEvents(schema: string, waitMs = 30_000): Promise<UsageEventCount> {
  const db = createDatabase({ url: INFRA.databaseUrl, schema, poolMax: 1 });
  try {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const [row] = await db("outbox").count<{ written: string; sent: string }[]>({ written: "*", sent: "sent_at" });
      const count = { written: Number(row?.written ?? 0), sentToKafka: Number(row?.sent ?? 0) };
      if (count.sentToKafka >= count.written || Date.now() > deadline) return count;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await db.destroy();
  }
}
