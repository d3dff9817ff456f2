import type { modelRegistryV1 } from "@llm-serve/proto";

/** Object keys that are data (names of models, headers), not field names: left as they are. */
const MAP_FIELDS = new Set(["deployments", "modelEndpoints", "headers"]);

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function toSnake(value: unknown, parentKey = ""): unknown {
  if (Array.isArray(value)) return value.map((item) => toSnake(item));
  if (value === null || typeof value !== "object") return value;
  if (MAP_FIELDS.has(parentKey)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [snakeCase(key), toSnake(child, key)]));
}

/** A model as the admin API shows it: snake_case, every field present, credentials as a hint only. */
export function adminModelView(model: modelRegistryV1.Model | undefined): unknown {
  if (!model) return null;
  const { runtime, ...rest } = model;
  return {
    object: "model_config",
    ...(toSnake(rest) as Record<string, unknown>),
    runtime: {
      timeouts: toSnake(runtime?.timeouts),
      max_retries: runtime?.maxRetries ?? 0,
      bounds: toSnake(runtime?.bounds),
      default_parameters: JSON.parse(runtime?.defaultParametersJson || "{}") as unknown,
      override_parameters: JSON.parse(runtime?.overrideParametersJson || "{}") as unknown,
    },
  };
}
