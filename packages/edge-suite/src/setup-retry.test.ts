import { describe, expect, it } from "vitest";
import { RetryableSetupError, SETUP_ATTEMPTS, retrySetup, setupRetries, setupRetryFigures } from "./setup-retry.js";

describe("retrySetup", () => {
  it("tries a 503 or a broken connection again, counts each retry, and gives up after SETUP_ATTEMPTS tries", async () => {
    setupRetries.length = 0;
    let tries = 0;
    const value = await retrySetup(
      "POST /admin/organizations",
      async () => {
        tries += 1;
        if (tries === 1) throw new TypeError("fetch failed");
        if (tries < 4) throw new RetryableSetupError("answered 503");
        return "created";
      },
      { firstBackoffMs: 1 },
    );
    expect(value).toBe("created");
    expect(setupRetryFigures()).toEqual({ setupRetries: 3, setupRetried: { "POST /admin/organizations": 3 } });

    tries = 0;
    const failing = retrySetup("POST /admin/models", async () => {
      tries += 1;
      throw new RetryableSetupError("answered 503");
    }, { firstBackoffMs: 1 });
    await expect(failing).rejects.toThrow("answered 503");
    expect(tries).toBe(SETUP_ATTEMPTS);
  });

  it("never tries again what is not a 503 or a transport error", async () => {
    let tries = 0;
    const refused = retrySetup("POST /admin/projects", async () => {
      tries += 1;
      throw new Error("answered 400");
    }, { firstBackoffMs: 1 });
    await expect(refused).rejects.toThrow("answered 400");
    expect(tries).toBe(1);
  });
});
