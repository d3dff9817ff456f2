import { AppError } from "@llm-serve/common";
import { modelRegistryV1 } from "@llm-serve/proto";
import { z } from "zod";

const count = z.number().int().min(0);
const range = z.object({ min: z.number(), max: z.number() }).strict();
const stringMap = z.record(z.string(), z.string());

const credentials = z.object({ api_key: z.string().optional(), secret_key: z.string().optional(), headers: stringMap.optional() }).strict();

const options = z
  .object({
    organization: z.string().optional(),
    project: z.string().optional(),
    api_version: z.string().optional(),
    deployments: stringMap.optional(),
    model_endpoints: stringMap.optional(),
    auth_mode: z.enum(["key", "jwt"]).optional(),
    app_id: z.string().optional(),
    mock_stream_delay_ms: count.optional(),
    mock_embedding_dimensions: count.optional(),
  })
  .strict();

const deployment = z
  .object({
    id: z.string().optional(),
    provider_type: z.string().min(1),
    base_url: z.string().optional(),
    credentials: credentials.optional(),
    options: options.optional(),
    upstream_model: z.string().min(1),
    weight: count.optional(),
    priority: count.optional(),
    tags: z.array(z.string()).optional(),
    rpm: count.optional(),
    tpm: count.optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

const runtime = z
  .object({
    timeouts: z.object({ connect_ms: count.optional(), first_byte_ms: count.optional(), idle_ms: count.optional(), total_ms: count.optional() }).strict().optional(),
    max_retries: count.optional(),
    bounds: z.object({ temperature: range.optional(), top_p: range.optional(), max_tokens: count.optional() }).strict().optional(),
    default_parameters: z.record(z.string(), z.unknown()).optional(),
    override_parameters: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** The admin REST body of a model (snake_case); the registry checks the domain invariants. */
export const adminModelSchema = z
  .object({
    id: z.string().min(1),
    aliases: z.array(z.string()).optional(),
    owned_by: z.string().optional(),
    description: z.string().optional(),
    enabled: z.boolean().optional(),
    capability: z
      .object({
        endpoints: z.array(z.string()).optional(),
        context_window: count.optional(),
        max_output_tokens: count.optional(),
        supports_tools: z.boolean().optional(),
        supports_vision: z.boolean().optional(),
        supports_streaming: z.boolean().optional(),
      })
      .strict()
      .optional(),
    runtime: runtime.optional(),
    routing: z
      .object({ strategy: z.string().optional(), fallbacks: z.array(z.object({ model: z.string(), on: z.array(z.string()) }).strict()).optional() })
      .strict()
      .optional(),
    price_plan_id: z.string(),
    deployments: z.array(deployment).min(1),
  })
  .strict();

/** Validates an admin request body and turns it into the registry's ModelInput. */
export function parseAdminModel(body: unknown, idFromPath?: string): modelRegistryV1.ModelInput {
  const candidate = idFromPath !== undefined && body !== null && typeof body === "object" && !("id" in body) ? { ...body, id: idFromPath } : body;
  const result = adminModelSchema.safeParse(candidate);
  if (!result.success) {
    const issue = result.error.issues[0];
    const param = issue?.path.join(".") ?? null;
    throw new AppError("invalid_request", `Invalid model configuration: ${result.error.issues.map((each) => `${each.path.join(".") || "body"}: ${each.message}`).join("; ")}`, { details: { param } });
  }
  if (idFromPath !== undefined && result.data.id !== idFromPath) throw new AppError("invalid_request", "The id in the body must match the model in the path.", { details: { param: "id" } });
  const { runtime: runtimeInput, ...rest } = result.data;
  const { default_parameters, override_parameters, ...runtimeRest } = runtimeInput ?? {};
  return modelRegistryV1.ModelInput.fromJSON({
    ...rest,
    runtime: { ...runtimeRest, default_parameters_json: JSON.stringify(default_parameters ?? {}), override_parameters_json: JSON.stringify(override_parameters ?? {}) },
  });
}
