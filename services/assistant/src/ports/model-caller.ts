/** An OpenAI chat completion request and answer, as far as runs use them. */
export interface ChatMessage {
  role: "system" | "user" | "assistant" | "tool";
  content: string | null;
  tool_calls?: Array<{ id: string; type: "function"; function: { name: string; arguments: string } }>;
  tool_call_id?: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  tools?: Array<{ type: "function"; function: Record<string, unknown> }>;
  tool_choice?: unknown;
  parallel_tool_calls?: boolean;
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
}

export interface ChatAnswer {
  choices: Array<{ message: { content: string | null; tool_calls?: ChatMessage["tool_calls"] }; finish_reason: string }>;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

/** One streamed piece of the model's answer (the first choice's `delta` of a chat.completion.chunk). */
export interface ChatDelta {
  content?: string | null;
  tool_calls?: Array<{ index: number; id?: string; type?: "function"; function?: { name?: string; arguments?: string } }>;
}

export interface ModelCallOptions {
  /** When given, the call is streamed and each delta is handed over as it arrives (ADR 0029). */
  onDelta?: (delta: ChatDelta) => void;
  /** Cancels the call (the client went away): the gateway aborts the upstream and charges what it cost. */
  signal?: AbortSignal;
  /**
   * Names the call (ADR 0034), fixed by what is saved (`<run id>/step-<n>`): the gateway makes a
   * named call once, and answers the same name again with the first answer and no new charge.
   */
  callId?: string;
}

/**
 * Makes one model call on behalf of the caller: implemented by the gateway's GatewayInference RPC, so
 * the call goes through the gateway's routing, quota and usage path (ADR 0024).
 */
export interface ModelCaller {
  chat(principalJson: string, request: ChatRequest, requestId: string, options?: ModelCallOptions): Promise<ChatAnswer>;
}
