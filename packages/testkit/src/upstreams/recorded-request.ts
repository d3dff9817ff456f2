import type { IncomingHttpHeaders } from "node:http";

export interface RecordedFile {
  filename: string;
  contentType: string;
  size: number;
}

/** A multipart/form-data body as the mock saw it. */
export interface RecordedForm {
  fields: Record<string, string | string[]>;
  files: Record<string, RecordedFile | RecordedFile[]>;
}

export interface RecordedRequest {
  method: string;
  /** Path plus query string, as sent. */
  url: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON, a RecordedForm for multipart, the text otherwise, undefined when empty. */
  body: unknown;
  rawBody: string;
  /** True when the client closed the connection before the response finished. */
  closedByClient: boolean;
}

export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    result[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return result;
}

export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<unknown> {
  if (raw.length === 0) return undefined;
  const type = (contentType ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) return parseMultipart(raw, contentType ?? "");
  const text = raw.toString("utf8");
  if (type.includes("json") || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  if (type.startsWith("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  return text;
}

async function parseMultipart(raw: Buffer, contentType: string): Promise<RecordedForm> {
  const form = await new Request("http://mock.invalid/", {
    method: "POST",
    headers: { "content-type": contentType },
    body: new Uint8Array(raw),
  }).formData();
  const fields: RecordedForm["fields"] = {};
  const files: RecordedForm["files"] = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") appendValue(fields, name, value);
    else appendValue(files, name, { filename: value.name, contentType: value.type, size: value.size });
  }
  return { fields, files };
}

function appendValue<T>(target: Record<string, T | T[]>, name: string, value: T): void {
  const existing = target[name];
  if (existing === undefined) target[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else target[name] = [existing, value];
}
