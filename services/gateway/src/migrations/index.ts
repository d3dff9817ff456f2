import { outboxMigration, type Migration } from "@llm-serve/common";

/** The gateway's own schema holds only its outbox (usage events wait there for Kafka). */
export const migrations: readonly Migration[] = [outboxMigration];
