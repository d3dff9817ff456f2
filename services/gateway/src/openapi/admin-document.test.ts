import { Validator } from "@seriousme/openapi-schema-validator";
import express from "express";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { ADMIN_OPERATIONS, adminOpenApiDocument } from "./admin-document.js";
import { registeredRoutes } from "./registered-routes.js";

describe("the admin API description", () => {
  it("is valid OpenAPI 3.1, with every operation's parameters, body and errors", async () => {
    const document = adminOpenApiDocument("test") as Record<string, any>;
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    const createKey = document.paths["/admin/projects/{projectId}/keys"].post;
    expect(createKey.parameters).toEqual([{ name: "projectId", in: "path", required: true, schema: { type: "string" } }]);
    expect(createKey.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/CreateKeyRequest" });
    expect(Object.keys(createKey.responses)).toEqual(["201", "400", "401", "403", "404", "429", "500", "503"]);
    expect(document.components.schemas.CreateKeyRequest.additionalProperties).toBe(false);
    const listKeys = document.paths["/admin/projects/{projectId}/keys"].get;
    expect(listKeys.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(["projectId", "limit", "after", "order"]);
    expect(document.components.schemas.ListKeysResponse.required).toEqual(["object", "data", "first_id", "last_id", "has_more"]);
    expect(document.paths["/admin/openapi.json"].get.security).toEqual([]);
  });

  it("gives `order` on every list read by GET, with each list's own default", () => {
    const document = adminOpenApiDocument("test") as Record<string, any>;
    const orderOf = (path: string) => document.paths[path].get.parameters.find((parameter: { name: string }) => parameter.name === "order");
    const lists = ADMIN_OPERATIONS.filter((operation) => operation.list && operation.method === "get");
    expect(lists.filter((operation) => !operation.list?.ordered).map((operation) => operation.name)).toEqual([]);
    for (const path of ["/admin/audit", "/admin/billing/bills", "/admin/alerts/rules/{ruleId}/incidents"]) {
      expect(orderOf(path), path).toMatchObject({ in: "query", schema: { enum: ["asc", "desc"] }, description: expect.stringMatching(/^`desc` \(default\)/) });
    }
    for (const path of ["/admin/quota/policies", "/admin/billing/plans", "/admin/alerts/rules", "/admin/organizations"]) {
      expect(orderOf(path), path).toMatchObject({ in: "query", schema: { enum: ["asc", "desc"] }, description: expect.stringMatching(/^`asc` \(default\)/) });
    }
  });

  it("lists an app's routes with their mount paths, so a route without a description shows", () => {
    const app = express();
    const admin = express.Router();
    const nested = express.Router();
    nested.get("/things/:thingId", (_request, response) => void response.end());
    admin.use(nested);
    admin.post("/things", (_request, response) => void response.end());
    app.use("/admin", admin);
    expect(registeredRoutes(app)).toEqual([
      { method: "get", path: "/admin/things/:thingId" },
      { method: "post", path: "/admin/things" },
    ]);
    const described = new Set(ADMIN_OPERATIONS.map((operation) => `${operation.method} ${operation.path}`));
    expect(registeredRoutes(app).filter((route) => !described.has(`${route.method} ${route.path}`))).toHaveLength(2);
    expect(z.toJSONSchema).toBeTypeOf("function");
  });
});
