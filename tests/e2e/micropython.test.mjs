// What only MicroPython's adapter does: bytes cross through a view of
// MicroPython's memory, which goes stale when that memory grows (1.27; 1.29
// exports a view it keeps current).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { openPage, useBrowser } from "./fixtures/browser.mjs";

const browser = useBrowser();

describe("MicroPython's memory", () => {
  for (const release of ["newest", "oldest"]) {
    it(`bytes sent after it grew arrive intact (${release} release)`, async () => {
      const page = await openPage(browser(), `/e2e/memory-growth.html?release=${release}`);
      await page.waitForSelector("body[data-result]", { timeout: 60_000 });
      assert.equal(await page.attribute("body", "data-result"), "first True, second True | memory grew: true");
      assert.deepEqual(await page.pageErrors(), []);
    });
  }
});
