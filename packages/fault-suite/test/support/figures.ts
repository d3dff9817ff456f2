import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Where each scenario writes the figures of its latest run (docs/reliability.md quotes them). */
export const FIGURES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../figures");

export function recordFigures(scenario: string, figures: Record<string, unknown>): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  const document = { scenario, measuredAt: new Date().toISOString(), ...figures };
  writeFileSync(resolve(FIGURES_DIR, `${scenario}.json`), `${JSON.stringify(document, null, 2)}\n`);
  console.log(`[fault-suite] ${scenario}: ${JSON.stringify(figures)}`);
}
