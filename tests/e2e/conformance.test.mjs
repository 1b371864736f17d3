// The shared Python conformance suite (tests/conformance/*.py), run unchanged
// in each interpreter; every Python test is reported as its own test here.
// Every engine runs it on the newest release of each interpreter; Chromium
// also on the oldest supported (www/runtimes.js, RELEASES).
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { describe, it } from "node:test";

import { engine, useBrowser } from "./fixtures/browser.mjs";
import { runConformance } from "./fixtures/conformance.mjs";

const browser = useBrowser();

const runs = [
  ["brython", "newest"],
  ["pyodide", "newest"],
  ["micropython", "newest"],
  ...(engine === "chromium" ? [["pyodide", "oldest"], ["micropython", "oldest"]] : []),
];
// PYWS_INTERPRETERS=pyodide,micropython narrows a run by hand.
const only = process.env.PYWS_INTERPRETERS?.split(",");

for (const [interpreter, release] of runs.filter(([name]) => !only || only.includes(name))) {
  describe(`conformance suite in ${interpreter} (${release} release, ${engine})`, () => {
    it("runs every test", async (t) => {
      const { page, results, version, summary } = await runConformance(browser(), interpreter, `&release=${release}`);
      const browserName = await browser().describe();
      console.log(`# conformance: ${browserName}, ${version}: ${summary}`);
      // Kept for the conformance matrix (tests/conformance/matrix.mjs).
      const dir = new URL("../../target/conformance/", import.meta.url);
      mkdirSync(dir, { recursive: true });
      writeFileSync(new URL(`${engine}-${interpreter}-${release}.json`, dir),
        JSON.stringify({ engine, browser: browserName, interpreter, release, version, results }, null, 1));
      assert.deepEqual(await page.pageErrors(), [], "uncaught errors in the page");
      assert.ok(results.length >= 30, `only ${results.length} results; last line: ${summary}`);
      for (const result of results) {
        await t.test(result.name, () => {
          if (!result.passed) assert.fail(result.message);
        });
      }
      // A failing callback is reported as a Python traceback on the console
      // (some interpreters print it one line per console message).
      const console_ = (await page.consoleMessages()).join("\n");
      assert.match(console_, /Traceback[^]*in failing[^]*RuntimeError: pyws-deliberate-failure/);
    });
  });
}
