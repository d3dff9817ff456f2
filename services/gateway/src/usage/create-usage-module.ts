import { TOPICS, encodeEvent } from "@llm-serve/common";
import type { ModuleContext, UsageModule } from "../modules.js";
import { migrations } from "../migrations/index.js";
import { GroupCommitOutbox } from "./group-commit-outbox.js";
import { recoverOrphanedSpools } from "./spool-recovery.js";
import { usageSpoolSettings } from "./usage-spool-config.js";
import { UsageSpoolFile } from "./usage-spool-file.js";

const RELAY_DEBOUNCE_MS = 100;
/** A batch of usage events gathers this long before its INSERT (nobody waits for it: ADR 0011). */
const OUTBOX_LINGER_MS = 5;

/**
 * Usage events go through the gateway's own transactional outbox in Postgres (schema `gateway`),
 * taken into memory before the response is written and committed with group commit right after
 * (ADR 0011), then relayed to Kafka: a Postgres or Kafka outage loses nothing while the process
 * lives, and a graceful shutdown commits what is held. The backlog is spooled to local disk too,
 * so that a crash during a Postgres outage loses only the events of the fsync in flight: a start
 * replays the spools that dead gateway processes left behind (docs/quota.md, "Usage during a
 * Postgres outage").
 */
export async function createUsageModule(context: ModuleContext): Promise<UsageModule> {
  const { runtime, config } = context;
  const db = await runtime.openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: config.DATABASE_POOL_MAX, migrations });
  // The relay runs on its own thread: its passes (a query, a Kafka produce, an update) held the
  // request thread for a millisecond or two ten times a second (measured: the one-client p99).
  const relay = await runtime.startOutboxRelayThread({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA });
  // Wake the relay at most every RELAY_DEBOUNCE_MS: at low load a kick per request cost each request
  // a relay transaction and a Kafka produce; events wait that much longer in Postgres, never lost.
  let kickPending: NodeJS.Timeout | undefined;
  const kickRelay = () => {
    kickPending ??= setTimeout(() => {
      kickPending = undefined;
      relay.kick();
    }, RELAY_DEBOUNCE_MS);
  };
  const spoolSettings = usageSpoolSettings(context.env, config.DATABASE_URL, config.DATABASE_SCHEMA);
  const spool = await UsageSpoolFile.create(spoolSettings.directory);
  const outbox = new GroupCommitOutbox(db, runtime.logger, { onCommitted: kickRelay, lingerMs: OUTBOX_LINGER_MS, spool, maxSpoolBytes: spoolSettings.maxBytes });
  runtime.lifecycle.onShutdown("usage-outbox", () => outbox.close());
  // Before the first request: the dead processes' events are copied into this one's spool, then their files go.
  const recovered = await recoverOrphanedSpools(spool, runtime.logger);
  await outbox.adopt(recovered.events);
  await recovered.release();
  const namespace = config.EVENT_NAMESPACE;
  return {
    probe: { name: "postgres", check: () => db.raw("select 1") },
    usage: {
      accepting: () => outbox.accepting(),
      durable: () => outbox.durable(),
      // Encoded when its batch is written, not on the request's path.
      record: (usage, eventId) =>
        outbox.write(() =>
          encodeEvent(
            { topic: TOPICS.usageRecorded, key: usage.keyId || "anonymous", payload: usage, requestId: usage.requestId, subject: usage.requestId, eventId },
            { source: "gateway", namespace },
          ),
        ),
    },
  };
}
