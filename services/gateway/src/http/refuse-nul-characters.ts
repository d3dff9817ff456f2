import type { RequestHandler } from "express";
import { AppError } from "@llm-serve/common";

/** Where in a parsed JSON body the first NUL character sits (`name`, `deployments[0].id`), if any. */
export function findNulCharacter(value: unknown, path = ""): string | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? path || "(body)" : undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = findNulCharacter(value[index], `${path}[${index}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === "object") {
    for (const [name, inner] of Object.entries(value)) {
      const here = path ? `${path}.${name}` : name;
      if (name.includes("\u0000")) return here;
      const found = findNulCharacter(inner, here);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * Admin bodies end up in Postgres, whose text cannot hold U+0000: a name with one failed deep in a
 * service as a 500. Refused here, once for every admin route, with a 400 naming the field (and in
 * path parameters, which reach the same columns as ids).
 */
export function refuseNulCharacters(): RequestHandler {
  return (request, _response, next) => {
    const field = findNulCharacter(request.body) ?? (request.path.includes("\u0000") || /%00/i.test(request.originalUrl) ? "(path)" : undefined);
    if (field === undefined) return next();
    next(new AppError("invalid_request", `The field ${field} contains a NUL (\\u0000) character, which is not allowed.`, { details: { param: field === "(path)" || field === "(body)" ? null : field } }));
  };
}
