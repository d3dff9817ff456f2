import { Router } from "express";
import { AppError } from "@llm-serve/common";
import type { ImageEditRequest, ImageGenerationRequest } from "@llm-serve/adapters";
import { formFields, readMultipart } from "../http/multipart.js";
import { executeUnary } from "../pipeline/execute-unary.js";
import { vendorBody } from "../pipeline/attempt-deployments.js";
import { beginCall } from "../pipeline/gateway-call.js";
import type { PipelineDeps } from "../pipeline/pipeline-deps.js";
import { imageEditFormSchema, imageGenerationSchema } from "../validation/form-requests.js";
import { parseBody } from "../validation/parse-body.js";

export interface ImageDefaults {
  defaultModel: () => string;
  maxUploadBytes: () => number;
}

/** POST /v1/images/generations (JSON) and /v1/images/edits (multipart). */
export function imagesRouter(deps: PipelineDeps, defaults: ImageDefaults): Router {
  const router = Router();
  router.post("/v1/images/generations", async (request, response) => {
    const body = parseBody(imageGenerationSchema, request.body);
    const model = body.model ?? defaults.defaultModel();
    const call = beginCall(request, response, "images.generations", model, false);
    const result = await executeUnary(deps, call, {
      estimatedTokens: 0,
      invoke: (adapter, deployment, context) => adapter.generateImage(vendorBody(body as ImageGenerationRequest, deployment), context),
    });
    response.set(result.headers).json(result.response);
  });
  router.post("/v1/images/edits", async (request, response) => {
    const form = await readMultipart(request, { maxBytes: defaults.maxUploadBytes(), maxFiles: 17 });
    const fields = parseBody(imageEditFormSchema, formFields(form));
    const images = [...(form.files.image ?? []), ...(form.files["image[]"] ?? [])];
    if (images.length === 0) throw new AppError("invalid_request", "Missing required parameter: 'image'.", { details: { param: "image" } });
    const mask = form.files.mask?.[0];
    const model = fields.model ?? defaults.defaultModel();
    const call = beginCall(request, response, "images.edits", model, false);
    const editRequest: ImageEditRequest = { ...fields, image: images.length === 1 ? images[0]! : images, ...(mask ? { mask } : {}), model };
    const result = await executeUnary(deps, call, {
      estimatedTokens: 0,
      invoke: (adapter, deployment, context) => adapter.editImage(vendorBody(editRequest, deployment), context),
    });
    response.set(result.headers).json(result.response);
  });
  return router;
}
