import { isUtf8 } from "node:buffer";
import express, { type RequestHandler } from "express";
import { AppError } from "@llm-serve/common";

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Turns body-parser's failures into AppErrors that the error table maps (400, 413, 415). */
export function bodyParserErrorToAppError(error: BodyParserError & Error): AppError {
  switch (error.type) {
    case "entity.too.large":
      return new AppError("invalid_request", "Request body is larger than this gateway accepts.", { details: { reason: "payload_too_large" } });
    case "entity.verify.failed":
      return new AppError("invalid_request", "The JSON body of your request is not valid UTF-8.", { details: { reason: "invalid_json" } });
    case "entity.parse.failed":
      return new AppError("invalid_request", "We could not parse the JSON body of your request.", { details: { reason: "invalid_json" } });
    case "encoding.unsupported":
    case "charset.unsupported":
      return new AppError("invalid_request", error.message, { details: { reason: "unsupported_media_type" } });
    default:
      return new AppError("invalid_request", "The request body could not be read.");
  }
}

/**
 * A JSON body parser whose size limit follows the live configuration: when the limit changes, the
 * next request uses a parser built for the new value.
 */
export function liveJsonBody(currentLimit: () => number): RequestHandler {
  let limit = -1;
  let parser: RequestHandler = (_request, _response, next) => next();
  return (request, response, next) => {
    const wanted = currentLimit();
    if (wanted !== limit) {
      limit = wanted;
      parser = express.json({
        limit: wanted,
        strict: true,
        type: ["application/json", "application/*+json"],
        // Kept for request-signature checks, which hash the exact bytes sent.
        verify: (request, _response, buffer, encoding) => {
          // JSON is UTF-8 (RFC 8259); decoding would replace invalid bytes silently and alter the prompt.
          if (/^utf-?8$/i.test(encoding) && !isUtf8(buffer)) throw new Error("invalid UTF-8");
          (request as typeof request & { rawBody?: Buffer }).rawBody = buffer;
        },
      });
    }
    // Refused on its declared length before a byte is read: body-parser would first read (drain) a
    // too-large body to its end, and a client declaring a terabyte held the connection until the
    // request time-out. The error handler closes the connection instead.
    if (Number(request.headers["content-length"] ?? 0) > wanted) {
      next(bodyParserErrorToAppError(Object.assign(new Error("request entity too large"), { type: "entity.too.large" })));
      return;
    }
    parser(request, response, (error?: unknown) => {
      if (error) next(bodyParserErrorToAppError(error as BodyParserError & Error));
      else next();
    });
  };
}
