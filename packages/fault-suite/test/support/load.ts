import { randomUUID } from "node:crypto";

/** What one request of the load got. */
export interface Outcome {
  startedAt: number;
  endedAt: number;
  /** HTTP status, or 0 when no answer arrived (connection refused or reset). */
  status: number;
  requestId: string;
  totalTokens: number;
  /** The gateway said nothing about the token budget (a fail-open policy let it through unchecked). */
  unchecked: boolean;
  errorCode?: string;
  target?: string;
  /** Seconds the answer asked to wait before a retry (`Retry-After`). */
  retryAfterSeconds?: number;
  /** How many times the client sent it (1 without a retry). */
  attempts?: number;
}

/** What makes one request recognisable across its retries. */
export interface ChatIdentity {
  requestId?: string;
  idempotencyKey?: string;
}

/** The figures of a load run. */
export interface LoadFigures {
  requests: number;
  succeeded: number;
  failed: number;
  failedShare: number;
  byStatus: Record<string, number>;
}

export function figuresOf(outcomes: readonly Outcome[]): LoadFigures {
  const byStatus: Record<string, number> = {};
  for (const outcome of outcomes) byStatus[outcome.status] = (byStatus[outcome.status] ?? 0) + 1;
  const succeeded = outcomes.filter((outcome) => outcome.status === 200).length;
  return { requests: outcomes.length, succeeded, failed: outcomes.length - succeeded, failedShare: outcomes.length === 0 ? 0 : (outcomes.length - succeeded) / outcomes.length, byStatus };
}

/** One chat completion on a gateway, with its own request id (to reconcile with the usage record). */
export async function chat(baseUrl: string, secret: string, maxTokens = 24, identity: ChatIdentity = {}): Promise<Outcome> {
  const requestId = identity.requestId ?? `req_fault_${randomUUID().replaceAll("-", "")}`;
  const startedAt = Date.now();
  try {
    const response = await fetch(`${baseUrl}/v1/chat/completions`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${secret}`,
        "content-type": "application/json",
        "x-request-id": requestId,
        ...(identity.idempotencyKey ? { "idempotency-key": identity.idempotencyKey } : {}),
      },
      body: JSON.stringify({ model: "llmserve-demo", messages: [{ role: "user", content: `fault suite ${requestId}` }], max_tokens: maxTokens }),
    });
    const body = (await response.json()) as { usage?: { total_tokens: number }; error?: { code?: string } };
    return {
      startedAt,
      endedAt: Date.now(),
      status: response.status,
      requestId,
      totalTokens: body.usage?.total_tokens ?? 0,
      unchecked: response.status === 200 && response.headers.get("x-ratelimit-limit-tokens") === null,
      ...(body.error?.code ? { errorCode: body.error.code } : {}),
      ...(response.headers.has("retry-after") ? { retryAfterSeconds: Number(response.headers.get("retry-after")) } : {}),
      target: baseUrl,
    };
  } catch (error) {
    return { startedAt, endedAt: Date.now(), status: 0, requestId, totalTokens: 0, unchecked: false, errorCode: error instanceof Error ? String((error.cause as { code?: string } | undefined)?.code ?? error.message) : "error", target: baseUrl };
  }
}

/** Closed-loop load: `concurrency` workers each send the next request as soon as the last one answered. */
export class Load {
  readonly outcomes: Outcome[] = [];
  #running = true;
  readonly #workers: Promise<void>[];

  constructor(concurrency: number, send: () => Promise<Outcome>) {
    this.#workers = Array.from({ length: concurrency }, async () => {
      while (this.#running) this.outcomes.push(await send());
    });
  }

  /** Outcomes of requests that started in [from, to). */
  between(from: number, to = Number.POSITIVE_INFINITY): Outcome[] {
    return this.outcomes.filter((outcome) => outcome.startedAt >= from && outcome.startedAt < to);
  }

  async stop(): Promise<Outcome[]> {
    this.#running = false;
    await Promise.all(this.#workers);
    return this.outcomes;
  }
}
