import type { ServiceHandlers } from "@llm-serve/grpc";
import type { authKeyV1 } from "@llm-serve/proto";
import type { AuthKeyDeps } from "../domain/deps.js";
import { createKey } from "../domain/keys/create-key.js";
import { deleteKey } from "../domain/keys/delete-key.js";
import { getKey } from "../domain/keys/get-key.js";
import { listKeys } from "../domain/keys/list-keys.js";
import { revokeKey } from "../domain/keys/revoke-key.js";
import { rotateKey } from "../domain/keys/rotate-key.js";
import { updateKey, type UpdateKeyInput } from "../domain/keys/update-key.js";
import { actorOf, dateFrom, listFrom, metadataFrom, optionalMetadataFrom, toProtoKey, toProtoSecret } from "./proto-mapping.js";
import { AppError } from "@llm-serve/common";

type Handlers = ServiceHandlers<typeof authKeyV1.AuthAdminServiceService>;
type KeyHandlers = Pick<Handlers, "createKey" | "listKeys" | "getKey" | "updateKey" | "rotateKey" | "revokeKey" | "deleteKey">;

function statusFrom(status: string | undefined): UpdateKeyInput["status"] {
  if (status === undefined || status === "active" || status === "disabled") return status;
  throw new AppError("invalid_request", "status must be active or disabled (revoke a key with its revoke operation).", { details: { param: "status" } });
}

function updateInput(request: authKeyV1.UpdateKeyRequest): UpdateKeyInput {
  return {
    id: request.id,
    name: request.name,
    allowedModels: listFrom(request.allowedModels),
    allowedEndpoints: listFrom(request.allowedEndpoints),
    expiresAt: request.expiresAtMs === undefined ? undefined : dateFrom(request.expiresAtMs),
    ipAllowList: listFrom(request.ipAllowList),
    metadata: optionalMetadataFrom(request.metadataJson),
    requireSignature: request.requireSignature,
    quotaPolicyIds: listFrom(request.quotaPolicyIds),
    status: statusFrom(request.status),
  };
}

export function createKeyHandlers(deps: AuthKeyDeps): KeyHandlers {
  return {
    createKey: async (request, context) => {
      const created = await createKey(deps, actorOf(request.actor, context), {
        projectId: request.projectId,
        name: request.name,
        allowedModels: request.allowedModels,
        allowedEndpoints: request.allowedEndpoints,
        expiresAt: dateFrom(request.expiresAtMs),
        ipAllowList: request.ipAllowList,
        metadata: metadataFrom(request.metadataJson),
        requireSignature: request.requireSignature,
        quotaPolicyIds: request.quotaPolicyIds,
      });
      return { key: toProtoKey(created.key), secret: toProtoSecret(created.secret) };
    },
    listKeys: async (request, context) => ({ keys: (await listKeys(deps, actorOf(request.actor, context), { projectId: request.projectId })).map(toProtoKey) }),
    getKey: async (request, context) => ({ key: toProtoKey(await getKey(deps, actorOf(request.actor, context), { id: request.id })) }),
    updateKey: async (request, context) => ({ key: toProtoKey(await updateKey(deps, actorOf(request.actor, context), updateInput(request))) }),
    rotateKey: async (request, context) => {
      const rotated = await rotateKey(deps, actorOf(request.actor, context), { id: request.id, gracePeriodSeconds: request.gracePeriodSeconds });
      return { key: toProtoKey(rotated.key), secret: toProtoSecret(rotated.secret) };
    },
    revokeKey: async (request, context) => ({ key: toProtoKey(await revokeKey(deps, actorOf(request.actor, context), { id: request.id, reason: request.reason })) }),
    deleteKey: async (request, context) => {
      await deleteKey(deps, actorOf(request.actor, context), { id: request.id });
      return {};
    },
  };
}
