import type { ConsolePlatform } from "./platform.js";

/** One admin API call as the tests make it: the bootstrap token, JSON both ways, a failure thrown with the answer. */
export async function adminCall(platform: ConsolePlatform, method: string, path: string, body?: unknown): Promise<Record<string, any>> {
  const response = await fetch(`${platform.gateway.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${platform.adminToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, any>;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}
