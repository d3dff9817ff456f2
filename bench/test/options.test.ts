import { describe, expect, it } from "vitest";
import { parseOptions } from "../src/options.js";

describe("parseOptions", () => {
  it("defaults to every scenario at 1 and 32 clients with a profile", () => {
    expect(parseOptions([])).toEqual({ warmupMs: 2_000, durationMs: 8_000, settleMs: 10_000, clients: [1, 32], kinds: ["chat", "chat-stream", "embeddings"], profile: true, docs: true, keep: false, micro: false, gatewayEnv: {}, gatewayWorkers: "1" });
  });

  it("reads a soak size, with or without separators and pnpm's `--`", () => {
    expect(parseOptions(["--", "--soak", "1_000_000"]).soak).toBe(1_000_000);
    expect(parseOptions(["--soak", "5000", "--no-profile", "--clients", "8"])).toMatchObject({ soak: 5_000, profile: false, clients: [8] });
  });

  it("runs the gateway as one process unless told a number or auto, and that is no experiment", () => {
    expect(parseOptions(["--gateway-workers", "2"])).toMatchObject({ gatewayWorkers: "2", docs: true });
    expect(parseOptions(["--gateway-workers", "auto"])).toMatchObject({ gatewayWorkers: "auto", docs: true });
    expect(() => parseOptions(["--gateway-workers", "many"])).toThrow(/--gateway-workers/);
  });

  it("settles the gateway for 10 s before the first scenario unless told otherwise", () => {
    expect(parseOptions(["--settle", "0"]).settleMs).toBe(0);
    expect(parseOptions(["--settle", "2.5"]).settleMs).toBe(2_500);
    expect(() => parseOptions(["--settle", "-1"])).toThrow(/--settle/);
  });

  it("refuses what it does not know", () => {
    expect(() => parseOptions(["--soak", "lots"])).toThrow(/--soak/);
    expect(() => parseOptions(["--only", "images"])).toThrow(/unknown images/);
    expect(() => parseOptions(["--fast"])).toThrow();
  });
});

describe("experiments", () => {
  it("pass extra gateway environment and leave the docs alone", () => {
    const options = parseOptions(["--gateway-env", "LOG_LEVEL=warn", "--gateway-env", "DATABASE_URL=postgres://u:p@h/db?options=-c synchronous_commit=off"]);
    expect(options.gatewayEnv).toEqual({ LOG_LEVEL: "warn", DATABASE_URL: "postgres://u:p@h/db?options=-c synchronous_commit=off" });
    expect(options.docs).toBe(false);
    expect(() => parseOptions(["--gateway-env", "novalue"])).toThrow(/KEY=VALUE/);
  });
});

describe("--peers", () => {
  it("measures every known peer by default, or those named with --peer", () => {
    expect(parseOptions([]).peers).toBeUndefined();
    expect(parseOptions(["--peers"]).peers).toEqual(["portkey", "litellm"]);
    expect(parseOptions(["--peers", "--peer", "litellm"]).peers).toEqual(["litellm"]);
  });

  it("refuses an unknown peer, --peer without --peers, and --peers with --soak", () => {
    expect(() => parseOptions(["--peers", "--peer", "one-api"])).toThrow(/unknown one-api/);
    expect(() => parseOptions(["--peer", "portkey"])).toThrow(/only with --peers/);
    expect(() => parseOptions(["--peers", "--soak", "10"])).toThrow(/not with --soak/);
  });
});
