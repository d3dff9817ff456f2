/**
 * The public paths the assistant service answers (ADR 0024): method, Express path, and the operation
 * the service knows it by. Path parameters keep OpenAI's names.
 */
export interface AssistantRoute {
  method: "get" | "post" | "delete";
  path: string;
  operation: string;
  /** Assistants v2 paths need `OpenAI-Beta: assistants=v2`, as OpenAI's do. */
  beta: boolean;
}

const THREAD = "/v1/threads/:thread_id";
const RUN = `${THREAD}/runs/:run_id`;

const ASSISTANTS_V2: ReadonlyArray<Omit<AssistantRoute, "beta">> = [
  { method: "post", path: "/v1/assistants", operation: "assistants.create" },
  { method: "get", path: "/v1/assistants", operation: "assistants.list" },
  { method: "get", path: "/v1/assistants/:assistant_id", operation: "assistants.retrieve" },
  { method: "post", path: "/v1/assistants/:assistant_id", operation: "assistants.update" },
  { method: "delete", path: "/v1/assistants/:assistant_id", operation: "assistants.delete" },
  { method: "post", path: "/v1/threads", operation: "threads.create" },
  // Before /v1/threads/:thread_id, which would otherwise take "runs" for a thread id.
  { method: "post", path: "/v1/threads/runs", operation: "threads.create_and_run" },
  { method: "get", path: THREAD, operation: "threads.retrieve" },
  { method: "post", path: THREAD, operation: "threads.update" },
  { method: "delete", path: THREAD, operation: "threads.delete" },
  { method: "post", path: `${THREAD}/messages`, operation: "messages.create" },
  { method: "get", path: `${THREAD}/messages`, operation: "messages.list" },
  { method: "get", path: `${THREAD}/messages/:message_id`, operation: "messages.retrieve" },
  { method: "post", path: `${THREAD}/messages/:message_id`, operation: "messages.update" },
  { method: "delete", path: `${THREAD}/messages/:message_id`, operation: "messages.delete" },
  { method: "post", path: `${THREAD}/runs`, operation: "runs.create" },
  { method: "get", path: `${THREAD}/runs`, operation: "runs.list" },
  { method: "get", path: RUN, operation: "runs.retrieve" },
  { method: "post", path: RUN, operation: "runs.update" },
  { method: "post", path: `${RUN}/cancel`, operation: "runs.cancel" },
  { method: "post", path: `${RUN}/submit_tool_outputs`, operation: "runs.submit_tool_outputs" },
  { method: "get", path: `${RUN}/steps`, operation: "steps.list" },
  { method: "get", path: `${RUN}/steps/:step_id`, operation: "steps.retrieve" },
];

const RESPONSES: ReadonlyArray<Omit<AssistantRoute, "beta">> = [
  // The seed's shorthand: add a message to a thread, run it, stream the updates (ADR 0024).
  { method: "post", path: "/v1/messages", operation: "messages.shorthand" },
  { method: "post", path: "/v1/responses", operation: "responses.create" },
  { method: "get", path: "/v1/responses/:response_id", operation: "responses.retrieve" },
  { method: "delete", path: "/v1/responses/:response_id", operation: "responses.delete" },
  { method: "post", path: "/v1/responses/:response_id/cancel", operation: "responses.cancel" },
  { method: "get", path: "/v1/responses/:response_id/input_items", operation: "responses.input_items" },
  { method: "post", path: "/v1/conversations", operation: "conversations.create" },
  { method: "get", path: "/v1/conversations/:conversation_id", operation: "conversations.retrieve" },
  { method: "post", path: "/v1/conversations/:conversation_id", operation: "conversations.update" },
  { method: "delete", path: "/v1/conversations/:conversation_id", operation: "conversations.delete" },
  { method: "post", path: "/v1/conversations/:conversation_id/items", operation: "conversations.items.create" },
  { method: "get", path: "/v1/conversations/:conversation_id/items", operation: "conversations.items.list" },
  { method: "get", path: "/v1/conversations/:conversation_id/items/:item_id", operation: "conversations.items.retrieve" },
  { method: "delete", path: "/v1/conversations/:conversation_id/items/:item_id", operation: "conversations.items.delete" },
];

export const ASSISTANT_ROUTES: readonly AssistantRoute[] = [
  ...ASSISTANTS_V2.map((route) => ({ ...route, beta: true })),
  ...RESPONSES.map((route) => ({ ...route, beta: false })),
];
