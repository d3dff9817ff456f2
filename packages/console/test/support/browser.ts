import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { chromiumPath } from "./chromium.js";

export const CONSOLE_DIR = fileURLToPath(new URL("../../dist", import.meta.url));
/** Where the pages' screenshots go (CI keeps them); CONSOLE_SCREENSHOTS_DIR=docs/console/screenshots refreshes the README's. */
export const SCREENSHOTS = process.env.CONSOLE_SCREENSHOTS_DIR ?? fileURLToPath(new URL("../../screenshots", import.meta.url));

export interface ConsoleBrowser {
  browser: Browser;
  page: Page;
  /** A full-page screenshot into SCREENSHOTS. */
  shot(name: string): Promise<unknown>;
  /** Follows the navigation link to a page and waits for its heading. */
  open(name: string): Promise<void>;
  signIn(adminToken: string): Promise<void>;
}

/** Headless Debian chromium (no browser download) on the console of `origin`, at laptop size. */
export async function openConsoleBrowser(origin: string, viewport = { width: 1280, height: 800 }): Promise<ConsoleBrowser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // --no-sandbox: CI runs as root, where chromium's sandbox cannot start.
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ["--no-sandbox"] });
  const context = await browser.newContext({ viewport, locale: "en-US", acceptDownloads: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return {
    browser,
    page,
    shot: (name) => page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true }),
    async open(name) {
      await page.click(`nav a[href="/console/${name}"]`);
      await page.waitForSelector("main h1");
    },
    async signIn(adminToken) {
      await page.goto(`${origin}/console/`);
      await page.fill('input[name="admin-token"]', adminToken);
      await page.click('button[type="submit"]');
      await page.waitForSelector('nav a[href="/console/overview"]');
    },
  };
}
