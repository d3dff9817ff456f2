import OpenAI from "openai";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_DIR, openConsoleBrowser, type ConsoleBrowser } from "./support/browser.js";
import { startConsolePlatform, type ConsolePlatform } from "./support/platform.js";

const MODEL = "keys-mock";
/** How far ahead the expiry is set: room for the save and one call on a loaded machine, and no more. */
const EXPIRY_LEAD_MS = 20_000;

/**
 * The keys page in a real browser against the real platform: a key's expiry set to the second from its
 * limits form, with the openai client served before it and refused after it.
 */
describe("the console's keys: expiry to the second", () => {
  let platform: ConsolePlatform;
  let browser: Browser;
  let page: Page;
  let shot: ConsoleBrowser["shot"];
  const keys: Array<{ id: string; name: string; secret: string }> = [];

  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${platform.gateway.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${platform.adminToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, any>;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };

  beforeAll(async () => {
    platform = await startConsolePlatform(CONSOLE_DIR);
    await admin("POST", "/admin/models", { id: MODEL, price_plan_id: "default", capability: { endpoints: ["chat.completions"] }, deployments: [{ id: "main", provider_type: "mock", upstream_model: "mock-1" }] });
    const organization = await admin("POST", "/admin/organizations", { name: "Keyboard org" });
    const project = await admin("POST", `/admin/organizations/${organization.id}/projects`, { name: "Keyboard project" });
    for (const name of ["expiring key", "second key"]) {
      const issued = await admin("POST", `/admin/projects/${project.id}/keys`, { name });
      keys.push({ id: issued.id as string, name, secret: issued.key as string });
    }
    let signIn: ConsoleBrowser["signIn"];
    ({ browser, page, shot, signIn } = await openConsoleBrowser(platform.gateway.url));
    await signIn(platform.adminToken);
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it("sets a key's expiry to the second in its limits form: the openai client is served before it, refused with 401 invalid_api_key after it, and the row shows the key expired", async () => {
    const [key] = keys;
    const client = new OpenAI({ apiKey: key!.secret, baseURL: `${platform.gateway.url}/v1`, maxRetries: 0 });
    const call = () => client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "before and after" }] }).then(() => "served", (error: unknown) => error);
    // Used once first, so the gateway holds the key (no expiry) in its cache when the expiry is set.
    expect(await call()).toBe("served");
    const row = `tr[data-key-id="${key!.id}"]`;
    const form = `tr[data-editing-key-id="${key!.id}"] form`;
    await page.goto(`${platform.gateway.url}/console/keys`);
    await page.selectOption('select[name="organization"]', { label: "Keyboard org" });
    await page.selectOption('select[name="project"]', { label: "Keyboard project" });
    await page.click(`${row} button:has-text("Edit limits")`);
    const expiresAtMs = Math.ceil((Date.now() + EXPIRY_LEAD_MS) / 1_000) * 1_000;
    // Typed as a person types it into the date field (en-US: month, day, year, hour, minute, second, AM/PM),
    // in the browser's own time zone: a field that only takes minutes has nowhere for the seconds to go.
    const local = await page.evaluate((at) => {
      const date = new Date(at);
      const pad = (value: number) => String(value).padStart(2, "0");
      const hours = date.getHours();
      return {
        value: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(hours)}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`,
        keys: [pad(date.getMonth() + 1), pad(date.getDate()), String(date.getFullYear()), pad(hours % 12 || 12), pad(date.getMinutes()), pad(date.getSeconds()), hours < 12 ? "A" : "P"],
      };
    }, expiresAtMs);
    await page.focus(`${form} input[name="expires-at"]`);
    for (const part of local.keys) {
      await page.keyboard.type(part);
      if (part.length === 4) await page.keyboard.press("ArrowRight"); // the year field does not move on by itself
    }
    expect(await page.inputValue(`${form} input[name="expires-at"]`)).toBe(local.value);
    await page.click(`${form} button[type="submit"]`);
    await page.waitForSelector(form, { state: "detached" });
    expect(Date.parse((await admin("GET", `/admin/keys/${key!.id}`)).expires_at as string)).toBe(expiresAtMs);
    await expect.poll(() => page.textContent(`${row} .limits`)).toContain("Expires:");
    expect(await page.textContent(`${row} .badge`)).toBe("active");

    expect(await call()).toBe("served");
    const servedBefore = expiresAtMs - Date.now();
    expect(servedBefore).toBeGreaterThan(0);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAtMs - Date.now()) + 50));
    const refusal = await call();
    const refusedAfter = Date.now() - expiresAtMs;
    expect(refusal).toBeInstanceOf(OpenAI.AuthenticationError);
    const error = refusal as InstanceType<typeof OpenAI.AuthenticationError>;
    expect(error.status).toBe(401);
    expect(error.error).toEqual({ message: "Incorrect API key provided.", type: "invalid_request_error", param: null, code: "invalid_api_key" });
    console.info(`expiry: served ${servedBefore} ms before it, refused ${refusedAfter} ms after it`);

    await page.click('button:has-text("Refresh")');
    await expect.poll(() => page.textContent(`${row} .badge`)).toBe("expired");
    expect(await page.textContent(`tr[data-key-id="${keys[1]!.id}"] .badge`)).toBe("active");
    await shot("19-keys-expired");
  });
});
