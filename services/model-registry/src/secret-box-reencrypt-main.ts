import { createDatabase, loadConfig } from "@llm-serve/common";
import { configSchema } from "./config.js";
import { CredentialVault } from "./crypto/credential-vault.js";
import { reencryptSecrets } from "./crypto/secret-box-reencrypt.js";
import { SealedCredentialsStore } from "./store/secret-box-store.js";

// `pnpm --filter @llm-serve/model-registry reencrypt-secrets`, with the service's environment:
// SECRETS_KEY the new key, SECRETS_KEY_PREVIOUS the keys it replaces.
const config = loadConfig(configSchema, process.env);
const db = createDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: 2 });
try {
  const report = await reencryptSecrets({ store: new SealedCredentialsStore(db), vault: new CredentialVault(config.SECRETS_KEY, config.SECRETS_KEY_PREVIOUS) });
  console.log(JSON.stringify({ object: "secrets_reencryption", ...report }));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
