/** OpenAI's Assistants v2 objects, as stored and answered (the fields this service fills). */

export type Metadata = Record<string, string>;

export interface FunctionDefinition {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
  strict?: boolean | null;
}

/** An assistant's tool config (OpenAI's AssistantTool). */
export type ToolConfig = { type: "code_interpreter" } | { type: "file_search"; file_search?: Record<string, unknown> } | { type: "function"; function: FunctionDefinition };

export interface AssistantObject {
  id: string;
  object: "assistant";
  created_at: number;
  name: string | null;
  description: string | null;
  model: string;
  instructions: string | null;
  tools: ToolConfig[];
  tool_resources: Record<string, unknown> | null;
  metadata: Metadata;
  temperature: number | null;
  top_p: number | null;
  response_format: unknown;
}

export interface ThreadObject {
  id: string;
  object: "thread";
  created_at: number;
  tool_resources: Record<string, unknown> | null;
  metadata: Metadata;
}

/** The seed's thread lifecycle (kept in the store's status column, not in OpenAI's object). */
export type ThreadStatus = "created" | "active" | "completed" | "archived";

export interface TextContent {
  type: "text";
  text: { value: string; annotations: unknown[] };
}

export interface MessageObject {
  id: string;
  object: "thread.message";
  created_at: number;
  thread_id: string;
  status: "in_progress" | "incomplete" | "completed";
  incomplete_details: { reason: "content_filter" | "max_tokens" | "run_cancelled" | "run_expired" | "run_failed" } | null;
  completed_at: number | null;
  incomplete_at: number | null;
  role: "user" | "assistant";
  content: TextContent[];
  assistant_id: string | null;
  run_id: string | null;
  attachments: unknown[] | null;
  metadata: Metadata;
}

export type RunStatus = "queued" | "in_progress" | "requires_action" | "cancelling" | "cancelled" | "failed" | "completed" | "incomplete" | "expired";

export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ["cancelled", "failed", "completed", "incomplete", "expired"];

export interface ToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface RunUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface TruncationStrategy {
  type: "auto" | "last_messages";
  last_messages: number | null;
}

export interface RunObject {
  id: string;
  object: "thread.run";
  created_at: number;
  thread_id: string;
  assistant_id: string;
  status: RunStatus;
  required_action: { type: "submit_tool_outputs"; submit_tool_outputs: { tool_calls: ToolCall[] } } | null;
  last_error: { code: "server_error" | "rate_limit_exceeded" | "invalid_prompt"; message: string } | null;
  expires_at: number | null;
  started_at: number | null;
  cancelled_at: number | null;
  failed_at: number | null;
  completed_at: number | null;
  incomplete_details: { reason: "max_completion_tokens" | "max_prompt_tokens" } | null;
  model: string;
  instructions: string;
  tools: ToolConfig[];
  metadata: Metadata;
  usage: RunUsage | null;
  temperature: number | null;
  top_p: number | null;
  max_prompt_tokens: number | null;
  max_completion_tokens: number | null;
  truncation_strategy: TruncationStrategy;
  response_format: unknown;
  tool_choice: unknown;
  parallel_tool_calls: boolean;
}

export type StepDetails =
  | { type: "message_creation"; message_creation: { message_id: string } }
  | { type: "tool_calls"; tool_calls: Array<{ id: string; type: "function"; function: { name: string; arguments: string; output: string | null } }> };

export interface RunStepObject {
  id: string;
  object: "thread.run.step";
  created_at: number;
  assistant_id: string;
  thread_id: string;
  run_id: string;
  type: "message_creation" | "tool_calls";
  status: "in_progress" | "cancelled" | "failed" | "completed" | "expired";
  step_details: StepDetails;
  last_error: null;
  expired_at: null;
  cancelled_at: number | null;
  failed_at: number | null;
  completed_at: number | null;
  metadata: Metadata;
  usage: RunUsage | null;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
