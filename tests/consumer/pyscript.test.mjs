// The PyScript plugin from the packed package (target/consumer/pyscript.html
// loads node_modules/pyws/pyscript.js): websocket() and the ConnectionClosed
// exceptions are builtins in py and mpy scripts, async and sync, on the main
// thread and in workers; the interpreters are the dev server's.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { openPage, useBrowser } from "../e2e/fixtures/browser.mjs";

const browser = useBrowser();

describe("the PyScript plugin", () => {
  for (const type of ["py", "mpy"]) {
    for (const worker of [false, true]) {
      for (const sync of [false, true]) {
        const label = `${type}${worker ? " worker" : ""}${sync ? " sync" : ""}`;
        const query = `?type=${type}${worker ? "&worker" : ""}${sync ? "&sync" : ""}`;
        it(`makes websocket() a builtin in a ${label} script`, async () => {
          const page = await openPage(browser(), `/consumer/pyscript.html${query}`);
          await page.waitFor(() => document.querySelector("#out").textContent, null, { timeout: 60_000, what: `the echo in ${label}` });
          const expected = sync ? `hello from ${label}` : `hello from ${label} / ConnectionClosedOK 1000 / True`;
          assert.equal(await page.text("#out"), expected);
          assert.deepEqual(await page.pageErrors(), []);
        });
      }
    }
  }
});
