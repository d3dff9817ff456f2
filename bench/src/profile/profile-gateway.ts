import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { REPO_ROOT } from "@llm-serve/testkit";
import { runLoad, type LoadRequest } from "../load/run-load.js";
import type { BenchPlatform } from "../platform/start-platform.js";
import { summarizeCpuProfile, type CpuProfile, type ProfileSummary } from "./summarize-cpu-profile.js";

export interface GatewayProfile extends ProfileSummary {
  throughput: number;
  clients: number;
  /** The .cpuprofile (open it in Chrome DevTools or speedscope), relative to the repository. */
  file: string;
}

function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1_000n);
}

/**
 * Restarts the gateway (one process) under `node --cpu-prof`, sends the scenario's load, stops it (the profile is
 * written on exit) and summarises self time. The gateway is left stopped.
 */
export async function profileGateway(
  platform: BenchPlatform,
  request: LoadRequest,
  options: { clients: number; warmupMs: number; durationMs: number; whenServing: () => Promise<void> },
): Promise<GatewayProfile> {
  const directory = join(platform.runDirectory, "profile");
  mkdirSync(directory, { recursive: true });
  // One process: the profile of one event loop (workers would each write their own).
  await platform.restartGateway(["--cpu-prof", `--cpu-prof-dir=${directory}`, "--cpu-prof-name=gateway.cpuprofile"], { GATEWAY_WORKERS: "1" });
  // A fresh gateway loads lazily on its first calls (key cache, tokenizer ranks, pools): served once first.
  await options.whenServing();
  const started = monotonicMicros();
  const load = await runLoad(request, { connections: options.clients, warmupMs: options.warmupMs, durationMs: options.durationMs });
  const window = { fromMicros: started + options.warmupMs * 1_000, toMicros: monotonicMicros() };
  await platform.gateway.stop();
  const file = readdirSync(directory).find((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error(`the gateway wrote no CPU profile into ${directory}`);
  const path = join(directory, file);
  // Start-up (module compilation, migrations, Kafka joins) and warm-up are left out of the summary.
  const summary = summarizeCpuProfile(JSON.parse(readFileSync(path, "utf8")) as CpuProfile, 20, window);
  return { ...summary, throughput: load.throughput, clients: options.clients, file: relative(REPO_ROOT, path) };
}
