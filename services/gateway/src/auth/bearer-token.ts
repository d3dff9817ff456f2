import type { Request } from "express";

/** The credential of `Authorization: Bearer <credential>`, if well formed. */
export function bearerToken(request: Request): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(request.header("authorization") ?? "");
  return match?.[1];
}
