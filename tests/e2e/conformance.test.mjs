// The shared Python conformance suite (tests/conformance/*.py), run unchanged
// in each interpreter; every Python test is reported as its own test here.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { useBrowser } from "./fixtures/browser.mjs";
import { runConformance } from "./fixtures/conformance.mjs";

const browser = useBrowser();

for (const interpreter of ["brython", "pyodide", "micropython"]) {
  describe(`conformance suite in ${interpreter}`, () => {
    it("runs every test", async (t) => {
      const { page, results, summary } = await runConformance(browser(), interpreter);
      assert.ok(results.length >= 30, `only ${results.length} results; last line: ${summary}`);
      for (const result of results) {
        await t.test(result.name, () => {
          if (!result.passed) assert.fail(result.message);
        });
      }
      // A failing callback is reported as a Python traceback on the console
      // (some interpreters print it one line per console message).
      const console = page.consoleMessages.join("\n");
      assert.match(console, /Traceback[^]*in failing[^]*RuntimeError: pyws-deliberate-failure/);
      assert.deepEqual(page.pageErrors, []);
    });
  });
}
