import { TOPICS, encodeEvent, enqueueEvents, type EncodedEvent, type Knex } from "@llm-serve/common";

export type ConfigChange = "created" | "updated" | "deleted";

export interface StatusChange {
  modelId: string;
  /** Empty for the model's own status. */
  deploymentId: string;
  previousStatus: string;
  status: string;
  reason: string;
  modelVersion: number;
}

/**
 * The registry's two topics, written to the outbox in the transaction of the change they describe
 * and relayed to Kafka right after the commit (`kick`).
 */
export class ModelEvents {
  constructor(
    private readonly namespace: string,
    private readonly kick: () => void,
  ) {}

  configUpdated(modelId: string, modelVersion: number, change: ConfigChange, requestId?: string): EncodedEvent {
    return encodeEvent(
      { topic: TOPICS.modelConfigUpdated, key: modelId, payload: { modelId, modelVersion, change }, requestId },
      { source: "model-registry", namespace: this.namespace },
    );
  }

  statusChanged(change: StatusChange, requestId?: string): EncodedEvent {
    return encodeEvent(
      { topic: TOPICS.modelStatusChanged, key: change.modelId, payload: change, subject: change.deploymentId ? `${change.modelId}/${change.deploymentId}` : change.modelId, requestId },
      { source: "model-registry", namespace: this.namespace },
    );
  }

  async enqueue(trx: Knex.Transaction, events: readonly EncodedEvent[]): Promise<void> {
    await enqueueEvents(trx, events);
  }

  /** Call after the transaction committed. */
  sent(): void {
    this.kick();
  }
}
