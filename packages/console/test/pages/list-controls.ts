import { expect, it } from "vitest";
import type { PagesContext } from "./pages-context.js";

const CITIES = ["上海组织", "北京组织", "广州组织"];
const byLabel = (language: string) => (a: string, b: string) => a.localeCompare(b, language);

/**
 * The page-size control (passed to the API as `limit`, back to the first page on a change) and the
 * drop-downs filled from data, sorted by label in the UI's language.
 */
export function listControls(context: () => PagesContext) {
  it("changes a table's page size: the API is asked for that limit from the first page, and the table shows that many rows", async () => {
    const { page, open, admin } = context();
    const total = ((await admin("GET", "/admin/billing/plans?limit=100")).data as unknown[]).length;
    expect(total).toBeGreaterThan(20);
    const shown = () => page.$$eval("table.plans tr[data-plan]", (rows) => rows.length);
    await open("overview");
    await open("billing");
    await expect.poll(shown).toBe(20);
    const size = 'select[aria-label="Rows per page: Price plans"]';
    expect(await page.inputValue(size)).toBe("20");
    expect(await page.$$eval(`${size} option`, (options) => options.map((option) => option.textContent))).toEqual(["10", "20", "50", "100"]);
    await page.click('button[aria-label="Next page: Price plans"]');
    await expect.poll(shown).toBe(total - 20);
    const asked = (limit: number) => page.waitForRequest((request) => request.url().includes("/admin/billing/plans?") && new URL(request.url()).searchParams.get("limit") === String(limit));
    const [fifty] = await Promise.all([asked(50), page.selectOption(size, "50")]);
    expect(new URL(fifty.url()).searchParams.has("after")).toBe(false);
    await expect.poll(shown).toBe(Math.min(50, total));
    expect(await page.$('button[aria-label="Previous page: Price plans"]')).toBeNull();
    // From the keyboard: the size down to 10 with an arrow key, the first page of ten.
    await page.focus(size);
    const [ten] = await Promise.all([asked(10), page.keyboard.press("Home")]);
    expect(new URL(ten.url()).searchParams.has("after")).toBe(false);
    await expect.poll(shown).toBe(10);
    expect(await page.inputValue(size)).toBe("10");
    expect(await page.isDisabled('button[aria-label="Previous page: Price plans"]')).toBe(true);
    const ids = ((await admin("GET", "/admin/billing/plans?limit=10")).data as Array<{ id: string }>).map((plan) => plan.id);
    expect(await page.$$eval("table.plans tr[data-plan]", (rows) => rows.map((row) => row.getAttribute("data-plan")))).toEqual(ids);
    await context().shot("13-billing-page-size");
  });

  it("lists organizations, projects, models and providers in its drop-downs by label in the UI's language (zh-CN: by pinyin)", async () => {
    const { page, open, admin } = context();
    for (const name of CITIES) await admin("POST", "/admin/organizations", { name });
    await admin("POST", "/admin/models", { id: "Zeta-mock", price_plan_id: "default", capability: { endpoints: ["chat.completions"] }, deployments: [{ id: "main", provider_type: "mock", upstream_model: "mock-1" }] });
    const options = (select: string) => page.$$eval(`${select} option`, (found) => found.map((option) => option.textContent ?? "").filter((text) => text !== "—"));
    const stored = ((await admin("GET", "/admin/organizations?limit=100")).data as Array<{ name: string }>).map((organization) => organization.name);

    await open("keys");
    await expect.poll(() => options('select[name="organization"]')).toHaveLength(stored.length);
    const english = await options('select[name="organization"]');
    expect(english).toEqual([...stored].sort(byLabel("en")));
    expect(english).not.toEqual(stored);
    expect(english.filter((name) => name.endsWith(" org"))).toEqual(["Alpha org", "Pages org", "Zeta org"]);
    try {
      await page.selectOption('select[name="language"]', "zh-CN");
      await expect.poll(() => options('select[name="organization"]')).toEqual([...stored].sort(byLabel("zh-CN")));
      // By pinyin: Běijīng, Guǎngzhōu, Shànghǎi (by code point 上 would come first).
      expect((await options('select[name="organization"]')).filter((name) => CITIES.includes(name))).toEqual(["北京组织", "广州组织", "上海组织"]);
      await context().shot("09-keys-organizations-zh");
    } finally {
      await page.selectOption('select[name="language"]', "en");
    }

    const models = ((await admin("GET", "/admin/models?limit=100")).data as Array<{ id: string }>).map((model) => model.id);
    await open("playground");
    await expect.poll(() => options('select[name="model"]')).toHaveLength(models.length);
    expect(await options('select[name="model"]')).toEqual([...models].sort(byLabel("en")));
    expect(await options('select[name="model"]')).not.toEqual(models);
    await open("models");
    const providers = await options('form[aria-label="Create a model"] select[name="provider"]');
    expect(providers).toEqual([...providers].sort(byLabel("en")));
    expect(providers[0]).toBe("anthropic");
  });
}
