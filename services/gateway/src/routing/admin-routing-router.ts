import { Router, type Request } from "express";
import { AppError } from "@llm-serve/common";
import type { ServiceClient } from "@llm-serve/grpc";
import { PROVIDER_TYPES } from "@llm-serve/adapters";
import type { modelRegistryV1 } from "@llm-serve/proto";
import type { RoutingEngine } from "@llm-serve/routing";
import { ANY_ADMIN_ROLE, requireAdmin } from "../auth/require-admin.js";
import { locals } from "../http/request-context.js";
import type { AdminAuthenticator } from "../ports/authenticator.js";
import { withRefusalAudit } from "../admin/refusal-audit.js";
import { parseAdminModel } from "./admin-model-schema.js";
import { adminModelView } from "./admin-model-view.js";
import type { ModelTable } from "./model-table.js";
import type { TableDeployment } from "./table-types.js";
import { pageById, pageInGateway, readPageQuery } from "../openapi/list-page.js";

export type RegistryClient = ServiceClient<typeof modelRegistryV1.ModelRegistryServiceService>;

export interface AdminRoutingDeps {
  registry: RegistryClient;
  adminAuthenticator: AdminAuthenticator;
  table: ModelTable;
  engine: RoutingEngine<TableDeployment>;
}

function modelParam(request: Request): string {
  return String(request.params.model);
}

function expectedVersion(request: Request): number | undefined {
  const raw = request.query.expected_version;
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new AppError("invalid_request", "expected_version must be a positive integer", { details: { param: "expected_version" } });
  return value;
}

/**
 * The admin REST API of models and providers (mounted at /admin). Reads need any admin role;
 * changes need a platform admin: model configurations are platform-wide. Credentials go in,
 * never out: answers carry a masked hint.
 */
/** Deadline of the registry calls that probe vendors: its default VALIDATE_TIMEOUT_MS (10 s) with room to spare. */
const PROBING_DEADLINE_MS = 60_000;

export function adminRoutingRouter(deps: AdminRoutingDeps): Router {
  const routes = Router();
  const read = requireAdmin(deps.adminAuthenticator, ANY_ADMIN_ROLE);
  const write = requireAdmin(deps.adminAuthenticator, ["platform_admin"]);
  const call = (response: Parameters<Parameters<Router["get"]>[1]>[1]) => ({ requestId: locals(response).requestId });
  // Creating or changing a model probes its vendors first (up to the registry's VALIDATE_TIMEOUT_MS,
  // 10 s by default): the default 5 s deadline answered 503 for a model the registry then created.
  const probing = (response: Parameters<Parameters<Router["get"]>[1]>[1]) => ({ ...call(response), deadlineMs: PROBING_DEADLINE_MS });

  routes.get("/models", read, async (request, response) => {
    const { models } = await deps.registry.listModels({ includeDisabled: request.query.include_disabled === "true" }, call(response));
    response.json(pageInGateway(models.map(adminModelView) as Array<{ id: string }>, (model) => model.id, readPageQuery(request.query)));
  });
  routes.post("/models", write, async (request, response) => {
    const { model } = await deps.registry.createModel({ model: parseAdminModel(request.body) }, probing(response));
    // This gateway serves the change at once (the README's next command uses it); the others follow the event.
    await deps.table.refresh();
    response.status(201).json(adminModelView(model));
  });
  routes.get("/models/:model", read, async (request, response) => {
    const { model } = await deps.registry.getModel({ id: modelParam(request) }, call(response));
    response.json(adminModelView(model));
  });
  routes.put("/models/:model", write, async (request, response) => {
    const input = parseAdminModel(request.body, modelParam(request));
    const { model } = await deps.registry.updateModel({ model: input, expectedVersion: expectedVersion(request) }, probing(response));
    await deps.table.refresh();
    response.json(adminModelView(model));
  });
  routes.delete("/models/:model", write, async (request, response) => {
    await deps.registry.deleteModel({ id: modelParam(request), expectedVersion: expectedVersion(request) }, call(response));
    await deps.table.refresh();
    response.json({ id: modelParam(request), object: "model_config", deleted: true });
  });
  routes.get("/models/:model/versions", read, async (request, response) => {
    const { versions } = await deps.registry.listModelVersions({ id: modelParam(request) }, call(response));
    const data = versions.map((version) => ({ version: version.version, change: version.change, changed_at: Math.floor(version.changedAtMs / 1000), model: adminModelView(version.model) }));
    response.json(pageInGateway(data, (version) => String(version.version), readPageQuery(request.query)));
  });
  routes.post("/models/:model/check", write, async (request, response) => {
    const { model } = await deps.registry.checkModel({ id: modelParam(request) }, probing(response));
    response.json(adminModelView(model));
  });
  routes.get("/providers", read, async (request, response) => {
    const { models } = await deps.registry.listModels({ includeDisabled: true }, call(response));
    response.json(pageById(PROVIDER_TYPES.map((type) => providerSummary(type, models)), request.query));
  });
  routes.get("/routing", read, (request, response) => {
    const states = deps.table.all().flatMap((model) => model.deployments.map((deployment) => routingState(deps.engine, deployment)));
    response.json(pageInGateway(states, (state) => `${state.model}/${state.deployment}`, readPageQuery(request.query)));
  });
  return withRefusalAudit(routes);
}

function providerSummary(type: string, models: modelRegistryV1.Model[]) {
  const deployments = models.flatMap((model) => model.deployments.filter((deployment) => deployment.providerType === type).map((deployment) => ({ model: model.id, deployment: deployment.id, status: deployment.status })));
  return {
    id: type,
    object: "provider",
    deployments: deployments.length,
    available: deployments.filter((deployment) => deployment.status === "available").length,
    error: deployments.filter((deployment) => deployment.status === "error").length,
    models: [...new Set(deployments.map((deployment) => deployment.model))].sort(),
  };
}

/** This gateway instance's live view of a deployment: what routing currently believes. */
function routingState(engine: RoutingEngine<TableDeployment>, deployment: TableDeployment) {
  return {
    model: deployment.modelId,
    deployment: deployment.deploymentId,
    provider: deployment.provider,
    registry_healthy: deployment.healthy,
    circuit: engine.circuits.state(deployment.id),
    latency_ewma_ms: engine.latency.average(deployment.id) ?? null,
    in_flight: engine.inFlight.count(deployment.id),
    last_minute: engine.capacity.lastMinute(deployment.id),
  };
}
