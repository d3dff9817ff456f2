import type { Page } from "playwright-core";
import type { ConsoleBrowser } from "../support/browser.js";

/** What the tests registered into console-pages.int.test.ts get of its platform and browser (once they are up). */
export interface PagesContext {
  page: Page;
  /** The gateway's origin. */
  url: string;
  open: ConsoleBrowser["open"];
  shot: ConsoleBrowser["shot"];
  admin(method: string, path: string, body?: unknown): Promise<Record<string, any>>;
  /** The organization whose bill was closed (its bills list is not empty). */
  billedOrgId: string;
  /** The model on the mock provider that the pages' tests call. */
  model: string;
}
