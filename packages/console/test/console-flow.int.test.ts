import OpenAI from "openai";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_DIR, openConsoleBrowser, type ConsoleBrowser } from "./support/browser.js";
import { startConsolePlatform, type ConsolePlatform } from "./support/platform.js";

const MODEL = "console-mock";
const POLL = { timeout: 90_000, intervals: [500, 1_000, 2_000] };

/**
 * The console in a real browser (headless Debian chromium driven by playwright-core) against the real
 * platform, the "done when": sign in, create a model on the mock provider, create a key, call
 * it through the official openai client, see the call in usage and in the key's quota bar; revoke the
 * key and see the next call refused. Every page is photographed on the way.
 */
describe("the admin console in a browser", () => {
  let platform: ConsolePlatform;
  let browser: Browser;
  let page: Page;
  let shot: ConsoleBrowser["shot"];
  let open: ConsoleBrowser["open"];
  let secret = "";
  let keyId = "";

  beforeAll(async () => {
    platform = await startConsolePlatform(CONSOLE_DIR);
    ({ browser, page, shot, open } = await openConsoleBrowser(platform.gateway.url));
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it("signs in with the admin token; the page then holds only an HttpOnly session cookie", async () => {
    await page.goto(`${platform.gateway.url}/console/`);
    await page.waitForSelector('input[name="admin-token"]');
    await shot("01-sign-in");
    await page.fill('input[name="admin-token"]', "not-a-token");
    await page.click('button[type="submit"]');
    await expect.poll(() => page.textContent(".error")).toContain("Invalid admin token");
    await page.fill('input[name="admin-token"]', platform.adminToken);
    await page.click('button[type="submit"]');
    await page.waitForSelector('nav a[href="/console/overview"]');
    expect(await page.evaluate(() => document.cookie)).toBe("");
    const cookies = await page.context().cookies();
    expect(cookies).toEqual([expect.objectContaining({ name: "llmserve_console_session", httpOnly: true, sameSite: "Strict", path: "/admin" })]);
    await shot("02-overview");
  });

  it("creates a model on the mock provider, showing the API's validation message first", async () => {
    await open("models");
    await page.fill('input[name="model-id"]', "");
    await page.click('form[aria-label="Create a model"] button[type="submit"]');
    await expect.poll(() => page.textContent('form[aria-label="Create a model"] .error')).toMatch(/The server said: .+\(field: id\)/);
    await shot("03-models-validation");
    await page.fill('input[name="model-id"]', MODEL);
    await page.selectOption('select[name="provider"]', "mock");
    await page.click('form[aria-label="Create a model"] button[type="submit"]');
    await page.waitForSelector(`tr[data-model="${MODEL}"]`);
    expect(await page.textContent(`tr[data-model="${MODEL}"] .badge`)).toBe("available");
    await page.click(`tr[data-model="${MODEL}"] button:has-text("History")`);
    await expect.poll(() => page.textContent(".history")).toContain("v1");
    // Models are listed by name (their id): that column shows the list's order, and turns it around on the server.
    const byName = 'table.models th:has(button:has-text("Model name"))';
    expect(await page.getAttribute(byName, "aria-sort")).toBe("ascending");
    await page.click('th button:has-text("Model name")');
    expect(await page.getAttribute(byName, "aria-sort")).toBe("descending");
    await shot("04-models");
  });

  it("shows the live status from the SSE stream on the overview, updated without a reload", async () => {
    await open("overview");
    await page.waitForSelector('.live-status[data-connection="live"]');
    expect(await page.textContent('[data-service="gateway"] .badge')).toBe("up");
    expect(await page.textContent(`tr[data-deployment="${MODEL}/main"] .circuit`)).toBe("closed");
    // A model added behind the page's back appears with the next pushed event.
    const added = await fetch(`${platform.gateway.url}/admin/models`, {
      method: "POST",
      headers: { authorization: `Bearer ${platform.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ id: "console-live", price_plan_id: "default", capability: { endpoints: ["chat.completions"] }, deployments: [{ id: "east", provider_type: "mock", upstream_model: "mock-1" }] }),
    });
    expect(added.status).toBe(201);
    await page.waitForSelector('tr[data-deployment="console-live/east"]');
    expect(await page.textContent('tr[data-deployment="console-live/east"] .circuit')).toBe("closed");
    await shot("02-overview-live");
  });

  it("creates an organization, a project and a key with a token budget; the key is shown once with a copy button", async () => {
    await open("keys");
    await page.fill('input[name="organization-name"]', "Console org");
    await page.click('input[name="organization-name"] >> xpath=ancestor::form//button');
    await page.waitForSelector('input[name="project-name"]');
    await page.fill('input[name="project-name"]', "Console project");
    await page.click('input[name="project-name"] >> xpath=ancestor::form//button');
    await page.waitForSelector('input[name="key-name"]');
    await page.fill('input[name="key-name"]', "console key");
    await page.fill('input[name="key-budget"]', "100000");
    await page.click('input[name="key-name"] >> xpath=ancestor::form//button[@type="submit"]');
    await page.waitForSelector('[data-testid="issued-key"]');
    secret = (await page.textContent('[data-testid="issued-key"]')) ?? "";
    expect(secret).toMatch(/^\S{20,}$/);
    await page.click('.issued button:has-text("Copy")');
    await page.waitForSelector('.issued button:has-text("Copied")');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    keyId = (await page.getAttribute("tr[data-key-id]", "data-key-id")) ?? "";
    expect(keyId).not.toBe("");
    await shot("05-keys-issued");
  });

  it("sees a chat made with that key through the openai client in usage and in the key's quota bar", async () => {
    const client = new OpenAI({ apiKey: secret, baseURL: `${platform.gateway.url}/v1`, maxRetries: 0 });
    const answer = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hello from the console test" }] });
    expect(answer.choices[0]?.message.content).toBeTruthy();
    const tokens = answer.usage!.total_tokens;

    await page.click('button:has-text("Refresh")');
    await expect
      .poll(async () => {
        await page.click('button:has-text("Refresh")');
        await page.waitForSelector(`tr[data-key-id="${keyId}"] [role="progressbar"]`);
        return Number(await page.getAttribute(`tr[data-key-id="${keyId}"] [role="progressbar"]`, "aria-valuenow"));
      }, POLL)
      .toBe(tokens);
    await shot("06-keys-quota-bar");

    await open("usage");
    await page.fill('input[name="key"]', keyId);
    await expect
      .poll(async () => {
        await page.click('form button[type="submit"]');
        await page.waitForSelector('[data-testid="total-requests"]');
        await page.waitForFunction(() => !document.querySelector('form button[type="submit"]')?.hasAttribute("disabled"));
        return Number(await page.textContent('[data-testid="total-requests"]'));
      }, POLL)
      .toBe(1);
    expect(Number(await page.textContent('[data-testid="total-tokens"]'))).toBe(tokens);
    expect(await page.textContent('[data-testid="latency-percentiles"]')).toMatch(/^\d+ \/ \d+ \/ \d+ \/ \d+ ms$/);
    expect(await page.textContent("table.groups")).toContain(MODEL);
    expect(await page.getAttribute('a:has-text("Download CSV")', "href")).toContain("format=csv");
    await shot("07-usage");

    await open("quotas");
    await page.waitForSelector('.policy [role="progressbar"]');
    await shot("08-quotas");
  });

  it("streams a chat in the playground with the deployment that served it", async () => {
    await open("playground");
    expect(await page.inputValue('input[name="api-key"]')).toBe(secret);
    await page.selectOption('select[name="model"]', MODEL);
    await page.fill('textarea[name="prompt"]', "stream please");
    await page.click('form button[type="submit"]');
    await expect.poll(() => page.textContent('[data-testid="answer"]')).toBeTruthy();
    await expect.poll(() => page.textContent(".answer")).toContain(`Deployment: ${MODEL}/main`);
    // The stream's last chunk carries the usage: the answer is complete.
    await expect.poll(() => page.textContent(".answer")).toMatch(/Tokens: \d+ in, \d+ out/);
    await shot("09-playground");
  });

  it("edits the key's IP allow-list and model scope: the API's message for a bad entry, then calls refused and served again", async () => {
    const client = new OpenAI({ apiKey: secret, baseURL: `${platform.gateway.url}/v1`, maxRetries: 0 });
    const call = () => client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "limits" }] }).then(() => "served", (error: unknown) => error);
    const row = `tr[data-key-id="${keyId}"]`;
    const form = `tr[data-editing-key-id="${keyId}"] form`;
    const save = async (fields: { ips?: string; models?: string }) => {
      if (fields.ips !== undefined) await page.fill(`${form} textarea[name="ip-allow-list"]`, fields.ips);
      if (fields.models !== undefined) await page.fill(`${form} input[name="allowed-models"]`, fields.models);
      await page.click(`${form} button[type="submit"]`);
    };
    await open("keys");
    await page.selectOption('select[name="organization"]', { label: "Console org" });
    await page.selectOption('select[name="project"]', { label: "Console project" });
    await page.click(`${row} button:has-text("Edit limits")`);
    await save({ ips: "10.0.0.0/99" });
    await expect.poll(() => page.textContent(`${form} .error`)).toMatch(/not a valid IP address or CIDR block.*\(field: ip_allow_list\)/);
    await save({ ips: "203.0.113.7\n198.51.100.0/24" });
    await expect.poll(() => page.textContent(`${row} .limits`)).toContain("IP: 203.0.113.7/32, 198.51.100.0/24"); // the API stores blocks
    await shot("17-keys-edit-limits");
    const outside = await call();
    expect(outside).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect((outside as InstanceType<typeof OpenAI.PermissionDeniedError>).code).toBe("ip_not_allowed");

    await page.click(`${row} button:has-text("Edit limits")`);
    expect(await page.inputValue(`${form} textarea[name="ip-allow-list"]`)).toBe("203.0.113.7/32\n198.51.100.0/24");
    await save({ ips: "127.0.0.1, ::1, ::ffff:127.0.0.1", models: "some-other-model" });
    await expect.poll(() => page.textContent(`${row} .limits`)).toContain("Allowed models: some-other-model");
    // A model outside the key's scope is one the key cannot see: OpenAI's 404.
    expect(await call()).toBeInstanceOf(OpenAI.NotFoundError);

    await page.click(`${row} button:has-text("Edit limits")`);
    await save({ ips: "", models: "" });
    await expect.poll(() => page.textContent(`${row} .limits`)).toContain("any model, endpoint and address");
    expect(await call()).toBe("served");
  });

  it("revokes the key after a confirmation, and the next call with it is refused", async () => {
    await open("keys");
    await page.selectOption('select[name="organization"]', { label: "Console org" });
    await page.selectOption('select[name="project"]', { label: "Console project" });
    await page.click(`tr[data-key-id="${keyId}"] button:has-text("Revoke")`);
    await shot("10-keys-revoke-confirm");
    await page.click(`tr[data-key-id="${keyId}"] button:has-text("Yes, do it")`);
    await expect.poll(() => page.textContent(`tr[data-key-id="${keyId}"] .badge`)).toBe("revoked");
    const client = new OpenAI({ apiKey: secret, baseURL: `${platform.gateway.url}/v1`, maxRetries: 0 });
    const refusal = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "after revocation" }] }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(OpenAI.AuthenticationError);
    await shot("11-keys-revoked");
  });

  it("shows the other pages, and switches to Chinese", async () => {
    // Billing, alerts and the audit log are photographed with data by console-pages.int.test.ts.
    for (const name of ["overview", "billing", "alerts", "audit"] as const) {
      await open(name);
      await page.waitForFunction(() => !document.querySelector(".loading"));
      if (name === "overview") await shot("12-overview");
    }
    expect(await page.textContent("table")).toContain("key.revoke");
    await page.selectOption('select[name="language"]', "zh-CN");
    await open("keys");
    expect(await page.textContent("main h1")).toBe("组织与密钥");
    await shot("16-keys-zh-CN");
  });
});
