import { AppError } from "@llm-serve/common";
import { z } from "zod";

const metadata = z.record(z.string().max(64), z.string().max(512)).refine((value) => Object.keys(value).length <= 16, "at most 16 metadata keys");

const functionTool = z.object({
  type: z.literal("function"),
  function: z.object({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "a function name is 1 to 64 letters, digits, underscores or dashes"),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullable().optional(),
  }),
});

/** An assistant's tool configs: valid function definitions, or OpenAI's built-in tools (kept, not run: ADR 0024). */
export const toolsSchema = z
  .array(z.discriminatedUnion("type", [functionTool, z.object({ type: z.literal("code_interpreter") }), z.object({ type: z.literal("file_search"), file_search: z.record(z.string(), z.unknown()).optional() })]))
  .max(128)
  .superRefine((tools, context) => {
    const names = tools.flatMap((tool) => (tool.type === "function" ? [tool.function.name] : []));
    if (new Set(names).size !== names.length) context.addIssue({ code: "custom", message: "function tool names must be unique" });
  });

const sampling = {
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  response_format: z.unknown().optional(),
};

export const assistantCreateSchema = z.object({
  // The aggregate's first invariant: it is linked to a model.
  model: z.string().min(1, "an assistant needs a model"),
  name: z.string().max(256).nullable().optional(),
  description: z.string().max(512).nullable().optional(),
  instructions: z.string().max(256_000).nullable().optional(),
  tools: toolsSchema.optional(),
  tool_resources: z.record(z.string(), z.unknown()).nullable().optional(),
  metadata: metadata.nullable().optional(),
  ...sampling,
});

export const assistantUpdateSchema = assistantCreateSchema.partial();

const textContent = z.union([
  z.string(),
  z.array(z.object({ type: z.literal("text"), text: z.string() })).min(1),
]);

export const messageCreateSchema = z.object({
  role: z.enum(["user", "assistant"]),
  content: textContent,
  attachments: z.array(z.unknown()).nullable().optional(),
  metadata: metadata.nullable().optional(),
});

export const metadataUpdateSchema = z.object({ metadata: metadata.nullable().optional() });

export const threadCreateSchema = z.object({
  messages: z.array(messageCreateSchema).max(32).optional(),
  tool_resources: z.record(z.string(), z.unknown()).nullable().optional(),
  metadata: metadata.nullable().optional(),
});

export const truncationSchema = z.object({
  type: z.enum(["auto", "last_messages"]),
  last_messages: z.number().int().min(1).nullable().optional(),
});

export const runCreateSchema = z.object({
  assistant_id: z.string().min(1),
  model: z.string().min(1).nullable().optional(),
  instructions: z.string().nullable().optional(),
  additional_instructions: z.string().nullable().optional(),
  additional_messages: z.array(messageCreateSchema).nullable().optional(),
  tools: toolsSchema.nullable().optional(),
  metadata: metadata.nullable().optional(),
  stream: z.boolean().nullable().optional(),
  max_prompt_tokens: z.number().int().min(256).nullable().optional(),
  max_completion_tokens: z.number().int().min(256).nullable().optional(), // OpenAI's minimum, as for max_prompt_tokens
  truncation_strategy: truncationSchema.nullable().optional(),
  tool_choice: z.unknown().optional(),
  parallel_tool_calls: z.boolean().optional(),
  ...sampling,
});

export const createAndRunSchema = runCreateSchema.omit({ additional_messages: true, additional_instructions: true }).extend({ thread: threadCreateSchema.optional() });

export const submitToolOutputsSchema = z.object({
  tool_outputs: z.array(z.object({ tool_call_id: z.string().min(1), output: z.string() })).min(1),
  stream: z.boolean().nullable().optional(),
});

/** Parses a request body; a bad one is a 400 naming the offending parameter, as OpenAI answers. */
export function parseRequest<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue?.path.map(String).join(".") || null;
  throw new AppError("invalid_request", param ? `Invalid '${param}': ${issue?.message ?? "invalid value"}` : (issue?.message ?? "invalid request body"), { details: { param } });
}
