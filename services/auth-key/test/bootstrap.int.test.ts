import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase } from "@llm-serve/common";
import { INFRA, REPO_ROOT, captureLogs, serviceTestEnv, uniqueId } from "@llm-serve/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { startAuthKey, type RunningAuthKey } from "../src/app.js";
import { defaultBootstrapFile } from "../src/config.js";
import { authenticateAdmin } from "../src/domain/users/authenticate-admin.js";
import { createStores } from "../src/store/stores.js";

describe("first-run bootstrap admin", () => {
  const isolation = uniqueId("akb");
  const schema = `ak_${isolation}`;
  const file = join(mkdtempSync(join(tmpdir(), "llms-boot-")), "nested", "bootstrap-admin.json");
  const env = serviceTestEnv(isolation, { DATABASE_SCHEMA: schema, BOOTSTRAP_ADMIN_FILE: file });
  const db = createDatabase({ url: INFRA.databaseUrl, schema, poolMax: 2 });
  const running: RunningAuthKey[] = [];

  afterAll(async () => {
    await Promise.all(running.map((service) => service.stop()));
    await db.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
    await db.destroy();
  });

  it("is created once by instances starting together, written owner-only, never logged", async () => {
    const logs = captureLogs("auth-key", "info");
    running.push(...(await Promise.all([startAuthKey(env, logs.logger), startAuthKey(env, logs.logger)])));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const document = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
    expect(document.admin_token).toMatch(/^llms-admin-[A-Za-z0-9_-]{43}$/);
    expect(document.create_first_key).toBe(
      `curl -s -X POST http://127.0.0.1:8080/admin/quickstart -H 'Authorization: Bearer ${document.admin_token}' -H 'content-type: application/json' -d '{"organization":"My org","project":"My project","key":"My first key"}'`,
    );
    const users = await db("users").select("id", "role", "org_id");
    expect(users).toEqual([{ id: document.user_id, role: "platform_admin", org_id: null }]);
    expect(await db("admin_tokens").count<{ count: number }[]>({ count: "*" })).toEqual([{ count: 1 }]);
    expect(logs.lines.filter((line) => line.msg === "bootstrap admin created; its token was written to this owner-only file")).toHaveLength(1);
    expect(logs.text()).toContain(file);
    expect(logs.text()).not.toContain(document.admin_token);
    const audit = await db("audit_records").select("action", "actor_id").orderBy("sequence");
    expect(audit).toEqual([
      { action: "user.create", actor_id: "system" },
      { action: "token.issue", actor_id: "system" },
    ]);
  });

  it("is not created again, nor the file rewritten, on later starts", async () => {
    const before = readFileSync(file, "utf8");
    const modified = statSync(file).mtimeMs;
    await running.pop()!.stop();
    running.push(await startAuthKey(env, captureLogs("auth-key").logger));
    expect(readFileSync(file, "utf8")).toBe(before);
    expect(statSync(file).mtimeMs).toBe(modified);
    expect(await db("users").count<{ count: number }[]>({ count: "*" })).toEqual([{ count: 1 }]);
  });

  it("can be reissued by an operator when the file is lost (pnpm bootstrap-admin)", async () => {
    const before = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
    const output = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [join(REPO_ROOT, "services/auth-key/dist/reissue-bootstrap-admin.js")], { env: { PATH: process.env.PATH ?? "", ...env } }, (error, stdout, stderr) =>
        error ? reject(new Error(stderr || error.message)) : resolve(stdout),
      );
    });
    const after = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
    expect(output).toContain(after.user_id);
    expect(output).not.toContain(after.admin_token);
    expect(after.admin_token).not.toBe(before.admin_token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const deps = { stores: createStores(db), pepper: env.KEY_PEPPER!, now: () => new Date() };
    expect(await authenticateAdmin(deps, { token: after.admin_token! })).toMatchObject({ userId: after.user_id, role: "platform_admin" });
    expect(await authenticateAdmin(deps, { token: before.admin_token! })).toMatchObject({ userId: before.user_id });
  });

  it("goes to <repo>/.data, in a file of its own for any schema but the platform's", () => {
    expect(defaultBootstrapFile("auth_key")).toMatch(/\/\.data\/bootstrap-admin\.json$/);
    expect(defaultBootstrapFile("ak_test1")).toMatch(/\/\.data\/bootstrap-admin\.ak_test1\.json$/);
  });
});
