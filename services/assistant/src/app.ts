import { createLogger, loadConfig, type Environment, type Logger } from "@llm-serve/common";
import { ServiceRuntime, type StartedService } from "@llm-serve/grpc";
import { assistantV1, authKeyV1, gatewayInferenceV1 } from "@llm-serve/proto";
import { AssistantMetrics } from "./assistant-metrics.js";
import { configSchema, SERVICE_NAME } from "./config.js";
import { BackgroundRuns } from "./domain/background-runs.js";
import type { ConversationObject } from "./domain/conversation-operations.js";
import type { AssistantDeps } from "./domain/deps.js";
import type { ResponseItem } from "./domain/response-items.js";
import type { ResponseObject } from "./domain/response-object.js";
import type { AssistantObject, MessageObject, RunObject, RunStepObject, ThreadObject } from "./domain/objects.js";
import { resumeAbandonedRuns } from "./domain/resume-runs.js";
import { AssistantEvents } from "./events/assistant-events.js";
import { createAssistantHandlers } from "./handlers/assistant-handlers.js";
import { migrations } from "./migrations/index.js";
import { AuthKeyChecker } from "./store/auth-key-checker.js";
import { DocumentStore } from "./store/document-store.js";
import { GatewayModelCaller } from "./store/gateway-model-caller.js";
import { TokenizerPromptCounter } from "./store/tokenizer-prompt-counter.js";

export interface RunningAssistant extends StartedService {
  runtime: ServiceRuntime;
  /** Looks for runs abandoned by a stopped instance now (also done at start and on an interval). */
  resumeAbandonedRuns(): Promise<number>;
  stop(): Promise<void>;
}

/** The composition root: config → logger → stores → model caller (the gateway) → handlers → listen → register. */
export async function startAssistant(env: Environment, logger?: Logger): Promise<RunningAssistant> {
  const config = loadConfig(configSchema, env);
  const rootLogger = logger ?? createLogger({ service: SERVICE_NAME, version: config.SERVICE_VERSION, level: config.LOG_LEVEL });
  const runtime = new ServiceRuntime({ service: SERVICE_NAME, version: config.SERVICE_VERSION, config, logger: rootLogger });
  try {
    const db = await runtime.openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: config.DATABASE_POOL_MAX, migrations });
    await runtime.ensureTopics();
    const relay = runtime.startOutboxRelay(db);
    const background = new BackgroundRuns(runtime.logger);
    const gateway = runtime.client(gatewayInferenceV1.GatewayInferenceServiceService, "gateway");
    const authKey = runtime.client(authKeyV1.AuthAdminServiceService, "auth-key", { idempotent: ["getKey"], deadlineMs: 3_000 });
    // Registered after the database and the gateway client, so it runs before either closes.
    runtime.lifecycle.onShutdown("runs", () => background.drain(db, 5_000));
    const metrics = new AssistantMetrics(runtime.metrics, db);
    const deps: AssistantDeps = {
      db,
      assistants: new DocumentStore<AssistantObject>(db, "assistants"),
      threads: new DocumentStore<ThreadObject>(db, "threads"),
      messages: new DocumentStore<MessageObject>(db, "messages"),
      runs: new DocumentStore<RunObject>(db, "runs"),
      steps: new DocumentStore<RunStepObject>(db, "run_steps"),
      responses: new DocumentStore<ResponseObject>(db, "responses"),
      conversations: new DocumentStore<ConversationObject>(db, "conversations"),
      items: new DocumentStore<ResponseItem>(db, "items"),
      model: metrics.meter(new GatewayModelCaller(gateway, config.ASSISTANT_MODEL_CALL_TIMEOUT_MS)),
      tokens: new TokenizerPromptCounter(),
      keys: new AuthKeyChecker(authKey),
      events: new AssistantEvents(config.EVENT_NAMESPACE, () => relay.kick()),
      meter: metrics,
      runExpirySeconds: config.ASSISTANT_RUN_EXPIRY_SECONDS,
      inBackground: (runId, work) => background.start(runId, work),
      isStopping: () => background.stopping,
    };
    runtime.grpc.addService(assistantV1.AssistantServiceService, createAssistantHandlers(deps));
    const started = await runtime.start();
    // Registered last, so it runs first: a watched run's model call cut by the gRPC server's forced
    // shutdown then already sees the instance stopping, and leaves the run to be resumed.
    runtime.lifecycle.onShutdown("runs-stopping", () => background.markStopping());
    const resume = () => resumeAbandonedRuns(deps);
    const sweep = setInterval(() => void resume().catch((error: unknown) => runtime.logger.warn({ err: error }, "resuming abandoned runs failed")), config.ASSISTANT_RESUME_INTERVAL_MS);
    sweep.unref();
    runtime.lifecycle.onShutdown("run-sweep", () => clearInterval(sweep));
    await resume();
    return { ...started, runtime, resumeAbandonedRuns: resume, stop: () => runtime.stop() };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}
