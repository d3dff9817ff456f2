import OpenAI from "openai";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "./support/admin-call.js";
import { CONSOLE_DIR, openConsoleBrowser, type ConsoleBrowser } from "./support/browser.js";
import { keyboardWalk, label, type Stop } from "./support/keyboard-walk.js";
import { startConsolePlatform, type ConsolePlatform } from "./support/platform.js";

const MODEL = "keys-mock";
/** How far ahead the expiry is set: the save and one call took under 1 s at a load of 6-10; ten times that. */
const EXPIRY_LEAD_MS = 10_000;
const NAV = ["Overview", "Models", "Organizations & keys", "Quotas", "Usage", "Prices & bills", "Alerts", "Playground", "Audit log"];

/**
 * The keys page in a real browser against the real platform: a key's expiry set to the second from its
 * limits form, with the openai client served before it and refused after it; and the whole page walked
 * by the keyboard alone (Tab to move, arrows to pick, Enter and Escape to act).
 */
describe("the console's keys: expiry to the second, and the page by keyboard alone", () => {
  let platform: ConsolePlatform;
  let browser: Browser;
  let page: Page;
  let shot: ConsoleBrowser["shot"];
  const keys: Array<{ id: string; name: string; secret: string }> = [];

  const admin = (method: string, path: string, body?: unknown) => adminCall(platform, method, path, body);

  let walker: ReturnType<typeof keyboardWalk>;
  const focused = () => walker.focused();
  const tabTo = (until: string, limit?: number) => walker.tabTo(until, limit);
  let stops: Stop[];

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
    walker = keyboardWalk(page);
    stops = walker.stops;
    await signIn(platform.adminToken);
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it("walks the keys page by Tab from the top: every control in reading order, named, with a focus ring; a key created and a revocation cancelled by keyboard", async () => {
    await page.goto(`${platform.gateway.url}/console/keys`);
    await page.waitForSelector("main h1");
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);

    await tabTo('combobox "Organization"');
    await page.keyboard.press("ArrowDown"); // the one organization
    await tabTo('combobox "Project"');
    await page.keyboard.press("ArrowDown");
    await page.waitForSelector("tr[data-key-id]");
    await tabTo('textbox "New key name"');
    await page.keyboard.type("keyboard key");
    await tabTo('spinbutton "Monthly token budget (optional)"', 1);
    await page.keyboard.type("5000");
    await tabTo('button "Create key"');
    await page.keyboard.press("Enter");
    await page.waitForSelector('[data-testid="issued-key"]');
    // The secret is shown once: focus goes to its copy button, not back to the top of the page.
    await expect.poll(async () => label(await focused())).toBe('button "Copy"');
    stops.push(await focused());
    await page.waitForSelector("tr[data-key-id] >> nth=2");

    // Every row's actions, in the rows' order, each naming its key.
    const rows = await page.$$eval("tr[data-key-id]", (found) => found.map((row) => row.getAttribute("data-key-id")!));
    const nameOf = (id: string) => keys.find((key) => key.id === id)?.name ?? "keyboard key";
    const second = keys[1]!;
    for (const id of rows) {
      for (const action of ["Edit limits", "Rotate", "Revoke"]) {
        await tabTo(`button "${action}: ${nameOf(id)}"`);
        if (id !== second.id || action !== "Revoke") continue;
        // The destructive action asks first; Escape, or Cancel by Tab and Enter, take it back, and focus returns.
        const group = `tr[data-key-id="${id}"] [role="alertdialog"]`;
        await page.keyboard.press("Enter");
        await page.waitForSelector(group);
        expect(await page.getAttribute(group, "aria-label")).toBe("Revoke second key? Calls with it will be refused at once.");
        expect((await focused()).name).toBe("Yes, do it");
        await shot("20-keys-revoke-confirm-keyboard");
        await page.keyboard.press("Escape");
        await page.waitForSelector(group, { state: "detached" });
        expect((await focused()).name).toBe(`Revoke: ${second.name}`);
        await page.keyboard.press("Enter");
        await page.waitForSelector(group);
        await page.keyboard.press("Tab");
        expect((await focused()).name).toBe("Cancel");
        // The question keeps the focus until it is answered: Tab and Shift+Tab go round its two buttons.
        await page.keyboard.press("Tab");
        expect((await focused()).name).toBe("Yes, do it");
        await page.keyboard.press("Shift+Tab");
        expect((await focused()).name).toBe("Cancel");
        await page.keyboard.press("Enter");
        await page.waitForSelector(group, { state: "detached" });
        expect((await focused()).name).toBe(`Revoke: ${second.name}`);
      }
    }
    // Past the last control the focus leaves the page.
    await tabTo('document ""');
    expect((await admin("GET", `/admin/keys/${second.id}`)).status).toBe("active");

    const walk = stops.filter((stop) => stop.role !== "document").map(label);
    const rowActions = rows.flatMap((id) => ["Edit limits", "Rotate", "Revoke"].map((action) => `button "${action}: ${nameOf(id)}"`));
    expect(walk).toEqual([
      'combobox "Language"',
      'button "Sign out"',
      ...NAV.map((name) => `link "${name}"`),
      'combobox "Organization"',
      'textbox "New organization name"',
      'button "Create organization"',
      'combobox "Project"',
      'textbox "New project name"',
      'button "Create project"',
      'button "Refresh"',
      'textbox "New key name"',
      'spinbutton "Monthly token budget (optional)"',
      'button "Create key"',
      'button "Copy"',
      'button "I have copied it"',
      'button "Name"',
      'button "Status"',
      'button "Created"',
      ...rowActions,
      'combobox "Rows per page"',
    ]);
    expect(new Set(walk).size).toBe(walk.length);
    for (const stop of stops.filter((each) => each.role !== "document")) {
      expect({ control: label(stop), focusVisible: stop.focusVisible, inViewport: stop.inViewport, ring: stop.outline !== "none" }).toEqual({
        control: label(stop),
        focusVisible: true,
        inViewport: true,
        ring: true,
      });
    }
    // Nothing the mouse can use was skipped.
    expect(await walker.unreached()).toEqual([]);
  });

  it("opens a key's limits form by keyboard, reaches its fields in order, and cancels it back to the row's button", async () => {
    const second = keys[1]!;
    const edit = `button "Edit limits: ${second.name}"`;
    stops.length = 0;
    // From where the walk left the page, Tab comes back in at the top.
    await tabTo(edit);
    expect(stops[0]).toMatchObject({ role: "combobox", name: "Language" });
    await page.keyboard.press("Enter");
    await page.waitForSelector(`tr[data-editing-key-id="${second.id}"] form`);
    expect(await page.getAttribute(`tr[data-key-id="${second.id}"] button[aria-expanded]`, "aria-expanded")).toBe("true");
    stops.length = 0;
    await tabTo('button "Cancel"');
    expect(stops.map(label)).toEqual([
      `button "Rotate: ${second.name}"`,
      `button "Revoke: ${second.name}"`,
      'textbox "Allowed models"',
      'textbox "Allowed endpoints"',
      expect.stringMatching(/ "Expires"$/),
      'textbox "IP allow-list (addresses or CIDR blocks)"',
      'button "Save"',
      'button "Cancel"',
    ]);
    expect(stops.every((stop) => stop.focusVisible && stop.inViewport && stop.outline !== "none")).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForSelector(`tr[data-editing-key-id="${second.id}"]`, { state: "detached" });
    expect(label(await focused())).toBe(edit);
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
