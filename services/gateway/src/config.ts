import { baseServiceEnv, databaseEnv } from "@llm-serve/common";
import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import { z } from "zod";

export const SERVICE_NAME = "gateway";

const port = z.coerce.number().int().min(0).max(65535);

/** Express's names for address ranges, accepted beside CIDRs in GATEWAY_TRUSTED_PROXIES. */
const PROXY_RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isProxyRange(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/** Comma-separated CIDRs (or `loopback`, `linklocal`, `uniquelocal`); an empty value trusts none. */
const trustedProxies = z
  .string()
  .default("loopback")
  .transform((value) => value.split(",").map((entry) => entry.trim()).filter((entry) => entry !== ""))
  .refine((entries) => entries.every(isProxyRange), "must be comma-separated CIDRs (a.b.c.d/n, ipv6/n) or loopback, linklocal, uniquelocal");

export const configSchema = baseServiceEnv.extend(databaseEnv.shape).extend({
  DATABASE_SCHEMA: z.string().default("gateway"),
  HTTP_PORT: port.default(8080),
  GRPC_PORT: port.default(50050),
  METRICS_PORT: port.default(9450),
  /**
   * Gateway processes sharing the HTTP and gRPC ports (ADR 0012): a number, or `auto` for one per
   * CPU core. With more than one, a primary process forks them and serves their summed metrics.
   */
  GATEWAY_WORKERS: z
    .union([z.literal("auto"), z.coerce.number().int().min(1).max(64)])
    .default(1)
    .transform((value) => (value === "auto" ? availableParallelism() : value)),
  /** Largest accepted request body; larger ones get 413. Changeable at run time. */
  GATEWAY_MAX_BODY_BYTES: z.coerce.number().int().min(1_024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Output tokens reserved against quotas when a request names no max_tokens. Changeable at run time. */
  GATEWAY_DEFAULT_OUTPUT_TOKENS: z.coerce.number().int().min(1).max(1_000_000).default(1_024),
  /** Model used by /v1/images/* and /v1/moderations when the request names none (as OpenAI defaults). */
  GATEWAY_DEFAULT_IMAGE_MODEL: z.string().min(1).default("dall-e-2"),
  GATEWAY_DEFAULT_MODERATION_MODEL: z.string().min(1).default("omni-moderation-latest"),
  /** Largest accepted upload (audio, images) in a multipart body. */
  GATEWAY_MAX_UPLOAD_BYTES: z.coerce.number().int().min(1_024).max(200 * 1024 * 1024).default(25 * 1024 * 1024),
  /** A stream whose client reads nothing for this long is cut and charged what was delivered. */
  GATEWAY_STREAM_WRITE_IDLE_MS: z.coerce.number().int().min(10).max(600_000).default(30_000),
  /**
   * The proxies whose `X-Forwarded-For` names the client (the address that IP allow-lists and the
   * failure limiter see). Anyone else's header is ignored: the socket's address counts.
   */
  GATEWAY_TRUSTED_PROXIES: trustedProxies,
  /**
   * A client that has not sent all of its request headers after this long gets 408 and is
   * disconnected (slowloris); Node's own default is 60 s, checked only every 30 s.
   */
  GATEWAY_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
  /** A client that has not sent its whole request (headers and body) after this long gets 408 (slow uploads). */
  GATEWAY_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(300_000),
  /** Open SSE streams of /v1/status and /v1/usage allowed per API key and gateway process; more get 429. */
  GATEWAY_MAX_SSE_STREAMS_PER_KEY: z.coerce.number().int().min(1).max(10_000).default(4),
  /** How long one platform status sample (the Nacos lookups behind /v1/status) is reused. */
  GATEWAY_STATUS_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  /** Interval of the SSE pushes of /v1/status and /v1/usage. */
  GATEWAY_MONITOR_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** How long the in-memory model table is trusted before it is refreshed from the registry. */
  GATEWAY_MODEL_CACHE_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
});

export type GatewayConfig = z.infer<typeof configSchema>;

/** Keys a Nacos config document may change while the gateway runs. */
export const RELOADABLE_KEYS = [
  "LOG_LEVEL",
  "GATEWAY_MAX_BODY_BYTES",
  "GATEWAY_MODEL_CACHE_MS",
  "GATEWAY_DEFAULT_OUTPUT_TOKENS",
  "GATEWAY_DEFAULT_IMAGE_MODEL",
  "GATEWAY_DEFAULT_MODERATION_MODEL",
  "GATEWAY_MAX_UPLOAD_BYTES",
  "GATEWAY_MONITOR_INTERVAL_MS",
  "GATEWAY_STREAM_WRITE_IDLE_MS",
] as const;
