// The Pyodide wheel as a user gets it: built by `cargo xtask wheel` into
// target/wheel/ (served at /wheel/), installed with micropip or Pyodide's
// loadPackage on a page with no pyws script, then `import pyws`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { openPage, useBrowser } from "./fixtures/browser.mjs";

const browser = useBrowser();

// Cargo.toml's version, which pyws.__version__ and the wheel's must equal.
const version = readFileSync(new URL("../../Cargo.toml", import.meta.url), "utf8")
  .match(/^\[package\][^[]*?^version = "([^"]+)"/m)[1];
const wheel = `pyws_browser-${version}-py3-none-any.whl`;

describe("the Pyodide wheel", () => {
  for (const [installer, how] of [["micropip", "micropip.install()"], ["loadPackage", "pyodide.loadPackage()"]]) {
    it(`installs with ${how}, and \`import pyws\` gives websocket(), which echoes`, async () => {
      const page = await openPage(browser(), `/e2e/wheel.html?wheel=${wheel}&installer=${installer}`);
      await page.waitForSelector("body[data-result]", { timeout: 90_000 });
      assert.equal(
        await page.attribute("body", "data-result"),
        `['through the wheel', b'\\x00\\xff'] | True | version ${version} | closed 1000`,
      );
      // Nothing but the wheel brought pyws: the page never asked for pkg/.
      const requested = await page.evaluate(() => performance.getEntriesByType("resource").map((entry) => entry.name));
      assert.ok(requested.some((url) => url.endsWith(`/wheel/${wheel}`)), requested.join("\n"));
      assert.deepEqual(requested.filter((url) => url.includes("/pkg/")), []);
      assert.deepEqual(await page.pageErrors(), []);
    });
  }
});
