// The Pyodide wheel as a user gets it: built by `cargo xtask wheel` into
// target/wheel/ (served at /wheel/), installed with micropip or Pyodide's
// loadPackage on a page with no pyws script, or named in a PyScript page's
// `packages`, then `import pyws`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { openPage, useBrowser } from "./fixtures/browser.mjs";

const browser = useBrowser();

// Cargo.toml's version, which pyws.__version__ and the wheel's must equal.
const version = readFileSync(new URL("../../Cargo.toml", import.meta.url), "utf8")
  .match(/^\[package\][^[]*?^version = "([^"]+)"/m)[1];
const wheel = `pyws_browser-${version}-py3-none-any.whl`;

const runs = [
  ["micropip", "micropip.install()", "the page"],
  ["loadPackage", "pyodide.loadPackage()", "the page"],
  ["loadPackage", "pyodide.loadPackage()", "a worker"],
];

describe("the Pyodide wheel", () => {
  for (const [installer, how, where] of runs) {
    it(`installs with ${how} in ${where}, and \`import pyws\` gives websocket() and websockets, which echo`, async () => {
      const inWorker = where === "a worker" ? "&in=worker" : "";
      const page = await openPage(browser(), `/e2e/wheel.html?wheel=${wheel}&installer=${installer}${inWorker}`);
      await page.waitForSelector("body[data-result]", { timeout: 90_000 });
      assert.equal(
        await page.attribute("body", "data-result"),
        `['through the wheel', b'\\x00\\xff', 'and websockets'] | True | version ${version} | closed 1000`,
      );
      // Nothing but the wheel brought pyws: the page never asked for pkg/
      // (a worker's requests are its own: the page's list is checked).
      const requested = await page.evaluate(() => performance.getEntriesByType("resource").map((entry) => entry.name));
      if (!inWorker) assert.ok(requested.some((url) => url.endsWith(`/wheel/${wheel}`)), requested.join("\n"));
      assert.deepEqual(requested.filter((url) => url.includes("/pkg/")), []);
      assert.deepEqual(await page.pageErrors(), []);
    });
  }

  // PyScript installs `packages` with micropip after Pyodide has loaded
  // micropip by name from its lock file.
  for (const where of ["the main thread", "a worker"]) {
    it(`installs as a PyScript page's \`packages\` entry, on ${where}, and \`import pyws\` echoes`, async () => {
      const worker = where === "a worker" ? "&worker" : "";
      const page = await openPage(browser(), `/e2e/pyscript-wheel.html?wheel=${wheel}${worker}`);
      await page.waitForSelector("body[data-result]", { timeout: 90_000 });
      assert.equal(
        await page.attribute("body", "data-result"),
        `through PyScript's packages | version ${version} | closed 1000`,
      );
      const requested = await page.evaluate(() => performance.getEntriesByType("resource").map((entry) => entry.name));
      assert.deepEqual(requested.filter((url) => url.includes("/pkg/")), []);
      assert.deepEqual(await page.pageErrors(), []);
    });
  }
});
