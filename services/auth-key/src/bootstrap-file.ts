import { randomBytes } from "node:crypto";
import { chmod, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { BootstrapCredential } from "./domain/users/bootstrap-admin.js";

/** The document a newcomer reads: the token, and the exact calls that create a first API key. */
export function bootstrapDocument(credential: BootstrapCredential, gatewayUrl: string): Record<string, string> {
  const auth = `-H 'Authorization: Bearer ${credential.adminToken}'`;
  return {
    about: "Bootstrap platform admin of LLM Serve, created on the first start. Keep this file secret; create named admins, then revoke this token.",
    admin_token: credential.adminToken,
    user_id: credential.userId,
    token_id: credential.tokenId,
    created_at: credential.createdAt,
    admin_api: `${gatewayUrl}/admin`,
    create_first_key: `curl -s -X POST ${gatewayUrl}/admin/quickstart ${auth} -H 'content-type: application/json' -d '{"organization":"My org","project":"My project","key":"My first key"}'`,
    then_call_the_api: `curl ${gatewayUrl}/v1/models -H 'Authorization: Bearer <the "key" field of the answer above>'`,
  };
}

/**
 * Writes the bootstrap credential readable by its owner only: a private temporary file renamed over
 * the target, so the token never sits in a file with wider permissions.
 */
export function bootstrapFileWriter(path: string, gatewayUrl: string): (credential: BootstrapCredential) => Promise<void> {
  return async (credential) => {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await writeFile(temporary, `${JSON.stringify(bootstrapDocument(credential, gatewayUrl), null, 2)}\n`, { mode: 0o600, flag: "wx" });
      await chmod(temporary, 0o600);
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  };
}
