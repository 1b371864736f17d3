// The PyScript plugin from the packed package (target/consumer/pyscript.html
// loads node_modules/pyws/pyscript.js): websocket() and the ConnectionClosed
// exceptions are builtins in py and mpy scripts, async and sync, on the main
// thread and in workers; the interpreters are the dev server's. And
// Brython's documented example runs in such scripts (pyscript-seed.html).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { openPage, useBrowser } from "../e2e/fixtures/browser.mjs";
import { alertsFor, sendThroughTheExample } from "../e2e/fixtures/seed.mjs";

const browser = useBrowser();

describe("the PyScript plugin", () => {
  // The seed's example (Brython's WebSocket documentation), clicked through
  // as a user would: type, Send, read two alerts, Close connection, read one.
  for (const type of ["py", "mpy"]) {
    for (const worker of [false, true]) {
      const label = `${type}${worker ? " worker" : ""}`;
      it(`runs Brython's callback example as documented in a ${label} script`, async () => {
        const page = await openPage(browser(), `/consumer/pyscript-seed.html?type=${type}${worker ? "&worker" : ""}`);
        await page.waitForSelector("body[data-ready]", { timeout: 60_000 });
        const text = `hello ☃ from ${label}`;
        assert.deepEqual(await sendThroughTheExample(page, text), alertsFor(text));
        assert.deepEqual(await page.pageErrors(), []);
      });
    }
  }

  for (const type of ["py", "mpy"]) {
    for (const worker of [false, true]) {
      for (const sync of [false, true]) {
        const label = `${type}${worker ? " worker" : ""}${sync ? " sync" : ""}`;
        const query = `?type=${type}${worker ? "&worker" : ""}${sync ? "&sync" : ""}`;
        it(`makes websocket() a builtin in a ${label} script`, async () => {
          const page = await openPage(browser(), `/consumer/pyscript.html${query}`);
          await page.waitFor(() => document.querySelector("#out").textContent, null, { timeout: 60_000, what: `the echo in ${label}` });
          const expected = sync ? `hello from ${label}` : `hello from ${label} / ConnectionClosedOK 1000 / True / websockets 17.0`;
          assert.equal(await page.text("#out"), expected);
          assert.deepEqual(await page.pageErrors(), []);
        });
      }
    }
  }
});
