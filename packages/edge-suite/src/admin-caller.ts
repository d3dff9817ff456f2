import type { GatewayProcess } from "./edge-platform.js";

/**
 * Tries of a request that met the gateway's deadline, the first included. A 503 whose message is
 * gRPC's "Deadline exceeded" is the gateway telling the truth about a dependency too slow on a
 * loaded machine (auth-key's 3 s, the registry's 5 s), not an answer to the injection: it is sent
 * again, counted and reported (ADR 0036). Any other 5xx, and a deadline that outlives every try,
 * stays a failure.
 */
export const DEADLINE_TRIES = 5;
const FIRST_BACKOFF_MS = 250;

export interface AdminCall {
  /** The operation's template (`PUT /admin/models/{model}`): what the figures group retries by. */
  operation: string;
  method: string;
  path: string;
  body?: unknown;
}

export interface AdminCaller {
  call(request: AdminCall): Promise<{ status: number; text: string }>;
  /** Answers judged (a retried request counts once). */
  readonly requests: number;
  /** Final statuses of the judged answers. */
  readonly statuses: Record<string, number>;
  /** Each 5xx (after its tries) or stack trace, with the gateway's log lines for it. */
  readonly problems: string[];
  /** Sends again after a deadline 503, by operation. */
  readonly deadlineRetries: Record<string, number>;
}

/** Admin requests with the bootstrap admin's token, judged: never a 5xx, never a stack trace. */
export function createAdminCaller(gateway: GatewayProcess, adminToken: string): AdminCaller {
  const statuses: Record<string, number> = {};
  const problems: string[] = [];
  const deadlineRetries: Record<string, number> = {};
  let requests = 0;

  const send = async ({ method, path, body }: AdminCall) => {
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, text: await response.text(), requestId: response.headers.get("x-request-id") ?? "?" };
  };

  const call = async (request: AdminCall) => {
    let answer = await send(request);
    for (let attempt = 1; attempt < DEADLINE_TRIES && metDeadline(answer); attempt += 1) {
      deadlineRetries[request.operation] = (deadlineRetries[request.operation] ?? 0) + 1;
      await new Promise((resolve) => setTimeout(resolve, FIRST_BACKOFF_MS * 2 ** (attempt - 1)));
      answer = await send(request);
    }
    requests += 1;
    statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    if (answer.status >= 500 || answer.text.includes("    at ")) {
      // The gateway's own log line for that request names the cause.
      const cause = gateway.process
        .output()
        .split("\n")
        .filter((line) => line.includes(answer.requestId) && /"level":"(warn|error)"/.test(line))
        .map((line) => line.slice(0, 600));
      problems.push(`${request.method} ${request.path.slice(0, 120)} ${JSON.stringify(request.body)?.slice(0, 120)} -> ${answer.status} ${answer.text.slice(0, 120)} ${cause.join(" | ")}`);
    }
    return { status: answer.status, text: answer.text };
  };

  return {
    call,
    get requests() {
      return requests;
    },
    statuses,
    problems,
    deadlineRetries,
  };
}

/** A 503 the gateway answered because a dependency's gRPC deadline passed. */
function metDeadline(answer: { status: number; text: string }): boolean {
  if (answer.status !== 503) return false;
  try {
    return /^Deadline exceeded/.test((JSON.parse(answer.text) as { error: { message: string } }).error.message);
  } catch {
    return false;
  }
}

/** The retries as the figures report them: their total and the operations that had them. */
export function deadlineRetryFigures(retries: Record<string, number>): { deadlineRetries: number; deadlineRetriedOperations: Record<string, number> } {
  return { deadlineRetries: Object.values(retries).reduce((sum, count) => sum + count, 0), deadlineRetriedOperations: { ...retries } };
}
