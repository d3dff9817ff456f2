import { describe, expect, it } from "vitest";
import { RetryBudget } from "./retry-budget.js";

describe("RetryBudget", () => {
  it("allows retries in proportion to requests and lets old credit expire", () => {
    let now = 0;
    const budget = new RetryBudget({ ratio: 0.5, minRetriesPerSecond: 0, windowMs: 1_000, now: () => now });
    expect(budget.tryWithdraw()).toBe(false);
    for (let index = 0; index < 4; index += 1) budget.deposit();
    expect(budget.tryWithdraw()).toBe(true);
    expect(budget.tryWithdraw()).toBe(true);
    expect(budget.tryWithdraw()).toBe(false);
    now = 2_000;
    expect(budget.balance()).toBe(0);
  });

  it("keeps a floor of retries per second at low traffic", () => {
    const budget = new RetryBudget({ ratio: 0, minRetriesPerSecond: 1, windowMs: 3_000, now: () => 0 });
    expect([budget.tryWithdraw(), budget.tryWithdraw(), budget.tryWithdraw(), budget.tryWithdraw()]).toEqual([true, true, true, false]);
  });

  it("expires credit bucket by bucket as the window slides, withdrawals with their deposits", () => {
    let now = 0;
    const budget = new RetryBudget({ ratio: 1, minRetriesPerSecond: 0, windowMs: 1_000, now: () => now });
    for (let index = 0; index < 3; index += 1) budget.deposit();
    now = 500;
    for (let index = 0; index < 2; index += 1) budget.deposit();
    expect(budget.tryWithdraw()).toBe(true);
    expect(budget.balance()).toBe(4);
    // The first bucket (three deposits at 0 ms) leaves the window; the 500 ms bucket stays.
    now = 1_250;
    expect(budget.balance()).toBe(1);
    now = 1_750;
    expect(budget.balance()).toBe(0);
    budget.deposit();
    expect(budget.balance()).toBe(1);
  });
});
