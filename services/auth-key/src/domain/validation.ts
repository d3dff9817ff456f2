import { isIP } from "node:net";
import { AppError } from "@llm-serve/common";
import type { Metadata } from "./model.js";

const MAX_METADATA_BYTES = 8_192;
const MAX_LIST = 100;
const MODEL_PATTERN = /^[A-Za-z0-9._:/*@+-]{1,200}$/;
const ENDPOINT_PATTERN = /^[a-z0-9_.*]{1,100}$/;
const POLICY_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,100}$/;

function invalid(param: string, message: string): AppError {
  return new AppError("invalid_request", message, { details: { param } });
}

export function requireName(value: string, param = "name"): string {
  const name = value.trim();
  if (name.length === 0 || name.length > 200) throw invalid(param, `${param} must be 1 to 200 characters.`);
  return name;
}

export function validateMetadata(value: Metadata): Metadata {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw invalid("metadata", "metadata must be a JSON object.");
  if (Buffer.byteLength(JSON.stringify(value)) > MAX_METADATA_BYTES) throw invalid("metadata", `metadata must be at most ${MAX_METADATA_BYTES} bytes.`);
  return value;
}

function validateList(values: readonly string[], param: string, pattern: RegExp, what: string): string[] {
  if (values.length > MAX_LIST) throw invalid(param, `${param} holds at most ${MAX_LIST} entries.`);
  for (const value of values) if (!pattern.test(value)) throw invalid(param, `${JSON.stringify(value)} is not a valid ${what}.`);
  return [...new Set(values)];
}

/** Model names or glob patterns (`gpt-4o*`); empty = every model. */
export function validateModelPatterns(values: readonly string[]): string[] {
  return validateList(values, "allowed_models", MODEL_PATTERN, "model name or pattern");
}

/** Endpoint names (`chat.completions`, `embeddings`, `audio.*`); empty = every endpoint. */
export function validateEndpoints(values: readonly string[]): string[] {
  return validateList(values, "allowed_endpoints", ENDPOINT_PATTERN, "endpoint name or pattern");
}

export function validateQuotaPolicyIds(values: readonly string[]): string[] {
  return validateList(values, "quota_policy_ids", POLICY_ID_PATTERN, "quota policy id");
}

/** CIDR blocks (a bare address means that one address), normalised to `address/prefix`. */
export function validateCidrs(values: readonly string[]): string[] {
  if (values.length > MAX_LIST) throw invalid("ip_allow_list", `ip_allow_list holds at most ${MAX_LIST} entries.`);
  return [...new Set(values.map(normaliseCidr))];
}

function normaliseCidr(value: string): string {
  const [address = "", prefixText, extra] = value.trim().split("/");
  const family = isIP(address);
  const maxPrefix = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (family === 0 || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix || prefixText === "") {
    throw invalid("ip_allow_list", `${JSON.stringify(value)} is not a valid IP address or CIDR block.`);
  }
  return `${address.toLowerCase()}/${prefix}`;
}

export function validateFutureTime(value: Date | null, now: Date, param: string): Date | null {
  if (value === null) return null;
  if (Number.isNaN(value.getTime()) || value.getTime() <= now.getTime()) throw invalid(param, `${param} must be in the future.`);
  return value;
}
