// What only MicroPython's adapter does: bytes cross through a view of
// MicroPython's memory, which goes stale when that memory grows.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { openPage, useBrowser } from "./fixtures/browser.mjs";

const browser = useBrowser();

describe("MicroPython's memory", () => {
  it("bytes sent after it grew arrive intact", async () => {
    const page = await openPage(browser(), "/e2e/memory-growth.html");
    await page.waitForSelector("body[data-result]", { state: "attached", timeout: 60_000 });
    assert.equal(await page.getAttribute("body", "data-result"), "first True, second True | memory grew: true");
    assert.deepEqual(page.pageErrors, []);
  });
});
