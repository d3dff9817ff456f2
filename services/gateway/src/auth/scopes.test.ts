import { describe, expect, it } from "vitest";
import type { Principal } from "../ports/authenticator.js";
import { assertInScope, endpointOf, isModelAllowed, matchesPattern } from "./scopes.js";

const principal = (allowedModels: string[], allowedEndpoints: string[]): Principal => ({ keyId: "k", projectId: "p", orgId: "o", allowedModels, allowedEndpoints, quotaPolicyIds: [] });

describe("scopes", () => {
  it.each([
    ["/v1/chat/completions", "chat.completions"],
    ["/v1/completions", "completions"],
    ["/v1/embeddings", "embeddings"],
    ["/v1/models", "models"],
    ["/v1/models/gpt-4o", "models"],
    ["/v1/audio/transcriptions", "audio.transcriptions"],
    ["/v1/images/edits", "images.edits"],
    ["/v1/threads/thread_1/messages", "threads"],
  ])("names %s %s", (path, endpoint) => {
    expect(endpointOf(path)).toBe(endpoint);
  });

  it("matches globs literally except for *", () => {
    expect(matchesPattern("gpt-4o*", "gpt-4o-mini")).toBe(true);
    expect(matchesPattern("gpt-4o*", "gpt-4")).toBe(false);
    expect(matchesPattern("gpt-4.1", "gpt-401")).toBe(false);
    expect(matchesPattern("*", "anything")).toBe(true);
    expect(matchesPattern("audio.*", "audio.speech")).toBe(true);
  });

  it("allows everything when a list is empty", () => {
    expect(isModelAllowed(principal([], []), "x")).toBe(true);
    expect(() => assertInScope(principal([], []), { path: "/v1/embeddings", model: "x" })).not.toThrow();
  });

  it("refuses other endpoints with 403 and other models like unknown ones", () => {
    const scoped = principal(["gpt-4o*"], ["chat.completions"]);
    expect(() => assertInScope(scoped, { path: "/v1/embeddings", model: "gpt-4o" })).toThrow(expect.objectContaining({ code: "permission_denied" }));
    expect(() => assertInScope(scoped, { path: "/v1/chat/completions", model: "claude" })).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(() => assertInScope(scoped, { path: "/v1/chat/completions", model: "gpt-4o-mini" })).not.toThrow();
    expect(() => assertInScope(scoped, { path: "/v1/chat/completions", model: undefined })).not.toThrow();
  });
});
