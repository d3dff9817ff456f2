/** Vendor-neutral description of what a mock should answer; each mock renders it in its own format. */
export interface MockUsage {
  promptTokens: number;
  completionTokens: number;
  cachedTokens?: number;
  reasoningTokens?: number;
}

export interface MockToolCall {
  /** Defaults to a deterministic vendor-style id. */
  id?: string;
  name: string;
  /** JSON text of the arguments. */
  arguments: string;
}

export interface MockChatReply {
  /** Defaults to DEFAULT_REPLY_TEXT (empty when toolCalls are given). */
  text?: string;
  /** Thinking text, where the vendor has it (reasoning_content, thinking blocks). */
  reasoning?: string;
  toolCalls?: MockToolCall[];
  /** The vendor's own finish reason value; defaults to its "stop" or "tool call" value. */
  finishReason?: string;
  /** `null` sends no usage at all (streams then end without usage). */
  usage?: MockUsage | null;
}

export const DEFAULT_REPLY_TEXT = "Hello from the mock upstream.";
export const DEFAULT_USAGE: Readonly<MockUsage> = Object.freeze({ promptTokens: 12, completionTokens: 7 });
export const DEFAULT_TRANSCRIPT = "The quick brown fox jumps over the lazy dog.";

export function replyText(reply: MockChatReply | undefined): string {
  if (reply?.text !== undefined) return reply.text;
  return reply?.toolCalls?.length ? "" : DEFAULT_REPLY_TEXT;
}

export function replyUsage(reply: MockChatReply | undefined): MockUsage | null {
  if (reply?.usage === null) return null;
  return reply?.usage ?? DEFAULT_USAGE;
}

/** Splits text into word-sized pieces that keep their leading space ("Hello", " from", ...). */
export function splitIntoPieces(text: string): string[] {
  if (text === "") return [];
  return text.match(/\s*\S+|\s+$/g) ?? [text];
}

/** Splits a string into fixed-size fragments (tool-call argument streaming). */
export function splitFixed(text: string, size: number): string[] {
  if (text === "") return [""];
  const pieces: string[] = [];
  for (let offset = 0; offset < text.length; offset += size) pieces.push(text.slice(offset, offset + size));
  return pieces;
}

/** Deterministic pseudo-random unit vector for an input string (embeddings). */
export function deterministicVector(input: string, dimensions: number): number[] {
  let state = 2166136261;
  for (let index = 0; index < input.length; index += 1) state = Math.imul(state ^ input.charCodeAt(index), 16777619);
  const values: number[] = [];
  for (let index = 0; index < dimensions; index += 1) {
    state = Math.imul(state ^ (state >>> 15), 2246822507) ^ index;
    values.push(((state >>> 0) / 4294967295) * 2 - 1);
  }
  const norm = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0)) || 1;
  return values.map((value) => Number((value / norm).toFixed(6)));
}

export function toBase64Floats(values: number[]): string {
  return Buffer.from(new Float32Array(values).buffer).toString("base64");
}
