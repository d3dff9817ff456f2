import { describe, expect, it } from "vitest";
import { loadFixtures, runFixture } from "../../../test/fixture-case.js";
import { createOpenAIAdapter } from "./openai-adapter.js";

describe("OpenAI adapter against recorded fixtures", () => {
  for (const fixture of loadFixtures(new URL("./__fixtures__/", import.meta.url))) {
    it(fixture.name, async () => {
      const run = await runFixture(createOpenAIAdapter, fixture);
      expect(run.requests).toEqual(fixture.expectedRequests);
      if (fixture.expectedError !== undefined) expect(run.error).toMatchObject(fixture.expectedError);
      else expect(run.error).toBeUndefined();
      if (fixture.expectedResponse !== undefined) expect(run.result).toEqual({ response: fixture.expectedResponse, usage: fixture.expectedUsage });
      if (fixture.expectedParts !== undefined) expect(run.parts).toEqual(fixture.expectedParts);
    });
  }
});
