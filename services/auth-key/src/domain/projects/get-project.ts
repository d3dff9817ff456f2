import { AppError } from "@llm-serve/common";
import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import type { Project } from "../model.js";
import { assertCan } from "../permissions.js";
import type { Stores } from "../../store/stores.js";

export async function findProject(stores: Stores, id: string, options: { forUpdate?: boolean } = {}): Promise<Project> {
  const project = await stores.projects.find(id, options);
  if (!project) throw new AppError("not_found", `No project ${id}.`, { details: { param: "project_id" } });
  return project;
}

export async function getProject(deps: AuthKeyDeps, actor: Actor, input: { id: string }): Promise<Project> {
  const project = await findProject(deps.stores, input.id);
  assertCan(actor, "project.read", project.orgId);
  return project;
}
