import { z } from "zod";

// Follows CreateChatCompletionRequest in OpenAI's API description. Unknown top-level fields pass
// through (loose objects): OpenAI-shaped vendors receive them, adapters for others drop them.

const textPart = z.looseObject({ type: z.literal("text"), text: z.string() });
const imagePart = z.looseObject({
  type: z.literal("image_url"),
  image_url: z.looseObject({ url: z.string().min(1), detail: z.enum(["auto", "low", "high"]).optional() }),
});
const audioPart = z.looseObject({
  type: z.literal("input_audio"),
  input_audio: z.looseObject({ data: z.string().min(1), format: z.enum(["wav", "mp3"]) }),
});
const filePart = z.looseObject({
  type: z.literal("file"),
  file: z.looseObject({ file_id: z.string().optional(), filename: z.string().optional(), file_data: z.string().optional() }),
});
const refusalPart = z.looseObject({ type: z.literal("refusal"), refusal: z.string() });

const textContent = z.union([z.string(), z.array(textPart).min(1)]);
const toolCall = z.looseObject({
  id: z.string().min(1),
  type: z.literal("function"),
  function: z.looseObject({ name: z.string().min(1), arguments: z.string() }),
});

const message = z.discriminatedUnion("role", [
  z.looseObject({ role: z.literal("system"), content: textContent, name: z.string().optional() }),
  z.looseObject({ role: z.literal("developer"), content: textContent, name: z.string().optional() }),
  z.looseObject({
    role: z.literal("user"),
    content: z.union([z.string(), z.array(z.discriminatedUnion("type", [textPart, imagePart, audioPart, filePart])).min(1)]),
    name: z.string().optional(),
  }),
  z.looseObject({
    role: z.literal("assistant"),
    content: z.union([z.string(), z.array(z.discriminatedUnion("type", [textPart, refusalPart])), z.null()]).optional(),
    name: z.string().optional(),
    refusal: z.string().nullable().optional(),
    tool_calls: z.array(toolCall).optional(),
    function_call: z.looseObject({ name: z.string(), arguments: z.string() }).nullable().optional(),
  }),
  z.looseObject({ role: z.literal("tool"), content: textContent, tool_call_id: z.string().min(1) }),
  z.looseObject({ role: z.literal("function"), content: z.string().nullable(), name: z.string().min(1) }),
]);

const functionTool = z.looseObject({
  type: z.literal("function"),
  function: z.looseObject({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "must be 1-64 letters, digits, underscores or dashes"),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullable().optional(),
  }),
});

const toolChoice = z.union([
  z.enum(["none", "auto", "required"]),
  z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: z.string().min(1) }) }),
]);

const responseFormat = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("text") }),
  z.looseObject({ type: z.literal("json_object") }),
  z.looseObject({
    type: z.literal("json_schema"),
    json_schema: z.looseObject({ name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/), description: z.string().optional(), schema: z.record(z.string(), z.unknown()).optional(), strict: z.boolean().nullable().optional() }),
  }),
]);

export const stopSchema = z.union([z.string(), z.array(z.string()).min(1).max(4)]).nullable().optional();
export const positiveTokens = z.number().int().min(1).nullable().optional();

export const chatCompletionRequestSchema = z
  .looseObject({
    model: z.string().min(1),
    messages: z.array(message).min(1),
    temperature: z.number().min(0).max(2).nullable().optional(),
    top_p: z.number().min(0).max(1).nullable().optional(),
    n: z.number().int().min(1).max(128).nullable().optional(),
    stream: z.boolean().nullable().optional(),
    stream_options: z.looseObject({ include_usage: z.boolean().optional(), include_obfuscation: z.boolean().optional() }).nullable().optional(),
    stop: stopSchema,
    max_tokens: positiveTokens,
    max_completion_tokens: positiveTokens,
    presence_penalty: z.number().min(-2).max(2).nullable().optional(),
    frequency_penalty: z.number().min(-2).max(2).nullable().optional(),
    logit_bias: z.record(z.string(), z.number().int().min(-100).max(100)).nullable().optional(),
    logprobs: z.boolean().nullable().optional(),
    top_logprobs: z.number().int().min(0).max(20).nullable().optional(),
    response_format: responseFormat.optional(),
    tools: z.array(functionTool).max(128).optional(),
    tool_choice: toolChoice.optional(),
    parallel_tool_calls: z.boolean().optional(),
    user: z.string().optional(),
    seed: z.number().int().nullable().optional(),
  })
  .refine((request) => !request.stream_options || request.stream === true, {
    message: "stream_options is only allowed when stream is true",
    path: ["stream_options"],
  })
  .refine((request) => request.top_logprobs === undefined || request.top_logprobs === null || request.logprobs === true, {
    message: "top_logprobs requires logprobs to be true",
    path: ["top_logprobs"],
  });

export type ValidChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;
