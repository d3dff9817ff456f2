import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { REPO_ROOT } from "@llm-serve/testkit";
import type { MicroResult } from "../micro/hot-path-micro.js";
import type { CommitDescription, MachineDescription } from "../measure/machine.js";
import { renderMicro, renderProfile, renderResults, renderSoak } from "./render-markdown.js";
import type { PeerReport } from "./peer-results.js";
import { renderPeers } from "./render-peers.js";
import type { BenchReport, SoakResult } from "./results.js";
import { updateDocument } from "./update-doc.js";

export const RESULTS_DIRECTORY = join(REPO_ROOT, "bench", "results");
export const PERFORMANCE_DOC = join(REPO_ROOT, "docs", "performance.md");

/**
 * Writes the JSON (a timestamped file and `latest` / `soak-latest`) and, unless told not to, the
 * generated sections of docs/performance.md. Returns the paths written, relative to the repository.
 */
export async function writeReport(report: BenchReport, options: { docs: boolean; experiment: boolean }): Promise<string[]> {
  await mkdir(RESULTS_DIRECTORY, { recursive: true });
  const kind = options.experiment ? "experiment" : report.soak ? "soak" : "bench";
  const stamp = report.startedAt.replace(/[:.]/g, "-").slice(0, 19);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const files = [join(RESULTS_DIRECTORY, `${kind}-${stamp}.json`), join(RESULTS_DIRECTORY, `${kind}-latest.json`)];
  for (const file of files) await writeFile(file, json);
  if (options.docs) {
    const sections = report.soak
      ? [{ name: "soak", content: renderSoak(report), heading: "## Soak" }]
      : [
          { name: "results", content: renderResults(report), heading: "## Latest figures" },
          ...(report.profile ? [{ name: "profile", content: renderProfile(report), heading: "## Profile" }] : []),
        ];
    await updateDocument(PERFORMANCE_DOC, sections);
    files.push(PERFORMANCE_DOC);
  }
  return files.map((file) => relative(REPO_ROOT, file));
}

/** `pnpm bench --micro`: the JSON and the `micro` section of docs/performance.md. */
export async function writeMicroReport(results: MicroResult[], context: { startedAt: string; commit: CommitDescription; machine: MachineDescription }, options: { docs: boolean }): Promise<string[]> {
  await mkdir(RESULTS_DIRECTORY, { recursive: true });
  const files = [join(RESULTS_DIRECTORY, "micro-latest.json")];
  await writeFile(files[0] as string, `${JSON.stringify({ ...context, results }, null, 2)}\n`);
  if (options.docs) {
    await updateDocument(PERFORMANCE_DOC, [{ name: "micro", content: renderMicro(results, context), heading: "## Single steps, measured alone" }]);
    files.push(PERFORMANCE_DOC);
  }
  return files.map((file) => relative(REPO_ROOT, file));
}

/** `pnpm bench --peers`: `peers-<time>.json`, `peers-latest.json` and the `peers` section of docs/performance.md. */
export async function writePeersReport(report: PeerReport, options: { docs: boolean }): Promise<string[]> {
  await mkdir(RESULTS_DIRECTORY, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, "-").slice(0, 19);
  const files = [join(RESULTS_DIRECTORY, `peers-${stamp}.json`), join(RESULTS_DIRECTORY, "peers-latest.json")];
  for (const file of files) await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  if (options.docs) {
    await updateDocument(PERFORMANCE_DOC, [{ name: "peers", content: renderPeers(report), heading: "## Peers" }]);
    files.push(PERFORMANCE_DOC);
  }
  return files.map((file) => relative(REPO_ROOT, file));
}

/** The last soak's result (its own run: a scenario run's target table points at it), if there is one. */
export async function readLatestSoak(): Promise<(SoakResult & { measuredAt: string; commit: string }) | undefined> {
  try {
    const report = JSON.parse(await readFile(join(RESULTS_DIRECTORY, "soak-latest.json"), "utf8")) as BenchReport;
    return report.soak ? { ...report.soak, measuredAt: report.startedAt, commit: report.commit.sha } : undefined;
  } catch {
    return undefined;
  }
}
