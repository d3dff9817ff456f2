/** IPC between the runner and the mock upstream's process. */
export type UpstreamRequest = { type: "connections" } | { type: "stop" };

export type UpstreamReply = { type: "ready"; url: string; baseUrl: string } | { type: "connections"; opened: number; open: number };
