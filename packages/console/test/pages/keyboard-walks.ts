import { expect, it } from "vitest";
import { HEALTHY, healthy, keyboardWalk, label, type Stop } from "../support/keyboard-walk.js";
import type { PagesContext } from "./pages-context.js";

const NAV = ["Overview", "Models", "Organizations & keys", "Quotas", "Usage", "Prices & bills", "Alerts", "Playground", "Audit log"];

interface PageWalk {
  name: string;
  /** Controls the walk must pass (sort headers, pagers, page sizes), besides every control on the page. */
  passes: string[];
  /** A control to stop at on the way, what to type there, the key to press, and what then shows (the bills' search, a smaller page). */
  step?: { at: string; type?(context: PagesContext): string; press: string; shown: string };
  /** The button that asks before it acts: its question must keep the focus and Escape give it back. */
  confirm?: RegExp;
}

const WALKS: PageWalk[] = [
  { name: "overview", passes: [] },
  { name: "models", passes: ['button "Model name"', 'button "Provider"', 'combobox "Rows per page: Models"', 'combobox "Provider"'] },
  { name: "quotas", passes: ['combobox "Sort"', 'combobox "Rows per page"'], confirm: /^button "Delete: / },
  { name: "usage", passes: ['link "Download CSV"'] },
  {
    name: "billing",
    passes: ['button "ID"', 'button "Next page: Price plans"', 'combobox "Rows per page: Price plans"', 'button "Period"', 'combobox "Rows per page: Bills"'],
    step: { at: 'textbox "Organization id"', type: (context) => context.billedOrgId, press: "Enter", shown: "tr[data-bill]" },
    confirm: /^button "Close due cycles now"$/,
  },
  { name: "alerts", passes: ['button "ID"', 'combobox "Rows per page: Alert rules"'], confirm: /^button "Delete: / },
  { name: "playground", passes: ['combobox "Model"'] },
  { name: "audit", passes: ['button "When"', 'button "Action"', 'combobox "Rows per page"'] },
];

/**
 * Every page but the keys page (console-keys.int.test.ts) walked by the keyboard alone: Tab from the top
 * to the end passes every control in reading order, each named, with a visible focus ring and in view,
 * nothing skipped; Shift+Tab goes back the same way; and a confirmation keeps the focus until it is
 * answered, Escape giving it back to the button that asked.
 */
export function keyboardWalks(context: () => PagesContext) {
  for (const walkOf of WALKS) {
    it(`walks the ${walkOf.name} page by Tab and back by Shift+Tab: every control named, focus ring visible, nothing skipped`, async () => {
      const { page, url } = context();
      await page.goto(`${url}/console/${walkOf.name}`);
      await page.waitForSelector("main h1");
      await page.waitForFunction(() => !document.querySelector(".loading"));
      const walker = keyboardWalk(page);
      if (walkOf.step) {
        await walker.tabTo(walkOf.step.at, 200);
        if (walkOf.step.type) await page.keyboard.type(walkOf.step.type(context()));
        await page.keyboard.press(walkOf.step.press);
        await page.waitForSelector(walkOf.step.shown);
      }
      await walker.walk("Tab");
      const forward = walker.stops.filter((stop) => stop.role !== "document");
      const names = forward.map(label);
      expect(names.slice(0, 2 + NAV.length)).toEqual(['combobox "Language"', 'button "Sign out"', ...NAV.map((name) => `link "${name}"`)]);
      expect(names).toEqual(expect.arrayContaining(walkOf.passes));
      expect(forward.map(healthy)).toEqual(forward.map(HEALTHY));
      // Repeated buttons name what they act on: no two controls of a page share a name.
      expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
      expect(await walker.unreached()).toEqual([]);

      walker.stops.length = 0;
      await walker.walk("Shift+Tab");
      const backward: Stop[] = walker.stops.filter((stop) => stop.role !== "document");
      expect(backward.map(label)).toEqual([...names].reverse());
      expect(backward.map(healthy)).toEqual(backward.map(HEALTHY));

      if (walkOf.confirm) await confirmKeepsFocus(context, walker, names.find((name) => walkOf.confirm!.test(name))!);
    });
  }
}

/** Opens the confirmation of `opener` by Enter: focus on "yes", Tab and Shift+Tab go round it, Escape gives it back. */
async function confirmKeepsFocus(context: () => PagesContext, walker: ReturnType<typeof keyboardWalk>, opener: string) {
  const { page } = context();
  expect(opener, "a control that asks first").toBeDefined();
  walker.stops.length = 0;
  await walker.tabTo(opener, 400);
  await page.keyboard.press("Enter");
  const dialog = '[role="alertdialog"]';
  await page.waitForSelector(dialog);
  expect(await page.getAttribute(dialog, "aria-label")).toMatch(/\?/);
  const round: string[] = [];
  for (const key of ["Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab"]) {
    await page.keyboard.press(key);
    const stop = await walker.focused();
    expect(healthy(stop)).toEqual(HEALTHY(stop));
    round.push(label(stop));
  }
  expect(round).toEqual(['button "Cancel"', 'button "Yes, do it"', 'button "Cancel"', 'button "Yes, do it"', 'button "Cancel"']);
  expect(await page.evaluate(() => document.activeElement?.closest('[role="alertdialog"]') !== null)).toBe(true);
  await context().shot(`21-${new URL(page.url()).pathname.split("/").pop()}-confirm-keyboard`);
  await page.keyboard.press("Escape");
  await page.waitForSelector(dialog, { state: "detached" });
  expect(label(await walker.focused())).toBe(opener);
}
