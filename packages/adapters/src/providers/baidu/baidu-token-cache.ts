import { callUpstreamJson } from "../../http/call-upstream.js";
import type { HttpTransport } from "../../http/http-transport.js";
import type { CallContext } from "../../spec/call-context.js";
import { UpstreamError } from "../../spec/upstream-error.js";
import { baiduErrorFromBody, parseBaiduError } from "./baidu-error.js";

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Refresh this long before the vendor's expiry so a token never dies mid-request. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * OAuth client-credentials access tokens for Wenxin v1, cached per (host, API key) until shortly
 * before `expires_in`; concurrent callers share one in-flight fetch.
 */
export class BaiduTokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly fetching = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly transport: HttpTransport,
    private readonly now: () => number,
  ) {}

  async getToken(baseUrl: string, context: CallContext): Promise<string> {
    const key = cacheKey(baseUrl, context);
    const cached = this.tokens.get(key);
    if (cached !== undefined && cached.expiresAt > this.now()) return cached.token;
    let pending = this.fetching.get(key);
    if (pending === undefined) {
      pending = this.fetchToken(baseUrl, context).finally(() => this.fetching.delete(key));
      this.fetching.set(key, pending);
    }
    const fresh = await pending;
    this.tokens.set(key, fresh);
    return fresh.token;
  }

  /** Drops a token the vendor rejected (110/111), unless a newer one already replaced it. */
  invalidate(baseUrl: string, context: CallContext, token: string): void {
    const key = cacheKey(baseUrl, context);
    if (this.tokens.get(key)?.token === token) this.tokens.delete(key);
  }

  private async fetchToken(baseUrl: string, context: CallContext): Promise<CachedToken> {
    const { apiKey, secretKey } = context.config;
    if (!apiKey || !secretKey) {
      throw new UpstreamError({ provider: "baidu-wenxin", status: 401, type: "authentication", message: "Baidu Wenxin v1 needs apiKey and secretKey" });
    }
    const query = new URLSearchParams({ grant_type: "client_credentials", client_id: apiKey, client_secret: secretKey });
    const answer = await callUpstreamJson(this.transport, {
      provider: "baidu-wenxin",
      method: "POST",
      url: `${baseUrl}/oauth/2.0/token?${query.toString()}`,
      headers: { "content-type": "application/json" },
      body: "",
      context,
      parseError: parseBaiduError,
    });
    const json = answer.json as { access_token?: unknown; expires_in?: unknown };
    if (typeof json.access_token !== "string") {
      throw baiduErrorFromBody(answer.json, answer.status) ?? new UpstreamError({ provider: "baidu-wenxin", status: 502, type: "protocol", message: "Baidu token answer has no access_token", body: answer.json });
    }
    const lifetimeMs = (typeof json.expires_in === "number" ? json.expires_in : 2_592_000) * 1000;
    return { token: json.access_token, expiresAt: this.now() + Math.max(0, lifetimeMs - EXPIRY_MARGIN_MS) };
  }
}

function cacheKey(baseUrl: string, context: CallContext): string {
  return `${baseUrl}\u0000${context.config.apiKey ?? ""}`;
}
