import { SYSTEM_ACTOR } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import { insertAdminToken } from "./issue-admin-token.js";
import { insertUser } from "./create-user.js";

export interface BootstrapCredential {
  userId: string;
  tokenId: string;
  adminToken: string;
  createdAt: string;
}

/**
 * On the very first start (no user at all) creates a platform admin and its token and hands the
 * token to `persist` (a file readable by its owner only) before the transaction commits: if it
 * cannot be kept, nothing is created and the next start tries again. Instances starting together
 * serialise on an advisory lock, so only one creates it. There is never a default password.
 */
export async function bootstrapAdmin(deps: AuthKeyDeps, persist: (credential: BootstrapCredential) => Promise<void>): Promise<{ created: boolean }> {
  return deps.transact(async (stores) => {
    await stores.users.lockBootstrap();
    if ((await stores.users.count()) > 0) return { created: false };
    const user = await insertUser(stores, deps, SYSTEM_ACTOR, { name: "bootstrap admin", email: "", role: "platform_admin", orgId: "" });
    const { token, secret } = await insertAdminToken(stores, deps, SYSTEM_ACTOR, user, { name: "bootstrap", expiresAt: null });
    await persist({ userId: user.id, tokenId: token.id, adminToken: secret, createdAt: token.createdAt.toISOString() });
    return { created: true };
  });
}

/**
 * Recovery when the bootstrap file is lost: one more platform admin with a fresh token, handed to
 * `persist` before commit. Run by an operator with database access (`pnpm bootstrap-admin`); other
 * users and tokens are untouched, and the audit trail records it as done by `system`.
 */
export async function reissueBootstrapAdmin(deps: AuthKeyDeps, persist: (credential: BootstrapCredential) => Promise<void>): Promise<BootstrapCredential> {
  return deps.transact(async (stores) => {
    await stores.users.lockBootstrap();
    const user = await insertUser(stores, deps, SYSTEM_ACTOR, { name: `bootstrap admin (reissued ${deps.now().toISOString()})`, email: "", role: "platform_admin", orgId: "" });
    const { token, secret } = await insertAdminToken(stores, deps, SYSTEM_ACTOR, user, { name: "bootstrap", expiresAt: null });
    const credential = { userId: user.id, tokenId: token.id, adminToken: secret, createdAt: token.createdAt.toISOString() };
    await persist(credential);
    return credential;
  });
}
