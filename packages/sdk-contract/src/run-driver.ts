import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The venv that deploy/local/components/python-sdks.sh builds (same defaults as that script). */
export function sdkPython(): string {
  const cache = process.env.LLMSERVE_CACHE ?? join(homedir(), ".cache", "llm-serve");
  return join(process.env.LLMSERVE_SDK_VENV ?? join(cache, "python-sdks"), "bin", "python");
}

const PYTHON_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../python");

export interface SdkError {
  class: string;
  status_code?: number;
  code?: string | number;
  status?: string | number;
  error_code?: string | number;
  message?: string;
  body?: unknown;
  text: string;
}

export interface DriverResult {
  case: string;
  ok: boolean;
  result?: Record<string, unknown>;
  error?: SdkError;
  trace?: string;
}

export interface DriverInput {
  baseUrl: string;
  apiKey: string;
  badKey: string;
  cases: string[];
  /** Anything else a driver needs (e.g. the API version). */
  extra?: Record<string, unknown>;
}

/** Runs `python/<driver>.py` once for all its cases; resolves each case's result by name. */
export async function runDriver(driver: string, input: DriverInput): Promise<Map<string, DriverResult>> {
  const python = sdkPython();
  if (!existsSync(python)) throw new Error(`no SDK venv at ${python}: run bash deploy/local/components/python-sdks.sh (pnpm test does)`);
  const payload = JSON.stringify({ base_url: input.baseUrl, api_key: input.apiKey, bad_key: input.badKey, cases: input.cases, ...input.extra });
  const { stdout, stderr, code } = await runProcess(python, [join(PYTHON_DIR, `${driver}.py`)], payload);
  if (code !== 0) throw new Error(`${driver}.py exited ${code}: ${stderr.slice(-2000)}`);
  const results = JSON.parse(stdout) as DriverResult[];
  return new Map(results.map((result) => [result.case, result]));
}

function runProcess(command: string, args: string[], input: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolvePromise, reject) => {
    // No proxy, no telemetry, and the SDKs' own environment variables cannot leak a real endpoint in.
    const env = { PATH: process.env.PATH ?? "", HOME: homedir(), PYTHONPATH: PYTHON_DIR, PYTHONDONTWRITEBYTECODE: "1", NO_PROXY: "*" };
    const child = spawn(command, args, { cwd: PYTHON_DIR, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (part: Buffer) => (stdout += part.toString("utf8")));
    child.stderr.on("data", (part: Buffer) => (stderr += part.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ stdout, stderr, code }));
    child.stdin.end(input);
  });
}
