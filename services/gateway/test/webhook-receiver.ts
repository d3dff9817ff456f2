import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  status: number;
}

/** A real HTTP endpoint for alert webhooks: records every post; the first `failFirst` get a 503. */
export async function startWebhookReceiver(failFirst = 0) {
  const received: ReceivedWebhook[] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      const status = received.length < failFirst ? 503 : 204;
      received.push({ headers: request.headers, body, status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/alerts`,
    received,
    /** The posts answered 2xx: what the receiver accepted. */
    accepted: () => received.filter((post) => post.status < 300),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
