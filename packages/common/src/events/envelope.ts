import { randomUUID } from "node:crypto";
import { topicName, type TopicDefinition } from "./topics.js";

/** What travels in Kafka headers beside every payload. */
export interface EventEnvelope {
  eventId: string;
  eventType: string;
  source: string;
  time: string;
  subject: string;
  schemaVersion: string;
  requestId: string;
}

export const HEADER = {
  eventId: "event-id",
  eventType: "event-type",
  source: "event-source",
  time: "event-time",
  subject: "event-subject",
  schemaVersion: "schema-version",
  requestId: "x-request-id",
  contentType: "content-type",
} as const;

/** An event ready for the wire: what the outbox stores and the bus sends. */
export interface EncodedEvent {
  topic: string;
  key: string;
  eventId: string;
  headers: Record<string, string>;
  value: string;
}

export interface EventInput<T> {
  topic: TopicDefinition<T>;
  /** Partition key: events with the same key stay in order. */
  key: string;
  payload: T;
  subject?: string;
  requestId?: string;
  eventId?: string;
  time?: Date;
}

export function encodeEvent<T>(input: EventInput<T>, context: { source: string; namespace: string }): EncodedEvent {
  const envelope: EventEnvelope = {
    eventId: input.eventId ?? randomUUID(),
    eventType: input.topic.type,
    source: context.source,
    time: (input.time ?? new Date()).toISOString(),
    subject: input.subject ?? input.key,
    schemaVersion: input.topic.schemaVersion,
    requestId: input.requestId ?? "",
  };
  return {
    topic: topicName(input.topic as TopicDefinition<unknown>, context.namespace),
    key: input.key,
    eventId: envelope.eventId,
    headers: envelopeToHeaders(envelope),
    value: JSON.stringify(input.topic.codec.toJSON(input.payload)),
  };
}

export function envelopeToHeaders(envelope: EventEnvelope): Record<string, string> {
  return {
    [HEADER.eventId]: envelope.eventId,
    [HEADER.eventType]: envelope.eventType,
    [HEADER.source]: envelope.source,
    [HEADER.time]: envelope.time,
    [HEADER.subject]: envelope.subject,
    [HEADER.schemaVersion]: envelope.schemaVersion,
    [HEADER.requestId]: envelope.requestId,
    [HEADER.contentType]: "application/json",
  };
}

export function headersToEnvelope(headers: Readonly<Record<string, string | undefined>>): EventEnvelope {
  const read = (name: string) => headers[name] ?? "";
  return {
    eventId: read(HEADER.eventId),
    eventType: read(HEADER.eventType),
    source: read(HEADER.source),
    time: read(HEADER.time),
    subject: read(HEADER.subject),
    schemaVersion: read(HEADER.schemaVersion),
    requestId: read(HEADER.requestId),
  };
}
