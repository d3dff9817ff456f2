import type { Request } from "express";
import busboy from "busboy";
import { AppError } from "@llm-serve/common";
import type { FileInput } from "@llm-serve/adapters";

export interface MultipartBody {
  fields: Record<string, string[]>;
  files: Record<string, FileInput[]>;
}

export interface MultipartLimits {
  maxBytes: number;
  maxFiles?: number;
  maxFields?: number;
}

/** Room beside the files for the form's text fields and part headers. */
const FORM_OVERHEAD_BYTES = 1024 * 1024;

function tooLarge(): AppError {
  return invalid("Request body is larger than this gateway accepts.", "payload_too_large");
}

function invalid(message: string, reason?: string): AppError {
  return new AppError("invalid_request", message, reason ? { details: { reason } } : {});
}

/**
 * Reads a multipart/form-data body (audio and image uploads) into memory within limits. Broken
 * bodies are 400s, oversized ones 413, other content types 415 — never a crash.
 */
export function readMultipart(request: Request, limits: MultipartLimits): Promise<MultipartBody> {
  const contentType = request.headers["content-type"] ?? "";
  if (!/^multipart\/form-data/i.test(contentType)) {
    return Promise.reject(invalid("This endpoint expects multipart/form-data.", "unsupported_media_type"));
  }
  // The whole body, not only the files, is bounded: refused on its declared length before a byte
  // is read, and counted as it arrives when it declares none (chunked).
  const maxBodyBytes = limits.maxBytes + FORM_OVERHEAD_BYTES;
  if (Number(request.headers["content-length"] ?? 0) > maxBodyBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        limits: { fileSize: limits.maxBytes, files: limits.maxFiles ?? 8, fields: limits.maxFields ?? 64, fieldSize: 1024 * 1024, parts: 128 },
      });
    } catch (error) {
      reject(invalid(`Malformed multipart body: ${(error as Error).message}`));
      return;
    }
    const body: MultipartBody = { fields: {}, files: {} };
    let total = 0;
    let failed = false;
    const fail = (error: AppError) => {
      if (failed) return;
      failed = true;
      request.unpipe(parser);
      request.off("data", countBytes);
      request.pause();
      // Not drained: the error handler closes the connection after the answer.
      reject(error);
    };
    let received = 0;
    const countBytes = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBodyBytes) fail(tooLarge());
    };
    request.on("data", countBytes);
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) fail(invalid(`Form field '${name}' is too long.`));
      (body.fields[name] ??= []).push(value);
    });
    parser.on("file", (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        total += chunk.length;
        if (total > limits.maxBytes) fail(tooLarge());
        else chunks.push(chunk);
      });
      stream.on("limit", () => fail(invalid("Uploaded file is larger than this gateway accepts.", "payload_too_large")));
      stream.on("end", () => {
        (body.files[name] ??= []).push({ data: new Uint8Array(Buffer.concat(chunks)), filename: info.filename || name, contentType: info.mimeType });
      });
    });
    parser.on("filesLimit", () => fail(invalid("Too many files in the form.")));
    parser.on("fieldsLimit", () => fail(invalid("Too many fields in the form.")));
    parser.on("partsLimit", () => fail(invalid("Too many parts in the form.")));
    parser.on("error", (error: Error) => fail(invalid(`Malformed multipart body: ${error.message}`)));
    parser.on("close", () => {
      if (!failed) resolve(body);
    });
    request.on("aborted", () => fail(invalid("The upload was interrupted.")));
    request.pipe(parser);
  });
}

/** Single text fields of a form, with `name[]` arrays gathered under `name`. */
export function formFields(body: MultipartBody): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [rawName, values] of Object.entries(body.fields)) {
    const isArray = rawName.endsWith("[]");
    const name = isArray ? rawName.slice(0, -2) : rawName;
    result[name] = isArray || values.length > 1 ? values : (values[0] ?? "");
  }
  return result;
}
