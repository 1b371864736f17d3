// The packed package as a bundled app uses it (target/consumer/, made by
// build.mjs): each entry's page, bundled by Vite and by esbuild, echoes a
// message through the dev server and shows the reply.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { openPage, useBrowser } from "../e2e/fixtures/browser.mjs";

const browser = useBrowser();

const PAGES = {
  plain: "hello from plain JavaScript",
  python: "hello from Pyodide, and websockets",
  brython: "hello from Brython",
};

for (const bundler of ["vite", "esbuild"]) {
  describe(`a page bundled by ${bundler}`, () => {
    for (const [page, message] of Object.entries(PAGES)) {
      it(`echoes through ${page === "plain" ? "pyws" : `pyws/${page}`}`, async () => {
        const tab = await openPage(browser(), `/consumer/dist/${bundler}/${page}.html`);
        await tab.waitFor(() => document.querySelector("#out").textContent, null, { timeout: 60_000, what: "the echo" });
        assert.equal(await tab.text("#out"), message);
        assert.deepEqual(await tab.pageErrors(), []);
      });
    }
  });
}
