import { parentPort, workerData } from "node:worker_threads";
import { createDatabase } from "../db/database.js";
import { createLogger } from "../logging/logger.js";
import { KafkaEventBus } from "./kafka-event-bus.js";
import { OutboxRelay } from "./outbox.js";
import type { OutboxRelayThreadOptions, RelayThreadMessage, RelayThreadReply } from "./outbox-relay-thread.js";

// The relay thread's entry: see OutboxRelayThread.
const options = workerData as Omit<OutboxRelayThreadOptions, "logger">;
const port = parentPort;
if (!port) throw new Error("outbox-relay-thread-main runs as a worker thread only");
const reply = (message: RelayThreadReply) => port.postMessage(message);

try {
  const logger = createLogger({ service: options.log.service, version: options.log.version, level: options.log.level }).child({ ...options.log.bindings, thread: "outbox-relay" });
  const db = createDatabase({ url: options.database.url, schema: options.database.schema, poolMax: options.database.poolMax ?? 2 });
  const bus = new KafkaEventBus({ brokers: options.kafka.brokers, clientId: options.kafka.clientId, namespace: options.kafka.namespace, logger });
  const relay = new OutboxRelay({
    db,
    bus,
    logger,
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
  });
  relay.start();
  port.on("message", (message: RelayThreadMessage) => {
    if (message.type === "kick") relay.kick();
    if (message.type === "stop") {
      void (async () => {
        await relay.stop();
        await bus.close();
        await db.destroy();
        logger.flush();
        reply({ type: "stopped" });
        port.close();
      })();
    }
  });
  reply({ type: "started" });
} catch (error) {
  reply({ type: "failed", message: error instanceof Error ? error.message : String(error) });
}
