// The shared Python conformance suite (tests/conformance/*.py), run unchanged
// in each interpreter; every Python test is reported as its own test here.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { useBrowser } from "./fixtures/browser.mjs";
import { runConformance } from "./fixtures/conformance.mjs";

const browser = useBrowser();

for (const interpreter of ["brython"]) {
  describe(`conformance suite in ${interpreter}`, () => {
    it("runs every test", async (t) => {
      const { page, results, summary } = await runConformance(browser(), interpreter);
      assert.ok(results.length >= 30, `only ${results.length} results; last line: ${summary}`);
      for (const result of results) {
        await t.test(result.name, () => {
          if (!result.passed) assert.fail(result.message);
        });
      }
      // A failing callback is reported as a Python traceback on the console.
      const tracebacks = page.consoleMessages.filter((m) => m.includes("Traceback"));
      assert.ok(
        tracebacks.some((m) => m.includes("RuntimeError: pyws-deliberate-failure")),
        `no traceback for the deliberate failure; console: ${page.consoleMessages.join("\n")}`,
      );
      assert.deepEqual(page.pageErrors, []);
    });
  });
}
