import { TOPICS, type Subscription } from "@llm-serve/common";
import type { ServiceRuntime } from "@llm-serve/grpc";

/**
 * Tells the auth module when auth-key announces a revocation or an update of a key (the cache drops
 * it, its open streams end). Every gateway instance must see every event, so each instance has its
 * own consumer groups; they start at the newest offset (an instance that starts has an empty cache
 * and no streams, so older events concern it not).
 */
export async function followKeyChanges(runtime: ServiceRuntime, onKeyChanged: (keyId: string) => void): Promise<Subscription[]> {
  const revoked = await runtime.bus.subscribe({
    groupId: `gateway.auth-key-revoked.${runtime.instanceId}`,
    topic: TOPICS.keyRevoked,
    fromBeginning: false,
    handler: async (event) => onKeyChanged(event.payload.keyId),
  });
  const updated = await runtime.bus.subscribe({
    groupId: `gateway.auth-key-updated.${runtime.instanceId}`,
    topic: TOPICS.keyUpdated,
    fromBeginning: false,
    handler: async (event) => onKeyChanged(event.payload.keyId),
  });
  return [revoked, updated];
}
