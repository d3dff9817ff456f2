/**
 * Child-process entry: the testkit's OpenAI mock in zero-latency mode (no recording), in its own
 * process so that it never shares an event loop with the load generator. Reports its address over
 * IPC, answers connection counts (keep-alive shows as few connections for many requests), and
 * exits when told to or when its parent goes away.
 */
import { startOpenAIMock } from "@llm-serve/testkit";
import type { UpstreamReply, UpstreamRequest } from "./upstream-messages.js";

const mock = await startOpenAIMock({
  apiKey: process.env.BENCH_UPSTREAM_API_KEY ?? "",
  maxRecordedRequests: 0,
  scenario: { reply: { text: process.env.BENCH_UPSTREAM_REPLY ?? "Hello from the mock upstream." } },
});

const send = (message: UpstreamReply) => process.send?.(message);
const stop = () => void mock.close().then(() => process.exit(0));

send({ type: "ready", url: mock.url, baseUrl: mock.baseUrl });
process.on("message", (message: UpstreamRequest) => {
  if (message.type === "connections") send({ type: "connections", opened: mock.connections.opened, open: mock.connections.open });
  else if (message.type === "stop") stop();
});
process.on("disconnect", stop);
