import { z } from "zod";

const booleanField = z.enum(["true", "false"]).transform((value) => value === "true");
const numberField = z.coerce.number();

/** Form fields of CreateTranscriptionRequest / CreateTranslationRequest (the file is checked apart). */
export const audioFormSchema = z.looseObject({
  model: z.string().min(1),
  language: z.string().min(2).max(16).optional(),
  prompt: z.string().optional(),
  response_format: z.enum(["json", "text", "srt", "verbose_json", "vtt", "diarized_json"]).optional(),
  temperature: numberField.pipe(z.number().min(0).max(1)).optional(),
  timestamp_granularities: z.union([z.enum(["word", "segment"]), z.array(z.enum(["word", "segment"]))]).optional(),
  stream: booleanField.optional(),
});

/** Form fields of CreateImageEditRequest. */
export const imageEditFormSchema = z.looseObject({
  prompt: z.string().min(1).max(32_000),
  model: z.string().min(1).optional(),
  n: numberField.pipe(z.number().int().min(1).max(10)).optional(),
  size: z.string().min(1).optional(),
  response_format: z.enum(["url", "b64_json"]).optional(),
  user: z.string().optional(),
});

/** CreateImageRequest (JSON). */
export const imageGenerationSchema = z.looseObject({
  prompt: z.string().min(1).max(32_000),
  model: z.string().min(1).nullable().optional(),
  n: z.number().int().min(1).max(10).nullable().optional(),
  size: z.string().min(1).nullable().optional(),
  quality: z.string().min(1).nullable().optional(),
  response_format: z.enum(["url", "b64_json"]).nullable().optional(),
  style: z.string().min(1).nullable().optional(),
  user: z.string().optional(),
});

const moderationPart = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("text"), text: z.string() }),
  z.looseObject({ type: z.literal("image_url"), image_url: z.looseObject({ url: z.string().min(1) }) }),
]);

/** CreateModerationRequest. */
export const moderationSchema = z.looseObject({
  input: z.union([z.string(), z.array(z.string()).min(1), z.array(moderationPart).min(1)]),
  model: z.string().min(1).optional(),
});
