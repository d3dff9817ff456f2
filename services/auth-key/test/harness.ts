import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NacosClient, createDatabase, type Knex, type Logger } from "@llm-serve/common";
import { NacosResolver, createServiceClient, type ServiceClient } from "@llm-serve/grpc";
import { authKeyV1 } from "@llm-serve/proto";
import { INFRA, serviceTestEnv } from "@llm-serve/testkit";
import { startAuthKey, type RunningAuthKey } from "../src/app.js";

/** One isolated auth-key for a test file: own schema, Nacos group, topics and bootstrap file. */
export interface AuthKeyHarness {
  service: RunningAuthKey;
  env: Record<string, string>;
  schema: string;
  bootstrapFile: string;
  adminToken: string;
  keys: ServiceClient<typeof authKeyV1.AuthKeyServiceService>;
  admin: ServiceClient<typeof authKeyV1.AuthAdminServiceService>;
  db: Knex;
  /** The bootstrap platform admin as an actor. */
  platformActor(): Promise<authKeyV1.Actor>;
  close(): Promise<void>;
}

export async function startHarness(isolation: string, logger: Logger, overrides: Record<string, string> = {}): Promise<AuthKeyHarness> {
  const schema = `ak_${isolation}`;
  const bootstrapFile = join(mkdtempSync(join(tmpdir(), "llms-auth-")), "bootstrap-admin.json");
  const env = serviceTestEnv(isolation, { DATABASE_SCHEMA: schema, BOOTSTRAP_ADMIN_FILE: bootstrapFile, ...overrides });
  const service = await startAuthKey(env, logger);
  const adminToken = (JSON.parse(readFileSync(bootstrapFile, "utf8")) as { admin_token: string }).admin_token;
  const resolver = new NacosResolver({ nacos: new NacosClient({ serverAddr: INFRA.nacosAddr }), service: "auth-key", group: isolation, logger });
  const keys = createServiceClient(authKeyV1.AuthKeyServiceService, { service: "auth-key", resolver, logger, idempotent: ["verifyKey", "authenticateAdmin"] });
  const admin = createServiceClient(authKeyV1.AuthAdminServiceService, { service: "auth-key", resolver, logger });
  const db = createDatabase({ url: INFRA.databaseUrl, schema, poolMax: 2 });
  return {
    service,
    env,
    schema,
    bootstrapFile,
    adminToken,
    keys,
    admin,
    db,
    async platformActor() {
      const identity = await keys.authenticateAdmin({ token: adminToken, clientIp: "127.0.0.1" });
      return { userId: identity.userId, role: identity.role, orgId: identity.orgId, clientIp: "192.0.2.10" };
    },
    async close() {
      keys.close();
      admin.close();
      resolver.close();
      await service.stop();
      await db.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]).catch(() => undefined);
      await db.destroy();
    },
  };
}
