import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createMemoryLogger } from "../logging/memory-logger.js";
import { LiveConfig, parseConfigDocument } from "./live-config.js";
import { ConfigError, loadConfig } from "./load-config.js";

const schema = z.object({
  PORT: z.coerce.number().int().min(1),
  LIMIT: z.coerce.number().int().min(1_024),
  MODE: z.enum(["a", "b"]).default("a"),
});

describe("loadConfig", () => {
  it("returns a frozen, typed object", () => {
    const config = loadConfig(schema, { PORT: "80", LIMIT: "2048" });
    expect(config).toEqual({ PORT: 80, LIMIT: 2048, MODE: "a" });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("names every bad key at once", () => {
    try {
      loadConfig(schema, { PORT: "x", MODE: "c" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join("\n");
      expect(problems).toContain("PORT");
      expect(problems).toContain("LIMIT");
      expect(problems).toContain("MODE");
    }
  });
});

describe("LiveConfig", () => {
  const env = { PORT: "80", LIMIT: "2048" };
  const make = () => {
    const logs = createMemoryLogger("unit", "debug");
    const live = new LiveConfig(schema, env, new Set(["LIMIT", "MODE"]), logs.logger, loadConfig(schema, env));
    return { live, logs };
  };

  it("applies a valid override through the same schema and tells listeners", () => {
    const { live } = make();
    const seen: string[][] = [];
    live.onChange((_config, keys) => seen.push(keys));
    expect(live.apply({ LIMIT: "4096" }, "test")).toEqual({ applied: true, changedKeys: ["LIMIT"] });
    expect(live.current.LIMIT).toBe(4096);
    expect(seen).toEqual([["LIMIT"]]);
  });

  it("refuses an invalid value with a log line and keeps the old one", () => {
    const { live, logs } = make();
    const result = live.apply({ LIMIT: "12" }, "test");
    expect(result.applied).toBe(false);
    expect(live.current.LIMIT).toBe(2048);
    expect(logs.lines.at(-1)).toMatchObject({ level: "warn", msg: "runtime configuration refused; keeping the previous values" });
  });

  it("refuses keys that cannot change at run time", () => {
    const { live } = make();
    expect(live.apply({ PORT: "81" }, "test")).toEqual({ applied: false, problems: ["PORT: cannot change at run time"] });
    expect(live.current.PORT).toBe(80);
  });

  it("treats a document as the whole set: removing a key restores the environment's value", () => {
    const { live } = make();
    live.apply({ LIMIT: "4096", MODE: "b" }, "test");
    expect(live.apply({ MODE: "b" }, "test")).toEqual({ applied: true, changedKeys: ["LIMIT"] });
    expect(live.current.LIMIT).toBe(2048);
  });
});

describe("parseConfigDocument", () => {
  it("reads KEY=value lines and JSON objects", () => {
    expect(parseConfigDocument("# comment\nA=1\n B = two \n")).toEqual({ A: "1", B: "two" });
    expect(parseConfigDocument('{"A": 1, "B": "two"}')).toEqual({ A: "1", B: "two" });
    expect(parseConfigDocument("   ")).toEqual({});
  });

  it("returns an error for anything else", () => {
    expect(parseConfigDocument("not a pair")).toBeInstanceOf(Error);
    expect(parseConfigDocument("[1,2]")).toBeInstanceOf(Error);
    expect(parseConfigDocument("{broken")).toBeInstanceOf(Error);
  });
});
