import { z } from "zod";
import { positiveTokens, stopSchema } from "./chat-completion-request.js";

const tokenArray = z.array(z.number().int().min(0)).min(1);

/** CreateCompletionRequest (legacy completions). */
export const completionRequestSchema = z
  .looseObject({
    model: z.string().min(1),
    prompt: z.union([z.string(), z.array(z.string()).min(1), tokenArray, z.array(tokenArray).min(1)]),
    best_of: z.number().int().min(0).max(20).nullable().optional(),
    echo: z.boolean().nullable().optional(),
    frequency_penalty: z.number().min(-2).max(2).nullable().optional(),
    presence_penalty: z.number().min(-2).max(2).nullable().optional(),
    logit_bias: z.record(z.string(), z.number().int().min(-100).max(100)).nullable().optional(),
    logprobs: z.number().int().min(0).max(5).nullable().optional(),
    max_tokens: positiveTokens,
    n: z.number().int().min(1).max(128).nullable().optional(),
    seed: z.number().int().nullable().optional(),
    stop: stopSchema,
    stream: z.boolean().nullable().optional(),
    stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
    suffix: z.string().nullable().optional(),
    temperature: z.number().min(0).max(2).nullable().optional(),
    top_p: z.number().min(0).max(1).nullable().optional(),
    user: z.string().optional(),
  })
  .refine((request) => !request.stream_options || request.stream === true, {
    message: "stream_options is only allowed when stream is true",
    path: ["stream_options"],
  });

/** CreateEmbeddingRequest. */
export const embeddingRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()).min(1).max(2048), tokenArray, z.array(tokenArray).min(1).max(2048)]),
  encoding_format: z.enum(["float", "base64"]).optional(),
  dimensions: z.number().int().min(1).optional(),
  user: z.string().optional(),
});
