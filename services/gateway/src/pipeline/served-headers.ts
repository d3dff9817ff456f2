import type { Deployment } from "../ports/deployment-router.js";

/**
 * Which upstream attempt and deployment served an answer (docs/api.md): the same figures as the
 * `attempt` and `deployment_id` of the request's served usage event, so a client or an operator can
 * match an answer to its charge.
 */
export function servedHeaders(deployment: Deployment, attempt: number): Record<string, string> {
  return { "x-llmserve-deployment": deployment.id, "x-llmserve-attempt": String(attempt) };
}
