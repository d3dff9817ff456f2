import { expect, it } from "vitest";
import type { PagesContext } from "./pages-context.js";

/** Every page at a 1024-pixel laptop's width without sideways scrolling, and the navigation by Tab and Enter. */
export function laptopWidth(context: () => PagesContext) {
  it("fits a 1024-pixel laptop screen on every page (nothing scrolls sideways) and is driven from the keyboard", async () => {
    const { page, open, shot, model: MODEL } = context();
    await page.setViewportSize({ width: 1024, height: 768 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    for (const name of ["overview", "models", "keys", "quotas", "usage", "billing", "alerts", "playground", "audit"]) {
      await open(name);
      await page.waitForFunction(() => !document.querySelector(".loading"));
      expect(await overflow(), name).toBe(0);
    }
    await open("models");
    await page.click(`tr[data-model="${MODEL}"] button:has-text("Edit")`);
    await page.waitForSelector(`form[aria-label="Edit ${MODEL}"]`);
    expect(await overflow(), "the model editor").toBe(0);
    await shot("18-models-edit-1024");
    // From the keyboard: the navigation's links take focus in order and Enter follows them.
    await page.focus('nav a[href="/console/overview"]');
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe("/console/models");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForSelector('main h1:has-text("Organizations & keys")');
    expect(await page.getAttribute('nav a[href="/console/keys"]', "aria-current")).toBe("page");
  });
}
