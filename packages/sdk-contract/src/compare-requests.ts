import type { RecordedRequest } from "@llm-serve/testkit";

/** A difference between the adapter's request and the SDK's that is meant, with why. */
export interface IntendedDifference {
  /** A flattened field (`body.max_tokens`, `header.x-api-key`, `path`, `auth`), or a pattern of them. */
  field: string | RegExp;
  /** The logical calls it applies to (all when absent). */
  cases?: readonly string[];
  reason: string;
}

/**
 * Headers that carry transport or telemetry, not the API contract: they are allowed to differ on every
 * vendor and need not differ (unlike a vendor's own list, whose every entry must still be true).
 */
export const TRANSPORT_HEADERS: readonly IntendedDifference[] = [
  { field: /^header\.(host|content-length|connection|accept-encoding|transfer-encoding)$/, reason: "transport: two HTTP clients (undici, httpx/requests/aiohttp) frame the same call differently" },
  { field: /^header\.(user-agent|x-stainless-.*|x-goog-api-client|x-client-.*)$/, reason: "client identification and SDK telemetry: the gateway is not the SDK and says so by not claiming to be it" },
  { field: "header.x-request-id", reason: "the gateway propagates its own request id where the vendor takes one; an SDK has none to send" },
];

export type AuthView = (request: RecordedRequest) => unknown;

/** How a vendor spells one body key when two spellings mean the same field (identity by default). */
export type KeySpelling = (key: string) => string;

/** proto3 JSON: `parameters_json_schema` and `parametersJsonSchema` are the same field. */
export const lowerCamelCase: KeySpelling = (key) => key.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());

/** `Bearer <x>` as {scheme, credential}; other schemes as they are. */
export const plainAuth: AuthView = (request) => {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const [scheme, ...rest] = header.split(" ");
  return { scheme, credential: rest.join(" ") };
};

/** method, path, query, headers (authorization through `auth`) and the JSON body, as path → value. */
export function flattenRequest(request: RecordedRequest, auth: AuthView = plainAuth, spelling: KeySpelling = (key) => key): Map<string, string> {
  const fields = new Map<string, string>();
  fields.set("method", request.method);
  fields.set("path", request.path);
  for (const [name, value] of Object.entries(request.query)) fields.set(`query.${name}`, JSON.stringify(value));
  for (const [name, value] of Object.entries(request.headers)) if (name !== "authorization") fields.set(`header.${name}`, normalizeHeader(name, value));
  fields.set("auth", JSON.stringify(auth(request)) ?? "none");
  flattenJson(request.body, "body", fields, spelling);
  return fields;
}

/** `application/json; charset=utf-8` and `application/json` say the same. */
function normalizeHeader(name: string, value: string): string {
  if (name === "content-type") return value.split(";")[0]!.trim().toLowerCase();
  return value;
}

function flattenJson(value: unknown, path: string, into: Map<string, string>, spelling: KeySpelling): void {
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value).map(([key, child]) => [spelling(key), child] as const);
    if (entries.length === 0) into.set(path, JSON.stringify(value));
    for (const [key, child] of entries) flattenJson(child, `${path}.${key}`, into, spelling);
    return;
  }
  into.set(path, JSON.stringify(value));
}

function matches(entry: IntendedDifference, field: string, caseName: string): boolean {
  if (entry.cases !== undefined && !entry.cases.includes(caseName)) return false;
  if (typeof entry.field === "string") return field === entry.field || field.startsWith(`${entry.field}.`);
  return entry.field.test(field);
}

export interface Comparison {
  /** Fields that differ and that no intended difference explains: each one a contract break. */
  unexplained: string[];
  /** Vendor entries that explained something (to find entries that are no longer true). */
  used: Set<IntendedDifference>;
}

/** Field-by-field comparison of one logical call as the adapter sent it and as the SDK sent it. */
export function compareRequests(
  caseName: string,
  adapter: RecordedRequest,
  sdk: RecordedRequest,
  intended: readonly IntendedDifference[],
  auth: AuthView = plainAuth,
  spelling?: KeySpelling,
): Comparison {
  const ours = flattenRequest(adapter, auth, spelling);
  const theirs = flattenRequest(sdk, auth, spelling);
  const unexplained: string[] = [];
  const used = new Set<IntendedDifference>();
  for (const field of new Set([...ours.keys(), ...theirs.keys()])) {
    const mine = ours.get(field);
    const reference = theirs.get(field);
    if (mine === reference) continue;
    const explanation = [...TRANSPORT_HEADERS, ...intended].find((entry) => matches(entry, field, caseName));
    if (explanation === undefined) unexplained.push(`${caseName}: ${field} adapter=${mine ?? "(absent)"} sdk=${reference ?? "(absent)"}`);
    else used.add(explanation);
  }
  return { unexplained, used };
}
