import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { ReplayTransport, type CapturedRequest, type ReplayAnswer } from "../src/http/replay-transport.js";
import type { HttpTransport } from "../src/http/http-transport.js";
import type { ProviderConfig } from "../src/spec/call-context.js";
import type { ProviderAdapter } from "../src/spec/provider-adapter.js";

type AdapterMethod = "chat" | "streamChat" | "complete" | "streamComplete" | "embed" | "transcribe" | "streamTranscription" | "translate" | "generateImage" | "editImage" | "moderate";

/**
 * One recorded exchange: the canonical call, the exact vendor request it must produce, the vendor's
 * recorded answer(s), and the canonical result. Answers with `bodyFile` load a sibling file (SSE).
 */
export interface FixtureCase {
  name: string;
  method: AdapterMethod;
  config: ProviderConfig;
  request: Record<string, unknown>;
  expectedRequests: CapturedRequest[];
  answers: Array<ReplayAnswer & { bodyFile?: string; splitEvery?: number }>;
  expectedResponse?: unknown;
  expectedUsage?: unknown;
  expectedParts?: unknown[];
  expectedError?: Record<string, unknown>;
}

export function loadFixtures(directory: URL): FixtureCase[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => {
      const fixture = JSON.parse(readFileSync(new URL(name, directory), "utf8")) as FixtureCase;
      fixture.answers = fixture.answers.map((answer) => {
        const body = answer.bodyFile === undefined ? answer.body : readFileSync(new URL(answer.bodyFile, directory), "utf8");
        return { ...answer, body: answer.splitEvery === undefined ? body : splitEvery(String(body), answer.splitEvery) };
      });
      return fixture;
    });
}

export interface FixtureRun {
  requests: CapturedRequest[];
  result?: unknown;
  parts?: unknown[];
  error?: unknown;
}

export async function runFixture(createAdapter: (transport: HttpTransport) => ProviderAdapter, fixture: FixtureCase): Promise<FixtureRun> {
  const transport = new ReplayTransport(fixture.answers);
  const adapter = createAdapter(transport);
  const request = reviveFiles(fixture.request);
  const context = { config: fixture.config };
  const call = (adapter[fixture.method] as (request: unknown, context: unknown) => unknown).bind(adapter);
  try {
    if (fixture.method.startsWith("stream")) {
      const parts: unknown[] = [];
      for await (const part of call(request, context) as AsyncIterable<unknown>) parts.push(part);
      return { requests: transport.requests, parts };
    }
    return { requests: transport.requests, result: await call(request, context) };
  } catch (error) {
    return { requests: transport.requests, error };
  }
}

/** `{"$file": {"filename": "a.wav", "text": "..."}}` in a fixture request becomes a FileInput. */
function reviveFiles(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value), (_key, item: unknown) => {
    if (typeof item === "object" && item !== null && "$file" in item) {
      const file = (item as { $file: { filename: string; contentType?: string; text: string } }).$file;
      return { filename: file.filename, contentType: file.contentType, data: new TextEncoder().encode(file.text) };
    }
    return item;
  }) as Record<string, unknown>;
}

function splitEvery(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let offset = 0; offset < text.length; offset += size) pieces.push(text.slice(offset, offset + size));
  return pieces;
}

/** One vitest case per fixture file: exact outgoing requests, then the canonical result or error. */
export function describeFixtureCases(title: string, directory: URL, createAdapter: (transport: HttpTransport) => ProviderAdapter): void {
  describe(title, () => {
    for (const fixture of loadFixtures(directory)) {
      it(fixture.name, async () => {
        const run = await runFixture(createAdapter, fixture);
        expect(run.requests).toEqual(fixture.expectedRequests);
        if (fixture.expectedError !== undefined) expect(run.error).toMatchObject(fixture.expectedError);
        else expect(run.error).toBeUndefined();
        if (fixture.expectedResponse !== undefined) expect(run.result).toEqual({ response: fixture.expectedResponse, usage: fixture.expectedUsage });
        if (fixture.expectedParts !== undefined) expect(run.parts).toEqual(fixture.expectedParts);
      });
    }
  });
}
