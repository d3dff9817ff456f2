import { createDatabase, loadConfig, migrateToLatest } from "@llm-serve/common";
import { bootstrapFileWriter } from "./bootstrap-file.js";
import { configSchema, defaultBootstrapFile, SERVICE_NAME } from "./config.js";
import { reissueBootstrapAdmin } from "./domain/users/bootstrap-admin.js";
import { migrations } from "./migrations/index.js";
import { createStores, createTransactor } from "./store/stores.js";

// Operator entry point (like main.ts, it reads the environment): issues a new platform admin token
// when the bootstrap file was lost. The running service relays the audit events from its outbox.
const config = loadConfig(configSchema, process.env);
const file = config.BOOTSTRAP_ADMIN_FILE ?? defaultBootstrapFile(config.DATABASE_SCHEMA);
const db = createDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: 2 });
try {
  await migrateToLatest(db, config.DATABASE_SCHEMA, migrations);
  const credential = await reissueBootstrapAdmin(
    {
      stores: createStores(db),
      transact: createTransactor(db, () => undefined),
      pepper: config.KEY_PEPPER,
      now: () => new Date(),
      events: { source: SERVICE_NAME, namespace: config.EVENT_NAMESPACE },
      defaultGraceSeconds: config.KEY_ROTATION_GRACE_SECONDS,
      maxGraceSeconds: config.KEY_ROTATION_GRACE_MAX_SECONDS,
    },
    bootstrapFileWriter(file, config.GATEWAY_PUBLIC_URL),
  );
  console.log(`new platform admin ${credential.userId}: token written to ${file} (owner-only)`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
