import { Counter, Gauge, Histogram, type Knex, type Registry } from "@llm-serve/common";
import type { RunMeter } from "./domain/deps.js";
import type { RunStatus } from "./domain/objects.js";
import type { ChatAnswer, ChatRequest, ModelCallOptions, ModelCaller } from "./ports/model-caller.js";

/** Statuses of runs still going: the gauge counts these (ended runs only grow, the counter has them). */
const ACTIVE: readonly RunStatus[] = ["queued", "in_progress", "requires_action", "cancelling"];
const CALL_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/**
 * What `/metrics` shows of the assistant service: runs going now by status (read from the runs table
 * at scrape, so every instance shows the same figure and a restart loses nothing), runs that reached
 * each status, and the duration of the model calls made for runs and responses, by outcome.
 */
export class AssistantMetrics implements RunMeter {
  readonly #reached: Counter<"status">;
  readonly #calls: Histogram<"caller" | "outcome">;

  constructor(registry: Registry, db: Knex) {
    this.#reached = new Counter({ name: "llmserve_assistant_run_status_total", help: "Runs that reached each status (a run counts once per status it enters)", labelNames: ["status"], registers: [registry] });
    this.#calls = new Histogram({
      name: "llmserve_assistant_model_call_duration_seconds",
      help: "Duration of the model calls made through the gateway for runs and responses, by caller (run/response) and outcome (ok/cut/error/cancelled)",
      labelNames: ["caller", "outcome"],
      buckets: CALL_BUCKETS,
      registers: [registry],
    });
    new Gauge({
      name: "llmserve_assistant_runs",
      help: "Runs not yet ended, by status, as stored (all instances)",
      labelNames: ["status"],
      registers: [registry],
      async collect() {
        const rows = (await db("runs").whereIn("status", ACTIVE).groupBy("status").select("status").count({ count: "*" })) as Array<{ status: string; count: string | number }>;
        this.reset();
        for (const status of ACTIVE) this.set({ status }, Number(rows.find((row) => row.status === status)?.count ?? 0));
      },
    });
  }

  reached(status: RunStatus): void {
    this.#reached.inc({ status });
  }

  /** The model caller, its calls timed. */
  meter(model: ModelCaller): ModelCaller {
    const calls = this.#calls;
    return {
      async chat(principalJson: string, request: ChatRequest, requestId: string, options?: ModelCallOptions): Promise<ChatAnswer> {
        const caller = options?.callId?.startsWith("resp_") ? "response" : "run";
        const end = calls.startTimer({ caller });
        try {
          const answer = await model.chat(principalJson, request, requestId, options);
          end({ outcome: answer.choices[0]?.finish_reason === "length" ? "cut" : "ok" });
          return answer;
        } catch (error) {
          end({ outcome: options?.signal?.aborted ? "cancelled" : "error" });
          throw error;
        }
      },
    };
  }
}
