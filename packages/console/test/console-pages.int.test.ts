import { readFileSync } from "node:fs";
import OpenAI from "openai";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "./support/admin-call.js";
import { CONSOLE_DIR, openConsoleBrowser, type ConsoleBrowser } from "./support/browser.js";
import { keyboardWalks } from "./pages/keyboard-walks.js";
import { laptopWidth } from "./pages/laptop-width.js";
import { listControls } from "./pages/list-controls.js";
import type { PagesContext } from "./pages/pages-context.js";
import { startConsolePlatform, type ConsolePlatform } from "./support/platform.js";

const MODEL = "pages-mock";
const CALLS = 3;
const POLL = { timeout: 90_000, intervals: [500, 1_000, 2_000] };
const DAY_MS = 86_400_000;

/**
 * The console's other pages in a real browser against the real platform (billing included): a bill
 * closed from the page with its line items and CSV, sorting by column, the audit log's search, an
 * alert rule's webhook settings; the page-size control and sorted drop-downs (pages/list-controls.ts);
 * every page walked by the keyboard alone (pages/keyboard-walks.ts). What the page shows is checked
 * against what the API holds.
 */
describe("the console's bills, sorting, audit search and alert webhooks in a browser", () => {
  let platform: ConsolePlatform;
  let browser: Browser;
  let page: Page;
  let shot: ConsoleBrowser["shot"];
  let open: ConsoleBrowser["open"];
  let orgId = "";
  let secret = "";
  let projectId = "";
  const organizations: string[] = [];

  const admin = (method: string, path: string, body?: unknown) => adminCall(platform, method, path, body);
  /** The texts of one column of a table, top to bottom. */
  const column = (table: string, index: number) => page.$$eval(`${table} tbody tr`, (rows, at) => rows.map((row) => row.children[at]?.textContent ?? ""), index);

  beforeAll(async () => {
    platform = await startConsolePlatform(CONSOLE_DIR);
    await admin("POST", "/admin/billing/plans", {
      id: "default",
      name: "Console demo",
      currency: "USD",
      effective_from: "2026-01-01T00:00:00Z",
      rules: [{ prices: { input_per_million: 2_500_000, output_per_million: 10_000_000 } }],
    });
    await admin("POST", "/admin/models", { id: MODEL, price_plan_id: "default", capability: { endpoints: ["chat.completions"] }, deployments: [{ id: "main", provider_type: "mock", upstream_model: "mock-1" }] });
    for (const name of ["Zeta org", "Alpha org"]) organizations.push((await admin("POST", "/admin/organizations", { name })).id as string);
    const started = await admin("POST", "/admin/quickstart", { organization: "Pages org", project: "Pages project", key: "pages key" });
    orgId = started.organization.id as string;
    secret = started.key as string;
    projectId = started.project.id as string;
    const client = new OpenAI({ apiKey: secret, baseURL: `${platform.gateway.url}/v1`, maxRetries: 0 });
    for (let call = 0; call < CALLS; call += 1) await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: `bill me ${call}` }] });
    let signIn: ConsoleBrowser["signIn"];
    ({ browser, page, shot, open, signIn } = await openConsoleBrowser(platform.gateway.url));
    await signIn(platform.adminToken);
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it("closes the due billing cycle from the page after a confirmation; the bill shows its line items and downloads its CSV", async () => {
    await expect.poll(async () => ((await admin("GET", `/admin/billing/spend?org_id=${orgId}`)).totals as unknown[]).length, POLL).toBeGreaterThan(0);
    await open("billing");
    await page.waitForSelector('tr[data-plan="default"]');
    expect(await page.textContent('tr[data-plan="default"]')).toContain("v1 2026-01-01");
    await page.fill('input[name="bill-org"]', orgId);
    await page.click('form button[type="submit"]:has-text("Search")');
    await page.waitForSelector(".empty");
    // The calls' cycle is closed once billing's clock is past its end (a month on).
    platform.advanceBillingClock(32 * DAY_MS);
    await page.click('button:has-text("Close due cycles now")');
    await page.click('button:has-text("Yes, do it")');
    await expect.poll(() => page.textContent(".success")).toBe("1 bill(s) closed.");
    const billId = (await page.getAttribute("tr[data-bill]", "data-bill"))!;
    await page.click(`tr[data-bill="${billId}"] button:has-text("Line items")`);
    await page.waitForSelector(`tr[data-item-model="${MODEL}"]`);
    const bill = await admin("GET", `/admin/billing/bills/${billId}`);
    const item = (bill.items as Array<{ model: string; requests: number; amount_micros: number }>).find((line) => line.model === MODEL)!;
    expect(item.requests).toBe(CALLS);
    const cells = await page.$$eval(`tr[data-item-model="${MODEL}"] td`, (tds) => tds.map((td) => td.textContent));
    expect(cells[4]).toBe(String(CALLS));
    expect(cells[5]).toBe(`0.${String(item.amount_micros).padStart(6, "0")} USD`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(`tr[data-bill="${billId}"] a:has-text("CSV")`)]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv).toContain(MODEL);
    await shot("13-billing");
  });

  it("sorts lists by their column headers, ascending then descending, from the keyboard too", async () => {
    await open("audit");
    await page.waitForSelector("table.audit tbody tr");
    const actions = await column("table.audit", 1);
    const header = 'table.audit th button:has-text("Action")';
    await page.focus(header);
    await page.keyboard.press("Enter");
    expect(await page.getAttribute('table.audit th:has(button:has-text("Action"))', "aria-sort")).toBe("ascending");
    expect(await column("table.audit", 1)).toEqual([...actions].sort((a, b) => a.localeCompare(b)));
    await page.keyboard.press("Enter");
    expect(await column("table.audit", 1)).toEqual([...actions].sort((a, b) => b.localeCompare(a)));

    await open("usage");
    await page.check('input[name="group-key"]');
    await page.uncheck('input[name="group-model"]');
    await page.click('form button[type="submit"]');
    await page.waitForSelector("table.groups tbody tr");
    await page.click('table.groups th button:has-text("Requests")');
    await page.click('table.groups th button:has-text("Requests")');
    expect(await page.getAttribute('table.groups th:has(button:has-text("Requests"))', "aria-sort")).toBe("descending");
    const requests = (await column("table.groups", 1)).map(Number);
    expect(requests).toEqual([...requests].sort((a, b) => b - a));
    expect(requests[0]).toBe(CALLS);
  });

  it("searches the audit log by action and by resource id", async () => {
    await open("audit");
    await page.fill('input[name="action"]', "organization.create");
    await page.click('form[aria-label="Search"] button[type="submit"]');
    await expect.poll(async () => [...new Set(await column("table.audit", 1))]).toEqual(["organization.create"]);
    expect((await column("table.audit", 1)).length).toBe(3);
    await shot("15-audit");
    await page.fill('input[name="resource-id"]', organizations[1]!);
    await page.click('form[aria-label="Search"] button[type="submit"]');
    await expect.poll(() => column("table.audit", 3)).toEqual([`organization ${organizations[1]}`]);
    await page.fill('input[name="action"]', "key.revoke");
    await page.click('form[aria-label="Search"] button[type="submit"]');
    await page.waitForSelector("main .empty");
  });

  it("changes an alert rule's webhook: the API's message for a bad URL, then a new URL and a write-only signing secret", async () => {
    await open("alerts");
    await page.fill('input[name="rule-name"]', "pages errors");
    await page.fill('input[name="rule-model"]', MODEL);
    await page.fill('input[name="rule-webhook"]', "https://hooks.example.com/first");
    await page.click('form[aria-label="Create rule"] button[type="submit"]');
    const row = 'tr[data-rule="pages errors"]';
    await page.waitForSelector(row);
    expect(await page.textContent(`${row} .webhook`)).toBe("https://hooks.example.com/first");
    await page.click(`${row} button:has-text("Webhook settings")`);
    await page.fill('input[name="edit-webhook-url"]', "ftp://hooks.example.com/second");
    await page.click('form[aria-label="Webhook settings"] button[type="submit"]');
    await expect.poll(() => page.textContent('form[aria-label="Webhook settings"] .error')).toContain("(field: webhook_url)");
    await page.fill('input[name="edit-webhook-url"]', "https://hooks.example.com/second");
    await page.fill('input[name="edit-webhook-secret"]', "whsec-console-0123456789");
    await page.click('form[aria-label="Webhook settings"] button[type="submit"]');
    await expect.poll(() => page.textContent(`${row} .webhook`)).toBe("https://hooks.example.com/second · signed");
    const rules = (await admin("GET", "/admin/alerts/rules")).data as Array<{ name: string; webhook_url: string; webhook_secret_set: boolean; model: string; threshold: number }>;
    expect(rules.find((rule) => rule.name === "pages errors")).toMatchObject({ webhook_url: "https://hooks.example.com/second", webhook_secret_set: true, model: MODEL, threshold: 5 });
    // Its firing history (GET …/incidents): a new rule has none, said in plain words, not an error.
    await page.click(`${row} button:has-text("History")`);
    await page.waitForSelector("tr.history .empty");
    expect(await page.$("tr.history .error")).toBeNull();
    await shot("14-alerts");
  });

  it("edits a model as a new version: the API's message for a bad deployment, then a second deployment that serves once the first is disabled", async () => {
    await open("models");
    const form = `form[aria-label="Edit ${MODEL}"]`;
    await page.click(`tr[data-model="${MODEL}"] button:has-text("Edit")`);
    await page.click(`${form} button:has-text("Add a deployment")`);
    const added = `${form} tr[data-draft="new-1"]`;
    await page.fill(`${added} input[name="draft-id"]`, "backup");
    await page.click(`${form} button[type="submit"]`);
    await expect.poll(() => page.textContent(`${form} .error`)).toContain("(field: deployments.1.upstream_model)");
    await page.fill(`${added} input[name="draft-upstream"]`, "mock-1");
    await page.uncheck(`${form} tr[data-draft="main"] input[name="draft-enabled"]`);
    await shot("04-models-edit");
    await page.click(`${form} button[type="submit"]`);
    await expect.poll(() => page.textContent(`tr[data-model="${MODEL}"] button:has-text("History")`)).toContain("v2");
    const stored = await admin("GET", `/admin/models/${MODEL}`);
    expect((stored.deployments as Array<{ id: string; enabled: boolean }>).map(({ id, enabled }) => ({ id, enabled }))).toEqual([
      { id: "main", enabled: false },
      { id: "backup", enabled: true },
    ]);
    expect(stored.price_plan_id).toBe("default");
    // The gateway routes by the new version: the disabled deployment no longer serves.
    const served = async () => {
      const response = await fetch(`${platform.gateway.url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({ model: MODEL, messages: [{ role: "user", content: "which deployment?" }] }),
      });
      await response.text();
      return response.headers.get("x-llmserve-deployment");
    };
    await expect.poll(served, POLL).toBe(`${MODEL}/backup`);
  });

  it("creates a project's quota policy for one model; its usage bar counts the next call on that model", async () => {
    await open("quotas");
    const form = 'form[aria-label="Create policy"]';
    await page.selectOption(`${form} select[name="scope"]`, "project");
    await page.fill(`${form} input[name="scope-id"]`, projectId);
    await page.fill(`${form} input[name="policy-model"]`, MODEL);
    await page.fill(`${form} input[name="limit"]`, "100000");
    await page.click(`${form} button[type="submit"]`);
    const card = `.policy:has(.policy-model:has-text("${MODEL}"))`;
    await page.waitForSelector(card);
    const policyId = await page.getAttribute(card, "data-policy-id");
    expect((await admin("GET", `/admin/quota/policies/${policyId}`)).model).toBe(MODEL);
    const client = new OpenAI({ apiKey: secret, baseURL: `${platform.gateway.url}/v1`, maxRetries: 0 });
    const answer = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "count me" }] });
    const bar = `.policy[data-policy-id="${policyId}"] [role="progressbar"]`;
    await expect
      .poll(async () => {
        await page.click('main > section > button:has-text("Refresh")');
        await page.waitForSelector(bar);
        return Number(await page.getAttribute(bar, "aria-valuenow"));
      }, POLL)
      .toBe(answer.usage!.total_tokens);
    await shot("08-quotas-model");
  });

  it("creates a price plan with its first version, then appends a dated version; the API names a bad price", async () => {
    await open("billing");
    const form = 'form[aria-label="Create price plan"]';
    await page.fill(`${form} input[name="plan-id"]`, "pages-plan");
    await page.fill(`${form} input[name="plan-name"]`, "Pages plan");
    await page.fill(`${form} input[name="plan-effective"]`, "2026-03-01T00:00");
    await page.fill(`${form} input[name="plan-input"]`, "two");
    await page.fill(`${form} input[name="plan-output"]`, "10");
    await page.click(`${form} button[type="submit"]`);
    await expect.poll(() => page.textContent(`${form} .error`)).toContain("(field: rules.0.prices.input_per_million)");
    await page.fill(`${form} input[name="plan-input"]`, "2.5");
    await page.click(`${form} button[type="submit"]`);
    const row = 'tr[data-plan="pages-plan"]';
    await page.waitForSelector(`${row} li[data-version="1"]`);
    expect(await page.textContent(`${row} li[data-version="1"]`)).toContain("2.500000 USD / 10.000000 USD");
    await page.click(`${row} button:has-text("Add a version")`);
    const version = 'form[aria-label="Add a version"]';
    await page.fill(`${version} input[name="plan-effective"]`, "2027-06-01T00:00");
    await page.fill(`${version} input[name="plan-input"]`, "3");
    await page.fill(`${version} input[name="plan-output"]`, "12.000001");
    await page.click(`${version} button[type="submit"]`);
    await page.waitForSelector(`${row} li[data-version="2"]`);
    const plan = await admin("GET", "/admin/billing/plans/pages-plan");
    expect(plan.versions.map((stored: { effective_from: string; rules: Array<{ prices: Record<string, number> }> }) => [stored.effective_from, stored.rules[0]!.prices.input_per_million, stored.rules[0]!.prices.output_per_million])).toEqual([
      [new Date("2026-03-01T00:00").toISOString(), 2_500_000, 10_000_000],
      [new Date("2027-06-01T00:00").toISOString(), 3_000_000, 12_000_001],
    ]);
    await shot("13-billing-plans");
  });

  it("sorts price plans by ID on the server: from the second page, the ID sort starts again at the top with the last page's plan first", async () => {
    // One plan more than a page (20) holds with the two already there: three on a second page.
    for (let index = 0; index < 21; index += 1) {
      const id = `sort-${String(index).padStart(2, "0")}`;
      await admin("POST", "/admin/billing/plans", { id, name: id, currency: "USD", effective_from: "2026-01-01T00:00:00Z", rules: [{ prices: { input_per_million: 1, output_per_million: 1 } }] });
    }
    const ids = ((await admin("GET", "/admin/billing/plans?limit=100")).data as Array<{ id: string }>).map((plan) => plan.id);
    const SHOWN = { timeout: 20_000 };
    const shown = () => page.$$eval("table.plans tr[data-plan]", (rows) => rows.map((row) => row.getAttribute("data-plan")));
    // The billing page is open from the test before: away and back, so that its list loads again.
    await open("overview");
    await open("billing");
    await expect.poll(shown, SHOWN).toEqual(ids.slice(0, 20));
    const idHeader = 'table.plans th:has(button:has-text("ID"))';
    expect(await page.getAttribute(idHeader, "aria-sort")).toBe("ascending");
    expect(await page.getAttribute('table.plans th button:has-text("ID")', "aria-description")).toBe("sorts every page (the server's order)");
    expect(await page.getAttribute('table.plans th button:has-text("Name")', "aria-description")).toBe("sorts only the page on screen");
    await page.click('table.plans + .pager button:has-text("Next page")');
    await expect.poll(shown, SHOWN).toEqual(ids.slice(20));
    await page.focus('table.plans th button:has-text("ID")');
    await page.keyboard.press("Enter");
    await expect.poll(shown, SHOWN).toEqual([...ids].reverse().slice(0, 20));
    expect((await shown())[0]).toBe(ids.at(-1));
    expect(await page.getAttribute(idHeader, "aria-sort")).toBe("descending");
    expect(await page.isDisabled('table.plans + .pager button:has-text("Previous page")')).toBe(true);
    await page.click('table.plans + .pager button:has-text("Next page")');
    await expect.poll(shown, SHOWN).toEqual([...ids].reverse().slice(20));
    expect((await shown()).at(-1)).toBe(ids[0]);
  });

  const context = (): PagesContext => ({ page, url: platform.gateway.url, open, shot, admin, billedOrgId: orgId, model: MODEL });
  listControls(context);
  keyboardWalks(context);
  laptopWidth(context);
});
