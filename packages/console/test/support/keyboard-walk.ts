import type { Page } from "playwright-core";

/** One stop of a walk by Tab: the focused control as the accessibility tree reads it, and its focus ring. */
export interface Stop {
  role: string;
  name: string;
  focusVisible: boolean;
  outline: string;
  inViewport: boolean;
}

export const label = (stop: Stop) => `${stop.role} "${stop.name}"`;

/**
 * What every stop must be: named, scrolled into view, with a visible focus ring (the computed outline
 * of the focused control: it is there only while the page shows focus, `:focus-visible`).
 */
export const healthy = (stop: Stop) => ({ control: label(stop), named: stop.name.trim() !== "", inViewport: stop.inViewport, ring: stop.outline !== "none" });
export const HEALTHY = (stop: Stop) => ({ control: label(stop), named: true, inViewport: true, ring: true });

/**
 * Walks a page by the keyboard alone and records every stop: `tabTo` presses Tab (or Shift+Tab) until a
 * given control has the focus, `walk` until the focus leaves the page. Reached controls are marked, so
 * that `unreached` lists what the mouse could use and the keyboard never got to.
 */
export function keyboardWalk(page: Page) {
  const stops: Stop[] = [];

  /** The focused control (marked as reached), read through playwright's aria snapshot. */
  const focused = async (): Promise<Stop> => {
    const box = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return undefined;
      element.dataset.reachedByTab = "yes";
      // Marked for the locator below (a date input's focus sits in its own fields, which `:focus` does not see).
      for (const marked of document.querySelectorAll("[data-focused-now]")) delete (marked as HTMLElement).dataset.focusedNow;
      element.dataset.focusedNow = "";
      const style = getComputedStyle(element);
      const rect = element.getBoundingClientRect();
      return {
        focusVisible: element.matches(":focus-visible"),
        outline: style.outlineStyle === "none" ? "none" : `${style.outlineWidth} ${style.outlineStyle}`,
        // A pixel's leeway: a focused control scrolled just into view can end a fraction past the edge.
        inViewport: rect.width > 0 && rect.height > 0 && rect.top >= -1 && rect.bottom <= window.innerHeight + 1,
      };
    });
    if (!box) return { role: "document", name: "", focusVisible: false, outline: "none", inViewport: false };
    // `- button "Name"`, or the whole line in YAML single quotes when the name holds ": ".
    const [first = ""] = (await page.locator("[data-focused-now]").ariaSnapshot()).split("\n");
    const line = first.startsWith("- '") ? `- ${first.slice(3).replace(/'(:)?$/, "").replace(/''/g, "'")}` : first;
    const [, role = "", name = ""] = /^- (\w+)(?: "((?:[^"\\]|\\.)*)")?/.exec(line) ?? [];
    return { role, name: name.replace(/\\"/g, '"'), ...box };
  };

  /**
   * One press. A date input moves through its own parts (month, day, year, …) on one element: one stop,
   * ringed if its parts are. (Shift+Tab into one first lands on Chromium's own calendar button inside
   * it, where the input itself matches no :focus and shows no ring of ours; the parts that follow do.)
   */
  const press = async (key: "Tab" | "Shift+Tab") => {
    await page.keyboard.press(key);
    const stop = await focused();
    const last = stops.at(-1);
    if (!last || label(last) !== label(stop) || stop.role === "document") stops.push(stop);
    else if (last.outline === "none" && stop.outline !== "none") stops[stops.length - 1] = stop;
    return stop;
  };

  /** Presses Tab (or Shift+Tab) until the focused control is `until` (role and name). */
  const tabTo = async (until: string, limit = 60, key: "Tab" | "Shift+Tab" = "Tab") => {
    for (let presses = 0; presses < limit; presses += 1) {
      const stop = await press(key);
      if (label(stop) === until) return;
      // Out of the page: once from where an earlier walk left it, on the way back in; twice is never.
      if (stop.role === "document" && presses > 0) break;
    }
    throw new Error(`${key} never reached ${until}; the walk: ${stops.map(label).join(", ")}`);
  };

  /**
   * From where the focus is, presses `key` until the focus leaves the page (or, where the browser wraps
   * round instead, comes back to the walk's first control); the controls passed, in order.
   */
  const walk = async (key: "Tab" | "Shift+Tab", limit = 400): Promise<Stop[]> => {
    const from = stops.length;
    for (let presses = 0; presses < limit; presses += 1) {
      const stop = await press(key);
      if (stop.role === "document") return stops.slice(from, -1);
      const first = stops[from];
      if (stops.length > from + 1 && first && label(first) === label(stop)) {
        stops.pop();
        return stops.slice(from);
      }
    }
    throw new Error(`${key} never left the page in ${limit} presses; the walk: ${stops.slice(from).map(label).join(", ")}`);
  };

  /** Visible, enabled controls the walk never reached. */
  const unreached = () =>
    page.$$eval('a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])', (controls) =>
      controls.filter((control) => (control as HTMLElement).offsetParent !== null && !(control as HTMLElement).dataset.reachedByTab).map((control) => control.outerHTML.slice(0, 120)),
    );

  /** Forgets the marks of an earlier walk (a new page's controls start unreached). */
  const reset = async () => {
    stops.length = 0;
    await page.evaluate(() => {
      for (const marked of document.querySelectorAll("[data-reached-by-tab]")) delete (marked as HTMLElement).dataset.reachedByTab;
    });
  };

  return { stops, focused, tabTo, walk, unreached, reset };
}
