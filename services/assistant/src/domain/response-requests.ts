import { z } from "zod";

const functionTool = z.object({
  type: z.literal("function"),
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "a function name is 1 to 64 letters, digits, underscores or dashes"),
  description: z.string().nullable().optional(),
  parameters: z.record(z.string(), z.unknown()).nullable().optional(),
  strict: z.boolean().nullable().optional(),
});

export const responseCreateSchema = z.object({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.record(z.string(), z.unknown()))]).optional(),
  instructions: z.string().nullable().optional(),
  previous_response_id: z.string().nullable().optional(),
  conversation: z.union([z.string(), z.object({ id: z.string() })]).nullable().optional(),
  // Function tools run by the caller; OpenAI's hosted tools (web search, file search…) are not offered (ADR 0024).
  tools: z.array(functionTool).optional(),
  tool_choice: z.unknown().optional(),
  parallel_tool_calls: z.boolean().nullable().optional(),
  store: z.boolean().nullable().optional(),
  stream: z.boolean().nullable().optional(),
  background: z.literal(false).nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  max_output_tokens: z.number().int().min(16).nullable().optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
});

export const conversationCreateSchema = z.object({
  items: z.array(z.record(z.string(), z.unknown())).max(20).nullable().optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
});

export const conversationItemsSchema = z.object({ items: z.array(z.record(z.string(), z.unknown())).min(1).max(20) });
