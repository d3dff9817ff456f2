import type { IHeaders, KafkaMessage } from "kafkajs";
import { HEADER, headersToEnvelope } from "./envelope.js";
import type { ReceivedEvent } from "./event-bus.js";
import type { PayloadCodec } from "./topics.js";

/** Where a message was read from. */
export interface MessagePosition {
  topic: string;
  partition: number;
}

function headerValue(value: IHeaders[string]): string | undefined {
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** The `event-id` header of a message, also of one that cannot be decoded (for logs). */
export function messageEventId(message: KafkaMessage): string {
  return headerValue(message.headers?.[HEADER.eventId]) ?? "";
}

/**
 * Turns one Kafka message into our event: headers into the envelope, the proto3 JSON value into
 * the payload. Throws when the value is not JSON the codec accepts.
 */
export function decodeMessage<T>(codec: PayloadCodec<T>, position: MessagePosition, message: KafkaMessage): ReceivedEvent<T> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = headerValue(value);
  const payload = codec.fromJSON(JSON.parse(message.value?.toString() ?? "{}"));
  return {
    envelope: headersToEnvelope(headers),
    key: message.key?.toString() ?? null,
    payload,
    topic: position.topic,
    partition: position.partition,
    offset: message.offset,
  };
}
