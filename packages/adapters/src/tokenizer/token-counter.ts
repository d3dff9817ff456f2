import { Tiktoken } from "js-tiktoken/lite";

/**
 * Token counting for usage estimation. js-tiktoken bundles its BPE ranks in the package, so nothing
 * is fetched at run time. o200k_base (GPT-4o family) is used for every vendor: for non-OpenAI
 * models the count is an approximation, which is why such usage is flagged `estimated`.
 *
 * The encoder is loaded lazily on first use and cached: it is an immutable table of ~200k ranks
 * that takes a few hundred milliseconds to build, and most requests never need it.
 */
let encoderLoading: Promise<Tiktoken> | undefined;
let encodingCalls = 0;

/**
 * How many times this process has asked the tokenizer to count, for checking that a path stays
 * free of it (the quota reservation sizes requests with `token-bound.ts` instead).
 */
export function tokenizerCallCount(): number {
  return encodingCalls;
}

export function loadEncoder(): Promise<Tiktoken> {
  encoderLoading ??= import("js-tiktoken/ranks/o200k_base").then((module) => new Tiktoken(module.default));
  return encoderLoading;
}

export async function countTokens(text: string): Promise<number> {
  encodingCalls += 1;
  if (text === "") return 0;
  const encoder = await loadEncoder();
  return encoder.encode(text, "all").length;
}

export async function countTokensOfAll(texts: readonly string[]): Promise<number> {
  encodingCalls += 1;
  const encoder = await loadEncoder();
  let total = 0;
  for (const text of texts) if (text !== "") total += encoder.encode(text, "all").length;
  return total;
}
