import { execFile } from "node:child_process";
import { createCipheriv, randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { REPO_ROOT, serviceTestEnv, startOpenAIMock, waitFor, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startModelRegistry } from "../src/app.js";
import { openAIModelInput, startRegistryFixture, type RegistryFixture } from "./support/registry-fixture.js";

const GOOD_KEY = "sk-test-good-0123456789abcdef";
const LEGACY_KEY = "sk-test-legacy-0123456789abcdef";
const run = promisify(execFile);

/** A value as the first format stored it: `v1.iv.tag.ciphertext`, the row as `model/deployment`. */
function legacySeal(keyBase64: string, plaintext: string, associatedData: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(keyBase64, "base64"), iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/**
 * Issue 13 item 6: SECRETS_KEY rotation on the real registry. Values name their key; the old key
 * stays readable through SECRETS_KEY_PREVIOUS; `reencrypt-secrets` reseals every value (first-format
 * ones included) so the old key can go.
 */
describe("rotating SECRETS_KEY", () => {
  const oldKey = randomBytes(32).toString("base64");
  const newKey = randomBytes(32).toString("base64");
  let fixture: RegistryFixture;
  let vendor: OpenAIMock;

  beforeAll(async () => {
    vendor = await startOpenAIMock({ apiKey: GOOD_KEY });
    fixture = await startRegistryFixture("mrrot", { SECRETS_KEY: oldKey });
  });

  afterAll(async () => {
    await fixture?.close();
    await vendor?.close();
  });

  it("reseals every credential under the new key with the command, and the old key can then go", async () => {
    await fixture.client.createModel({ model: openAIModelInput("rotated-model", vendor.baseUrl, GOOD_KEY) });
    await fixture.client.createModel({ model: openAIModelInput("legacy-model", vendor.baseUrl, GOOD_KEY) });
    // A value written by the previous code: first format, no key id.
    await fixture.db("model_deployments").where({ model_id: "legacy-model" }).update({ sealed_credentials: legacySeal(oldKey, JSON.stringify({ apiKey: LEGACY_KEY }), "legacy-model/openai") });
    await fixture.registry.stop();

    const env = serviceTestEnv(fixture.isolation, { DATABASE_SCHEMA: fixture.schema, SECRETS_KEY: newKey, SECRETS_KEY_PREVIOUS: oldKey, HEALTH_PROBE_INTERVAL_MS: "0" });
    const first = await run("pnpm", ["--silent", "--filter", "@llm-serve/model-registry", "reencrypt-secrets"], { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    expect(JSON.parse(first.stdout.trim().split("\n").at(-1)!)).toMatchObject({ object: "secrets_reencryption", examined: 2, resealed: 2 });
    const again = await run("pnpm", ["--silent", "--filter", "@llm-serve/model-registry", "reencrypt-secrets"], { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    expect(JSON.parse(again.stdout.trim().split("\n").at(-1)!)).toMatchObject({ examined: 2, resealed: 0 });

    const stored: Array<{ sealed_credentials: string }> = await fixture.db("model_deployments").whereNotNull("sealed_credentials").select("sealed_credentials");
    const keyIds = new Set(stored.map((row) => row.sealed_credentials.split(".").slice(0, 2).join(".")));
    expect(keyIds.size).toBe(1);
    expect([...keyIds][0]).toMatch(/^v2\./);

    // The registry with only the new key: every credential opens.
    const registry = await startModelRegistry({ ...env, SECRETS_KEY_PREVIOUS: "" });
    fixture.registry = registry;
    const models = await waitFor(() => fixture.client.listRoutingTable({}), { description: "the restarted registry answering" });
    const apiKeyOf = (id: string) => models.models.find((model) => model.id === id)?.deployments[0]?.credentials?.apiKey;
    expect(apiKeyOf("rotated-model")).toBe(GOOD_KEY);
    expect(apiKeyOf("legacy-model")).toBe(LEGACY_KEY);
    // Two CLI runs (pnpm + node each) and a registry restart: well over a minute on a loaded CI machine.
  }, 180_000);

  it("refuses to start with the key that docker-compose used to fall back to, outside dev mode", async () => {
    const published = "bGxtLXNlcnZlLWRldi1vbmx5LXNlY3JldHMta2V5ISE=";
    const env = serviceTestEnv(`${fixture.isolation}x`, { DATABASE_SCHEMA: `${fixture.schema}x`, SECRETS_KEY: published, LLMSERVE_DEV_MODE: "0" });
    await expect(startModelRegistry(env)).rejects.toThrow(/SECRETS_KEY: is a published example value/);
  });
});
