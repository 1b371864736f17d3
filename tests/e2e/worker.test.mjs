// pyws inside a dedicated Web Worker, where there is no window.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { openPage, useBrowser } from "./fixtures/browser.mjs";

const browser = useBrowser();

describe("in a dedicated worker", () => {
  for (const interpreter of ["pyodide", "micropython"]) {
    it(`echoes text and bytes and closes, in ${interpreter}`, async () => {
      const page = await openPage(browser(), `/e2e/worker.html?interpreter=${interpreter}`);
      await page.waitForSelector("body[data-result]", { timeout: 60_000 });
      assert.equal(
        await page.attribute("body", "data-result"),
        "'from a worker' | b'\\x00\\x01' | closed 1000",
      );
    });
  }
});
