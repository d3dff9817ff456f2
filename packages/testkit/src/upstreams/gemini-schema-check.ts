/**
 * What the Gemini API refuses in the `parameters` of a function declaration and in `responseSchema`:
 * both are its OpenAPI-subset `Schema` message, parsed as protobuf JSON, so any other keyword
 * (`$schema`, `const`, `exclusiveMinimum`, `additionalProperties`, ...) is "Unknown name" and a type
 * array "cannot start list". `parametersJsonSchema` / `responseJsonSchema` take JSON Schema as is.
 */
const SCHEMA_FIELDS = new Set([
  "type", "format", "title", "description", "nullable", "enum", "maxItems", "minItems", "properties", "required",
  "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "example", "anyOf", "propertyOrdering",
  "default", "items", "minimum", "maximum",
]);

/** Protobuf JSON accepts the proto field name (snake_case) as well as the JSON name. */
function jsonName(field: string): string {
  return field.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

/** The vendor's 400 message for the first problem of `schema` at `path`, or undefined. */
export function geminiSchemaProblem(schema: unknown, path: string): string | undefined {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return `Invalid value at '${path}': expected a Schema object`;
  for (const [field, value] of Object.entries(schema as Record<string, unknown>)) {
    if (!SCHEMA_FIELDS.has(jsonName(field))) return `Invalid JSON payload received. Unknown name "${field}" at '${path}': Cannot find field.`;
    const name = jsonName(field);
    if (name === "type" && typeof value !== "string") return `Invalid JSON payload received. Unknown name "type" at '${path}': Proto field is not repeating, cannot start list.`;
    const nested = nestedSchemas(name, value, path);
    for (const [childPath, child] of nested) {
      const problem = geminiSchemaProblem(child, childPath);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

function nestedSchemas(name: string, value: unknown, path: string): Array<[string, unknown]> {
  if (name === "items") return [[`${path}.items`, value]];
  if (name === "anyOf" && Array.isArray(value)) return value.map((child, index) => [`${path}.any_of[${index}]`, child]);
  if (name === "properties" && value !== null && typeof value === "object") {
    return Object.entries(value as Record<string, unknown>).map(([key, child]) => [`${path}.properties[${key}].value`, child]);
  }
  return [];
}

/** Problems of a generateContent body's tool declarations and response schema (undefined when fine). */
export function geminiRequestSchemaProblem(body: Record<string, unknown>): string | undefined {
  const tools = Array.isArray(body.tools) ? (body.tools as Array<Record<string, unknown>>) : [];
  for (const [toolIndex, tool] of tools.entries()) {
    const declarations = field(tool, "functionDeclarations");
    for (const [index, declaration] of (Array.isArray(declarations) ? (declarations as Array<Record<string, unknown>>) : []).entries()) {
      const path = `tools[${toolIndex}].function_declarations[${index}]`;
      if (declaration.parameters !== undefined && field(declaration, "parametersJsonSchema") !== undefined) {
        return `${path}: parameters and parameters_json_schema are mutually exclusive`;
      }
      if (declaration.parameters !== undefined) {
        const problem = geminiSchemaProblem(declaration.parameters, `${path}.parameters`);
        if (problem !== undefined) return problem;
      }
    }
  }
  const config = (field(body, "generationConfig") ?? {}) as Record<string, unknown>;
  const responseSchema = field(config, "responseSchema");
  if (responseSchema !== undefined && field(config, "responseJsonSchema") !== undefined) return "generation_config: response_schema and response_json_schema are mutually exclusive";
  if (responseSchema !== undefined) return geminiSchemaProblem(responseSchema, "generation_config.response_schema");
  return undefined;
}

/** A message field under its JSON name or its proto name (google-genai sends e.g. `parameters_json_schema`). */
function field(message: Record<string, unknown>, jsonFieldName: string): unknown {
  return message[jsonFieldName] ?? message[jsonFieldName.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)];
}
