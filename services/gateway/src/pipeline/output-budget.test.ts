import { describe, expect, it } from "vitest";
import type { DeploymentRouter } from "../ports/deployment-router.js";
import { outputBudget } from "./output-budget.js";

const routerWithLimit = (limit: number) => ({ outputLimit: () => limit }) as unknown as DeploymentRouter;

describe("output budget of a request", () => {
  it("is the request's own max_tokens when it names one", () => {
    expect(outputBudget(routerWithLimit(4_096), "m", { tokens: 100, param: "max_tokens" }, 1_024)).toEqual({ tokens: 100 });
    expect(outputBudget(routerWithLimit(0), "m", { tokens: 100, param: "max_tokens" }, 1_024)).toEqual({ tokens: 100 });
  });

  it("is at most the model's bound, to which the vendor request's max_tokens is clamped (a tighter hold)", () => {
    const bounded = { outputLimit: () => 4_096, maxTokensBound: () => 40 } as unknown as DeploymentRouter;
    expect(outputBudget(bounded, "m", { tokens: 400, param: "max_tokens" }, 1_024)).toEqual({ tokens: 40 });
    expect(outputBudget(bounded, "m", { tokens: 30, param: "max_tokens" }, 1_024)).toEqual({ tokens: 30 });
    // Without max_tokens nothing is clamped: the model's maximum output is held.
    expect(outputBudget(bounded, "m", { tokens: undefined, param: "max_tokens" }, 1_024)).toEqual({ tokens: 4_096 });
  });

  it("is the model's maximum output when the request names none: the vendor cannot exceed it", () => {
    expect(outputBudget(routerWithLimit(4_096), "m", { tokens: undefined, param: "max_tokens" }, 1_024)).toEqual({ tokens: 4_096 });
    expect(outputBudget(routerWithLimit(4_096), "m", { tokens: null, param: "max_tokens" }, 1_024)).toEqual({ tokens: 4_096 });
  });

  it("refuses a request asking for more than the model's maximum output, naming the param", () => {
    expect(() => outputBudget(routerWithLimit(4_096), "m", { tokens: 1_000_000, param: "max_completion_tokens" }, 1_024)).toThrow(
      expect.objectContaining({ code: "invalid_request", details: expect.objectContaining({ param: "max_completion_tokens" }) }),
    );
    expect(outputBudget(routerWithLimit(4_096), "m", { tokens: 4_096, param: "max_tokens" }, 1_024)).toEqual({ tokens: 4_096 });
  });

  it("falls back to the default and caps the request, so usage never exceeds the reservation", () => {
    expect(outputBudget(routerWithLimit(0), "m", { tokens: undefined, param: "max_tokens" }, 1_024)).toEqual({ tokens: 1_024, cap: 1_024 });
    expect(outputBudget({} as DeploymentRouter, "m", { tokens: undefined, param: "max_tokens" }, 512)).toEqual({ tokens: 512, cap: 512 });
  });
});
