import { AppError } from "@llm-serve/common";

export interface Problem {
  param: string;
  message: string;
}

/** Collects every broken invariant of an input, so that one answer names them all. */
export class Problems {
  readonly list: Problem[] = [];

  add(param: string, message: string): void {
    this.list.push({ param, message });
  }

  check(condition: boolean, param: string, message: string): void {
    if (!condition) this.add(param, message);
  }

  range(value: number, min: number, max: number, param: string): void {
    if (!Number.isFinite(value) || value < min || value > max) this.add(param, `must be between ${min} and ${max} (got ${value})`);
  }

  throwIfAny(what: string): void {
    if (this.list.length === 0) return;
    const summary = this.list.map((problem) => `${problem.param}: ${problem.message}`).join("; ");
    throw new AppError("invalid_request", `Invalid ${what}: ${summary}`, { details: { param: this.list[0]?.param, problems: this.list } });
  }
}
