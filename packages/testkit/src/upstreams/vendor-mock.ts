import type { ServerResponse } from "node:http";
import { startMockServer, type MockUpstream } from "./mock-server.js";
import type { RecordedRequest } from "./recorded-request.js";
import { sendJson } from "./respond.js";
import { ScenarioQueue } from "./scenario-queue.js";

export type VendorHandler<TScenario> = (request: RecordedRequest, response: ServerResponse, scenario: TScenario) => Promise<void>;

export interface VendorMockDefinition<TScenario extends { error?: TError }, TError> {
  /** Prefix of every route, also appended to `url` to form `baseUrl`. */
  pathPrefix: string;
  /** Picks the handler for a method and a path (prefix removed); undefined answers 404. */
  route(method: string, path: string): VendorHandler<TScenario> | undefined;
  /** Returns the vendor error to send when the request's credentials are wrong. */
  authenticate?(request: RecordedRequest): TError | undefined;
  sendError(response: ServerResponse, error: TError, scenario: TScenario): Promise<void>;
  /** Routes that ignore scenarios (e.g. an OAuth token endpoint) neither consume nor apply them. */
  bypassesScenario?(method: string, path: string): boolean;
}

export interface VendorMockOptions<TScenario> {
  scenario?: TScenario;
  maxRecordedRequests?: number;
}

export interface ScenarioControls<TScenario> {
  /** `url` + the vendor's path prefix: what an adapter's baseUrl should be. */
  readonly baseUrl: string;
  setScenario(scenario: TScenario): void;
  /** One-shot scenarios for the next requests, in order; then the standing scenario again. */
  queueScenario(...scenarios: TScenario[]): void;
  resetScenario(): void;
}

export type VendorMock<TScenario> = MockUpstream & ScenarioControls<TScenario>;

/** The plumbing every vendor mock shares: scenarios, routing, auth check, scripted errors. */
export async function startVendorMock<TScenario extends { error?: TError }, TError>(
  definition: VendorMockDefinition<TScenario, TError>,
  options: VendorMockOptions<TScenario>,
): Promise<VendorMock<TScenario>> {
  const scenarios = new ScenarioQueue<TScenario>(options.scenario ?? ({} as TScenario));
  const server = await startMockServer({
    maxRecordedRequests: options.maxRecordedRequests,
    async handle({ request, response }) {
      const path = request.path.startsWith(definition.pathPrefix) ? request.path.slice(definition.pathPrefix.length) : undefined;
      const handler = path === undefined ? undefined : definition.route(request.method, path);
      if (handler === undefined) {
        await sendJson(response, 404, { error: { message: `mock: no route for ${request.method} ${request.path}` } });
        return;
      }
      const scenario = definition.bypassesScenario?.(request.method, path ?? "") ? ({} as TScenario) : scenarios.next();
      const error = definition.authenticate?.(request) ?? scenario.error;
      if (error !== undefined) {
        await definition.sendError(response, error, scenario);
        return;
      }
      await handler(request, response, scenario);
    },
  });
  return Object.assign(server, {
    baseUrl: server.url + definition.pathPrefix,
    setScenario: (scenario: TScenario) => scenarios.set(scenario),
    queueScenario: (...queued: TScenario[]) => scenarios.queue(...queued),
    resetScenario: () => scenarios.reset(),
  });
}
