import type { z } from "zod";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** One admin route as the description states it; `name` names its schemas in `components`. */
export interface AdminOperation {
  method: HttpMethod;
  /** Express-style, as registered: `/admin/organizations/:organizationId`. */
  path: string;
  name: string;
  tag: string;
  summary: string;
  /** Who may call it (checked at the edge, then by the owning service). Absent: no token needed. */
  roles?: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The success status (200 unless stated). */
  status?: number;
  response: z.ZodType;
  /**
   * A list: answers one page (`limit`, `after`) of `response` items; `ordered`: it also takes `order`,
   * `asc` by default (`true`) or `desc` by default (`"desc"`: the newest-first lists).
   */
  list?: { extra?: z.ZodRawShape; ordered?: true | "desc" };
  /** Also answers as server-sent events (`?stream=true` / `Accept: text/event-stream`), each `data:` one of these. */
  events?: z.ZodType;
  /** Error statuses besides the ones every admin route can answer (401, 403, 429, 500, 503). */
  errors?: number[];
}
