import { describe, expect, it } from "vitest";
import { packageOf, summarizeCpuProfile, type CpuProfile } from "../src/profile/summarize-cpu-profile.js";

const frame = (functionName: string, url = "", lineNumber = 0) => ({ functionName, url, lineNumber });

describe("summarizeCpuProfile", () => {
  it("ranks functions and packages by self time, leaving idle time out", () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame("(root)") },
        { id: 2, callFrame: frame("(idle)") },
        { id: 3, callFrame: frame("write", "file:///repo/node_modules/.pnpm/pino@10.1.1/node_modules/pino/lib/proto.js", 9) },
        { id: 4, callFrame: frame("parse", "file:///repo/node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/parse.js", 19) },
        { id: 5, callFrame: frame("(garbage collector)") },
      ],
      startTime: 0,
      endTime: 10_000,
      samples: [2, 3, 3, 4, 5, 2],
      timeDeltas: [0, 1_000, 1_000, 1_000, 1_000, 1_000],
    };
    const summary = summarizeCpuProfile(profile);
    expect(summary.busyMs).toBe(4);
    expect(summary.topFunctions[0]).toEqual({ name: "write", location: "pino lib/proto.js:10", selfMs: 2, selfPercent: 50, totalMs: 2, totalPercent: 50 });
    expect(summary.byPackage.map((entry) => entry.name)).toEqual(["pino", "zod", "(garbage collector)"]);
  });

  it("gives total time to every function and package on the stack, once per sample, within a window", () => {
    const gateway = "file:///repo/services/gateway/dist/pipeline/execute-unary.js";
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame("(root)"), children: [2] },
        { id: 2, callFrame: frame("executeUnary", gateway, 10), children: [3, 4] },
        { id: 3, callFrame: frame("executeUnary", gateway, 10), children: [5] },
        { id: 4, callFrame: frame("info", "file:///repo/node_modules/pino/lib/proto.js", 1) },
        { id: 5, callFrame: frame("writev") },
      ],
      startTime: 1_000,
      endTime: 10_000,
      samples: [5, 4, 5, 2],
      timeDeltas: [1_000, 1_000, 1_000, 1_000],
    };
    // Sample times 2000, 3000, 4000, 5000; each stands for the delta after it (the last for none).
    const summary = summarizeCpuProfile(profile, 10, { fromMicros: 2_000, toMicros: 4_000 });
    expect(summary.busyMs).toBe(3);
    const executeUnary = summary.topOwnFunctions[0];
    expect(executeUnary).toMatchObject({ name: "executeUnary", location: "services/gateway dist/pipeline/execute-unary.js:11", selfMs: 0, totalMs: 3, totalPercent: 100 });
    expect(summary.byPackage.find((entry) => entry.name === "pino")).toMatchObject({ selfMs: 1, totalMs: 1 });
    expect(summary.byPackage.find((entry) => entry.name === "(native)")).toMatchObject({ selfMs: 2, totalMs: 2 });
  });
});

describe("packageOf", () => {
  it("names npm packages, workspace packages, services and Node core", () => {
    expect(packageOf("file:///r/node_modules/.pnpm/@grpc+grpc-js@1.14.7/node_modules/@grpc/grpc-js/build/src/call.js", "f")).toBe("@grpc/grpc-js");
    expect(packageOf("file:///r/packages/adapters/dist/http/undici-transport.js", "f")).toBe("@llm-serve/adapters");
    expect(packageOf("file:///r/services/gateway/dist/pipeline/execute-unary.js", "f")).toBe("services/gateway");
    expect(packageOf("node:internal/streams/writable", "f")).toBe("node:internal/streams");
    expect(packageOf("node:_http_server", "f")).toBe("node:_http_server");
    expect(packageOf("", "(program)")).toBe("(program)");
  });
});
