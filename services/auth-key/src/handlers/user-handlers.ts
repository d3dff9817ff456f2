import type { ServiceHandlers } from "@llm-serve/grpc";
import type { authKeyV1 } from "@llm-serve/proto";
import type { AuthKeyDeps } from "../domain/deps.js";
import { createUser } from "../domain/users/create-user.js";
import { deleteUser } from "../domain/users/delete-user.js";
import { getUser } from "../domain/users/get-user.js";
import { issueAdminToken } from "../domain/users/issue-admin-token.js";
import { listAdminTokens } from "../domain/users/list-admin-tokens.js";
import { listUsers } from "../domain/users/list-users.js";
import { revokeAdminToken } from "../domain/users/revoke-admin-token.js";
import { updateUser } from "../domain/users/update-user.js";
import { actorOf, dateFrom, toProtoAdminToken, toProtoUser } from "./proto-mapping.js";

type Handlers = ServiceHandlers<typeof authKeyV1.AuthAdminServiceService>;
type UserHandlers = Pick<
  Handlers,
  "createUser" | "listUsers" | "getUser" | "updateUser" | "deleteUser" | "issueAdminToken" | "listAdminTokens" | "revokeAdminToken"
>;

export function createUserHandlers(deps: AuthKeyDeps): UserHandlers {
  return {
    createUser: async (request, context) => ({
      user: toProtoUser(await createUser(deps, actorOf(request.actor, context), { name: request.name, email: request.email, role: request.role, orgId: request.orgId })),
    }),
    listUsers: async (request, context) => ({ users: (await listUsers(deps, actorOf(request.actor, context), { orgId: request.orgId })).map(toProtoUser) }),
    getUser: async (request, context) => ({ user: toProtoUser(await getUser(deps, actorOf(request.actor, context), { id: request.id })) }),
    updateUser: async (request, context) => ({
      user: toProtoUser(await updateUser(deps, actorOf(request.actor, context), { id: request.id, name: request.name, role: request.role, status: request.status })),
    }),
    deleteUser: async (request, context) => {
      await deleteUser(deps, actorOf(request.actor, context), { id: request.id });
      return {};
    },
    issueAdminToken: async (request, context) => {
      const issued = await issueAdminToken(deps, actorOf(request.actor, context), { userId: request.userId, name: request.name, expiresAt: dateFrom(request.expiresAtMs) });
      return { token: toProtoAdminToken(issued.token), secret: issued.secret };
    },
    listAdminTokens: async (request, context) => ({
      tokens: (await listAdminTokens(deps, actorOf(request.actor, context), { userId: request.userId })).map(toProtoAdminToken),
    }),
    revokeAdminToken: async (request, context) => ({
      token: toProtoAdminToken(await revokeAdminToken(deps, actorOf(request.actor, context), { userId: request.userId, tokenId: request.tokenId })),
    }),
  };
}
