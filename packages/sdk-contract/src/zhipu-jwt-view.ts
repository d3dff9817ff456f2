import { createHmac, timingSafeEqual } from "node:crypto";
import type { RecordedRequest } from "@llm-serve/testkit";
import type { AuthView } from "./compare-requests.js";

/**
 * Zhipu's bearer as a comparable value: for a JWT, its header exactly as sent, its claim names, the
 * api_key claim, the lifetime (exp − timestamp, ms) and whether the signature verifies with the
 * key's secret; the signing times themselves differ between any two calls and are left out.
 */
export function zhipuAuthView(apiKey: string): AuthView {
  const [id, secret] = apiKey.split(".");
  return (request: RecordedRequest) => {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    if (token === undefined) return undefined;
    if (token === apiKey) return { scheme: "Bearer", credential: "the key itself" };
    const [header, payload, signature] = token.split(".");
    if (header === undefined || payload === undefined || signature === undefined) return { scheme: "Bearer", credential: "not a JWT" };
    const expected = createHmac("sha256", secret ?? "").update(`${header}.${payload}`).digest();
    const given = Buffer.from(signature, "base64url");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
    return {
      scheme: "Bearer",
      jwtHeader: Buffer.from(header, "base64url").toString("utf8"),
      claimNames: Object.keys(claims),
      apiKeyClaimIsTheKeyId: claims.api_key === id,
      lifetimeMs: Number(claims.exp) - Number(claims.timestamp),
      millisecondClock: Number(claims.timestamp) > 1e12,
      signatureValid: given.length === expected.length && timingSafeEqual(given, expected),
    };
  };
}
