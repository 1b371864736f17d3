// For the suites only Chromium can run, because they need what only
// Playwright offers (request interception): launches Debian's Chromium
// through playwright-core (never a downloaded browser) with the flags this
// machine's closed network needs. Every other suite speaks WebDriver through
// ../fixtures/browser.mjs, in every engine.
import { chromium } from "playwright-core";
import { after, before } from "node:test";

import { CHROMIUM_FLAGS } from "../fixtures/browser.mjs";

export { baseUrl } from "../fixtures/browser.mjs";

/** Starts one browser for the calling test file; returns a getter for it. */
export function useBrowser() {
  let browser;
  before(async () => {
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_FLAGS });
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser;
}
