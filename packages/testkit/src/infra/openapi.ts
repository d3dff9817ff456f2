import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";

/**
 * OpenAI's own API description, vendored in packages/testkit/openapi (MIT, source commit in its README).
 * Resolved from this module so that src/infra and dist/infra both find it, and no test reads outside the repository.
 */
export const OPENAI_OPENAPI_PATH = resolve(dirname(fileURLToPath(import.meta.url)), "../../openapi/openapi.yaml");

const SCHEMA_ID = "https://llm-serve.invalid/openai-openapi.json";

export interface OpenApiValidator {
  /** Returns the problems of `body` against `components.schemas.<name>`; empty when it conforms. */
  problems(schemaName: string, body: unknown): string[];
}

let cached: OpenApiValidator | undefined;

/**
 * Rewrites OpenAPI 3.0's `nullable: true` (still found in parts of the document) into JSON Schema:
 * `type: [t, "null"]`, or `anyOf: [schema, {type: "null"}]` where no type is given.
 */
function withoutNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutNullable);
  if (node === null || typeof node !== "object") return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, withoutNullable(value)]));
  if (nullable !== true) return converted;
  // OpenAPI 3.0 lets null through an enum of a nullable schema; JSON Schema needs it listed.
  if (Array.isArray(converted.enum) && !converted.enum.includes(null)) converted.enum = [...converted.enum, null];
  if (typeof converted.type === "string") return { ...converted, type: [converted.type, "null"] };
  return { anyOf: [converted, { type: "null" }] };
}

/** Validates response bodies against the schemas of OpenAI's OpenAPI 3.1 description. */
export function openApiValidator(): OpenApiValidator {
  if (cached) return cached;
  const document = parse(readFileSync(OPENAI_OPENAPI_PATH, "utf8")) as { components: unknown };
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, logger: false });
  addFormats.default(ajv);
  // OpenAI's own format for Unix timestamps in seconds.
  ajv.addFormat("unixtime", { type: "number", validate: (value: number) => Number.isInteger(value) && value >= 0 });
  ajv.addSchema({ $id: SCHEMA_ID, components: withoutNullable(document.components) });
  const compiled = new Map<string, ValidateFunction>();
  cached = {
    problems(schemaName, body) {
      let validate = compiled.get(schemaName);
      if (!validate) {
        const found = ajv.getSchema(`${SCHEMA_ID}#/components/schemas/${schemaName}`);
        if (!found) throw new Error(`no schema ${schemaName} in OpenAI's API description`);
        validate = found;
        compiled.set(schemaName, validate);
      }
      if (validate(body)) return [];
      return (validate.errors ?? []).map((error) => `${error.instancePath || "(root)"} ${error.message ?? ""} ${JSON.stringify(error.params)}`);
    },
  };
  return cached;
}
