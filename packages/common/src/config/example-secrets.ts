import { createHash } from "node:crypto";
import { z } from "zod";

/**
 * SHA-256 of secrets that have been published with the code (old docker-compose fallbacks, the test
 * kit's values): anyone can read them, so no service may run with one outside an explicit dev mode.
 * Stored as hashes so that this list is not one more copy of them.
 */
const KNOWN_EXAMPLE_SECRET_HASHES: ReadonlySet<string> = new Set([
  // docker-compose.yml's former fallbacks: SECRETS_KEY, KEY_PEPPER
  "85063bcfd59b17e1c3d87fce7f024a8ab3012904914d082f425a34b1f32d0a5d",
  "4cab30216e9714509f01b0cdf6240fee0207408a69d175162ac32bf380197c30",
  // packages/testkit's serviceTestEnv: KEY_PEPPER, SECRETS_KEY (32 bytes of 7)
  "d1bc704f3dbe7431c617f89c95b097082da07a53a576817316eaaf44cafc3dd7",
  "ebbad97f478755d90c8f34bec04444dc8b0025d5fc09ed3523aa5d17e6059d86",
]);

function sha256(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** Whether `value` is a secret published with the code. */
export function isKnownExampleSecret(value: string): boolean {
  return KNOWN_EXAMPLE_SECRET_HASHES.has(sha256(value.trim()));
}

/** `LLMSERVE_DEV_MODE=1` lets a service start with a published example secret (local development, tests). */
export const devModeEnv = z.object({
  LLMSERVE_DEV_MODE: z.enum(["0", "1", ""]).default("0").transform((value) => value === "1"),
});

/**
 * A check for a service's config schema (`.superRefine(refuseExampleSecrets([...]))`): outside dev
 * mode, a secret setting holding a published example value fails the start, naming the setting.
 */
export function refuseExampleSecrets<Keys extends string>(keys: readonly Keys[]) {
  return (config: Record<Keys, unknown> & { LLMSERVE_DEV_MODE: boolean }, context: z.RefinementCtx): void => {
    if (config.LLMSERVE_DEV_MODE) return;
    for (const key of keys) {
      const value = config[key];
      if (typeof value === "string" && isKnownExampleSecret(value)) {
        context.addIssue({ code: "custom", path: [key], message: "is a published example value: generate your own secret (or set LLMSERVE_DEV_MODE=1 for local development only)" });
      }
    }
  };
}
