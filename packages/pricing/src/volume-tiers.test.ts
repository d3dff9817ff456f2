import { describe, expect, it } from "vitest";
import { volumeTierAdjustment } from "./volume-tiers.js";

const tiers = [
  { fromMicros: 1_000_000n, multiplierPpm: 900_000n },
  { fromMicros: 5_000_000n, multiplierPpm: 800_000n },
];

describe("graduated volume tiers", () => {
  it("discount only the part of the volume inside each tier", () => {
    expect(volumeTierAdjustment(999_999n, tiers)).toBe(0n);
    expect(volumeTierAdjustment(2_000_000n, tiers)).toBe(-100_000n);
    // 1M at ×1, 4M at ×0.9, 1M at ×0.8: 1 + 3.6 + 0.8 = 5.4M of 6M.
    expect(volumeTierAdjustment(6_000_000n, tiers)).toBe(-600_000n);
    expect(volumeTierAdjustment(0n, tiers)).toBe(0n);
    expect(volumeTierAdjustment(6_000_000n, [])).toBe(0n);
  });

  it("round the graduated amount up once (a discount is never rounded in the customer's favour twice)", () => {
    // 1,000,001 at ×1 then 1 micro at ×0.9: 1,000,000.9 → 1,000,001, so no discount at all.
    expect(volumeTierAdjustment(1_000_001n, tiers)).toBe(0n);
    // 1,000,000 + 10 × 0.9 = 1,000,009: one micro-unit off.
    expect(volumeTierAdjustment(1_000_010n, tiers)).toBe(-1n);
  });

  it("do not depend on the order of the tiers nor of the lines summed into the volume", () => {
    const lines = [123_457n, 2_000_003n, 777_777n, 3_141_593n];
    const forward = volumeTierAdjustment(lines.reduce((sum, line) => sum + line, 0n), tiers);
    const backward = volumeTierAdjustment([...lines].reverse().reduce((sum, line) => sum + line, 0n), [...tiers].reverse());
    expect(forward).toBe(backward);
  });
});
