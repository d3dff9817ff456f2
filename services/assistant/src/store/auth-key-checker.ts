import { AppError } from "@llm-serve/common";
import type { ServiceClient } from "@llm-serve/grpc";
import type { authKeyV1 } from "@llm-serve/proto";
import type { KeyChecker } from "../ports/key-checker.js";

/**
 * Reads the key from auth-key (GetKey). The call names this service as a read-only member of the
 * key's own organisation: `key.read` is every role's, and it can see no other organisation's keys.
 */
export class AuthKeyChecker implements KeyChecker {
  constructor(private readonly authKey: ServiceClient<typeof authKeyV1.AuthAdminServiceService>) {}

  async refusal(principalJson: string): Promise<string | undefined> {
    const principal = JSON.parse(principalJson || "{}") as { keyId?: string; orgId?: string };
    if (!principal.keyId) return "The run has no API key to continue with.";
    try {
      const { key } = await this.authKey.getKey({ actor: { userId: "service:assistant", role: "org_member", orgId: principal.orgId ?? "", clientIp: "" }, id: principal.keyId });
      if (!key || key.status !== "active") return `The API key that started this run is ${key?.status ?? "gone"}; the run cannot continue.`;
      if (key.expiresAtMs > 0 && key.expiresAtMs <= Date.now()) return "The API key that started this run has expired; the run cannot continue.";
      return undefined;
    } catch (error) {
      if (error instanceof AppError && (error.code === "not_found" || error.code === "permission_denied")) return "The API key that started this run no longer exists; the run cannot continue.";
      throw error;
    }
  }
}
