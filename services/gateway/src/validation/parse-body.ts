import { AppError } from "@llm-serve/common";
import type { z } from "zod";

/** `messages[0].content` style, as OpenAI names a parameter. */
export function paramName(path: readonly PropertyKey[]): string {
  let name = "";
  for (const segment of path) {
    if (typeof segment === "number") name += `[${segment}]`;
    else name += name ? `.${String(segment)}` : String(segment);
  }
  return name;
}

/** Parses a request body with its schema; the first problem becomes a 400 naming the parameter. */
export function parseBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.infer<Schema> {
  if (body === undefined || body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new AppError("invalid_request", "The request body must be a JSON object (Content-Type: application/json).", {
      details: { reason: body === undefined ? "unsupported_media_type" : "invalid_body" },
    });
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue ? paramName(issue.path) : "";
  const message = issue
    ? issue.code === "invalid_type" && issue.input === undefined
      ? `Missing required parameter: '${param}'.`
      : `Invalid value for '${param || "body"}': ${issue.message}`
    : "Invalid request body.";
  throw new AppError("invalid_request", message, { details: { param: param || null } });
}
