import type { CallContext } from "../spec/call-context.js";
import type { ImageEditRequest, ImageGenerationRequest, ImagesResponse } from "../spec/endpoint-types.js";
import type { AdapterResult } from "../spec/stream-part.js";
import { createUsage, type Usage } from "../spec/usage.js";
import { parseJsonOrUndefined, protocolError } from "../http/call-upstream.js";
import { toBlob } from "./openai-audio.js";
import { postForm, postJson, type OpenAIEndpointDeps } from "./openai-request.js";

export async function openAIGenerateImage(
  deps: OpenAIEndpointDeps,
  request: ImageGenerationRequest,
  context: CallContext,
): Promise<AdapterResult<ImagesResponse>> {
  const answer = await postJson(deps, "/images/generations", request.model ?? "", request, context);
  return imagesResult(deps, answer.json);
}

export async function openAIEditImage(deps: OpenAIEndpointDeps, request: ImageEditRequest, context: CallContext): Promise<AdapterResult<ImagesResponse>> {
  const response = await postForm(deps, "/images/edits", request.model ?? "", buildImageEditForm(request), context);
  const text = await response.text();
  return imagesResult(deps, parseJsonOrUndefined(text));
}

export function buildImageEditForm(request: ImageEditRequest): FormData {
  const form = new FormData();
  const images = Array.isArray(request.image) ? request.image : [request.image];
  const imageField = images.length > 1 ? "image[]" : "image";
  for (const image of images) form.append(imageField, toBlob(image), image.filename);
  if (request.mask !== undefined) form.append("mask", toBlob(request.mask), request.mask.filename);
  for (const [name, value] of Object.entries(request)) {
    if (name === "image" || name === "mask" || value === undefined || value === null) continue;
    form.append(name, typeof value === "object" ? JSON.stringify(value) : String(value));
  }
  return form;
}

function imagesResult(deps: OpenAIEndpointDeps, json: unknown): AdapterResult<ImagesResponse> {
  if (typeof json !== "object" || json === null || !Array.isArray((json as ImagesResponse).data)) {
    throw protocolError(deps.settings.provider, "Upstream images answer has no data", json);
  }
  const response = json as ImagesResponse;
  return { response, usage: imageUsage(response) };
}

function imageUsage(response: ImagesResponse): Usage {
  const tokens = response.usage;
  return createUsage({
    images: response.data.length,
    promptTokens: tokens?.input_tokens ?? 0,
    completionTokens: tokens?.output_tokens ?? 0,
    totalTokens: tokens?.total_tokens,
  });
}
