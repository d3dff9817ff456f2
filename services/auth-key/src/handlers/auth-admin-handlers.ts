import type { ServiceHandlers } from "@llm-serve/grpc";
import type { authKeyV1 } from "@llm-serve/proto";
import type { AuthKeyDeps } from "../domain/deps.js";
import { createKeyHandlers } from "./key-handlers.js";
import { createHierarchyHandlers } from "./hierarchy-handlers.js";
import { createPlatformHandlers } from "./platform-handlers.js";
import { createUserHandlers } from "./user-handlers.js";

/** The admin service: every method names its actor; the domain checks roles and organizations. */
export function createAuthAdminHandlers(deps: AuthKeyDeps): ServiceHandlers<typeof authKeyV1.AuthAdminServiceService> {
  return { ...createHierarchyHandlers(deps), ...createKeyHandlers(deps), ...createUserHandlers(deps), ...createPlatformHandlers(deps) };
}
