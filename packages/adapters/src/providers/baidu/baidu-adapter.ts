import { callUpstream, parseJsonOrUndefined, protocolError, type UpstreamCall } from "../../http/call-upstream.js";
import type { HttpTransport } from "../../http/http-transport.js";
import { sniffJsonBody } from "../../http/sniff-json-body.js";
import { BaseAdapter } from "../../spec/base-adapter.js";
import type { CallContext, ProviderConfig } from "../../spec/call-context.js";
import { capabilitiesOf, classifyModelName, type ModelCapabilities } from "../../spec/capabilities.js";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from "../../spec/chat-types.js";
import type { EmbeddingRequest, EmbeddingResponse } from "../../spec/endpoint-types.js";
import type { ValidateOptions } from "../../spec/provider-adapter.js";
import type { AdapterResult, StreamPart } from "../../spec/stream-part.js";
import { isUpstreamError } from "../../spec/upstream-error.js";
import { toOpenAIUsage } from "../../spec/usage.js";
import { estimateChatUsage } from "../../tokenizer/estimate-usage.js";
import { baiduErrorFromBody, parseBaiduError, TOKEN_ERROR_CODES } from "./baidu-error.js";
import { BAIDU_CHAT_ENDPOINTS, BAIDU_EMBEDDING_ENDPOINTS, resolveBaiduEndpoint } from "./baidu-model-endpoints.js";
import { BaiduTokenCache } from "./baidu-token-cache.js";
import { buildBaiduRequest } from "./build-baidu-request.js";
import { baiduEmbeddingsBody, parseBaiduEmbeddings } from "./baidu-embeddings.js";
import { mapBaiduUsage, parseBaiduResponse, type BaiduChatResult } from "./parse-baidu-response.js";
import { streamBaiduChat } from "./stream-baidu-chat.js";

/** `config.baseUrl` is the host root: the OAuth and the model APIs both live under it. */
export const BAIDU_BASE_URL = "https://aip.baidubce.com";
const WENXIN_PATH = "/rpc/2.0/ai_custom/v1/wenxinworkshop";

/** Baidu Wenxin (ERNIE) legacy v1 API: OAuth access token, per-model endpoint paths, HTTP-200 errors. */
export class BaiduWenxinAdapter extends BaseAdapter {
  readonly provider = "baidu-wenxin";
  private readonly tokens: BaiduTokenCache;

  constructor(
    private readonly transport: HttpTransport,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.tokens = new BaiduTokenCache(transport, now);
  }

  capabilities(model: string): ModelCapabilities {
    if (classifyModelName(model) === "embedding") return capabilitiesOf(["embeddings"]);
    return capabilitiesOf(["chat", "chatStreaming", "tools"]);
  }

  /** Getting an access token proves both keys and reachability without spending tokens. */
  protected async probe(config: ProviderConfig, options: ValidateOptions): Promise<void> {
    await this.tokens.getToken(baseUrlOf(config), { config, signal: options.signal, timeouts: options.timeouts });
  }

  override async chat(request: ChatCompletionRequest, context: CallContext): Promise<AdapterResult<ChatCompletion>> {
    const endpoint = resolveBaiduEndpoint(request.model, BAIDU_CHAT_ENDPOINTS, context.config.modelEndpoints);
    const json = (await this.withToken(context, (token) => this.postJson(`${WENXIN_PATH}/chat/${endpoint}`, token, buildBaiduRequest(request, false), context))) as BaiduChatResult;
    const response = parseBaiduResponse(json, request.model, Math.floor(this.now() / 1000));
    const usage = mapBaiduUsage(json.usage) ?? (await estimateChatUsage(request, { text: json.result ?? "" }));
    return { response: { ...response, usage: toOpenAIUsage(usage) }, usage };
  }

  override async *streamChat(request: ChatCompletionRequest, context: CallContext): AsyncGenerator<StreamPart<ChatCompletionChunk>> {
    const endpoint = resolveBaiduEndpoint(request.model, BAIDU_CHAT_ENDPOINTS, context.config.modelEndpoints);
    // Errors (token ones included) arrive as a plain JSON body before any event, so a retry is safe.
    const body = await this.withToken(context, async (token) => {
      const response = await callUpstream(this.transport, this.call(`${WENXIN_PATH}/chat/${endpoint}`, token, buildBaiduRequest(request, true), context));
      const sniffed = await sniffJsonBody(response);
      if (sniffed.kind === "stream") return sniffed.body;
      throw baiduErrorFromBody(parseJsonOrUndefined(sniffed.text), response.status) ?? protocolError(this.provider, "Baidu answered a stream request with a non-stream body", sniffed.text.slice(0, 500));
    });
    yield* streamBaiduChat(body, request, Math.floor(this.now() / 1000));
  }

  override async embed(request: EmbeddingRequest, context: CallContext): Promise<AdapterResult<EmbeddingResponse>> {
    const endpoint = resolveBaiduEndpoint(request.model, BAIDU_EMBEDDING_ENDPOINTS, context.config.modelEndpoints);
    const json = await this.withToken(context, (token) => this.postJson(`${WENXIN_PATH}/embeddings/${endpoint}`, token, baiduEmbeddingsBody(request), context));
    return parseBaiduEmbeddings(json, request);
  }

  /** Runs `call` with a cached token; on 110/111 fetches a fresh token and retries exactly once. */
  private async withToken<T>(context: CallContext, call: (token: string) => Promise<T>): Promise<T> {
    const baseUrl = baseUrlOf(context.config);
    const token = await this.tokens.getToken(baseUrl, context);
    try {
      return await call(token);
    } catch (error) {
      if (!isUpstreamError(error) || !TOKEN_ERROR_CODES.has(error.vendorCode ?? "")) throw error;
      this.tokens.invalidate(baseUrl, context, token);
      return call(await this.tokens.getToken(baseUrl, context));
    }
  }

  private async postJson(path: string, token: string, body: unknown, context: CallContext): Promise<unknown> {
    const response = await callUpstream(this.transport, this.call(path, token, body, context));
    const text = await response.text();
    const json = parseJsonOrUndefined(text);
    const error = baiduErrorFromBody(json, response.status);
    if (error !== undefined) throw error;
    if (json === undefined) throw protocolError(this.provider, "Baidu answer is not JSON", text.slice(0, 500));
    return json;
  }

  private call(path: string, token: string, body: unknown, context: CallContext): UpstreamCall {
    return {
      provider: this.provider,
      method: "POST",
      url: `${baseUrlOf(context.config)}${path}?access_token=${encodeURIComponent(token)}`,
      headers: { "content-type": "application/json", ...context.config.headers },
      body: JSON.stringify(body),
      context,
      parseError: parseBaiduError,
    };
  }
}

function baseUrlOf(config: ProviderConfig): string {
  return (config.baseUrl ?? BAIDU_BASE_URL).replace(/\/+$/, "");
}
