import { describe, expect, it } from "vitest";
import { formatResetDuration } from "./rate-limit-headers.js";

describe("reset durations", () => {
  it("are written the way OpenAI writes them", () => {
    expect(formatResetDuration(20)).toBe("20ms");
    expect(formatResetDuration(1_000)).toBe("1s");
    expect(formatResetDuration(1_500)).toBe("1.5s");
    expect(formatResetDuration(360_000)).toBe("6m0s");
    expect(formatResetDuration(3_723_000)).toBe("1h2m3s");
    expect(formatResetDuration(-5)).toBe("0ms");
  });
});
