// pyws's `websockets`: the websockets documentation's client examples
// (www/e2e/websockets/*.py), run unchanged but for the server's URL, and
// the exception and state semantics (semantics.py), in each interpreter,
// against the dev server.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { engine, openPage, useBrowser } from "./fixtures/browser.mjs";

const browser = useBrowser();

// What each script prints.
const EXAMPLES = {
  hello: ["Hello world!"],
  consumer: ["00000000", "00000001", "00000002", "the server closed the connection"],
  producer: ["the producer stopped after more than 3 messages: True"],
  reconnect: ["hello 1", "hello 2"],
  exceptions: [
    "InvalidHandshake: True",
    "InvalidURI: http://localhost:8765 isn't a valid URI: scheme isn't ws or wss",
    "ConnectionClosedError: received 4000 (private use) bye; then sent 4000 (private use) bye",
  ],
  // The exception and state semantics, one line a check.
  semantics: [
    "ok a_refused_handshake_is_invalid_handshake_and_os_error",
    "ok a_uri_that_is_not_ws_is_invalid_uri",
    "ok a_client_close_is_ok_with_both_frames",
    "ok a_server_close_with_1000_is_ok_received_first",
    "ok an_application_close_is_an_error",
    "ok a_drop_is_an_error_with_no_frames",
    "ok two_concurrent_recv_calls_are_a_concurrency_error",
    "ok a_message_over_max_size_fails_the_connection",
    "ok fragments_are_sent_as_one_message_and_decode_converts",
    "ok subprotocols_are_negotiated_and_in_the_response",
    "ok what_a_browser_cannot_do_is_refused_by_name",
    "ok an_exception_in_async_with_a_connection_closes_with_the_mirror_of_1011",
    "ok a_recv_timed_out_by_wait_for_takes_no_message_but_in_brython",
    "ok the_top_level_names_are_the_library_s",
    "ok a_handshake_slower_than_open_timeout_is_a_timeout_error",
  ],
};

// asyncio.run(main()) blocks in Pyodide only by stack switching (JSPI),
// which WebKit does not have yet: there the scripts end with `await main()`,
// as the README says to write. MicroPython's asyncio.run (pyws adds it) and
// Brython's (pyws's asyncio, over browser.aio) start main as a task, in
// every engine.
const ENTRY = { brython: "run", pyodide: engine === "webkit" ? "await" : "run", micropython: "run" };

// The newest releases in every engine, the oldest supported in Chromium, as
// the conformance suite runs (Brython has one release).
const RELEASES = {
  brython: ["newest"],
  pyodide: engine === "chromium" ? ["newest", "oldest"] : ["newest"],
  micropython: engine === "chromium" ? ["newest", "oldest"] : ["newest"],
};

/** The lines `script` prints on websockets.html with `query`. */
async function run(script, query) {
  const expected = EXAMPLES[script];
  const page = await openPage(browser(), `/e2e/websockets.html?script=${script}&${query}`);
  const lines = await page.waitFor(
    (count) => {
      const items = [...document.querySelectorAll("#output li")].map((li) => li.textContent);
      return document.body.dataset.error || items.length >= count ? items : null;
    },
    expected.length,
    { timeout: 60_000, what: `${expected.length} lines from ${script}.py` },
  );
  assert.equal(await page.attribute("body", "data-error"), null, "the script ran without an exception");
  assert.deepEqual(lines, expected);
  assert.deepEqual(await page.pageErrors(), []);
  return page;
}

for (const interpreter of ["brython", "pyodide", "micropython"]) for (const release of RELEASES[interpreter]) {
  describe(`websockets examples in ${interpreter} (${release} release, ${ENTRY[interpreter]} main)`, () => {
    for (const script of Object.keys(EXAMPLES)) {
      it(script, async () => {
        await run(script, `interpreter=${interpreter}&release=${release}&entry=${ENTRY[interpreter]}`);
      });
    }
  });
}

describe("websockets whose sources cannot be fetched", () => {
  // Brython's pyws finds them beside itself, with no URL to give.
  for (const interpreter of ["pyodide", "micropython"]) {
    it(`is an ImportError naming the URL in ${interpreter}`, async () => {
      const page = await openPage(browser(), `/e2e/websockets.html?script=unfetched&interpreter=${interpreter}&modules=/nowhere/pyws_modules.json`);
      const lines = await page.waitFor(
        () => {
          const items = [...document.querySelectorAll("#output li")].map((li) => li.textContent);
          return document.body.dataset.error || items.length >= 2 ? items : null;
        },
        null,
        { timeout: 60_000, what: "two ImportErrors" },
      );
      const url = new URL("/nowhere/pyws_modules.json", await page.evaluate(() => location.href)).href;
      const message = `ImportError: pyws cannot import its Python packages: HTTP 404 fetching ${url} (serve pyws_modules.json beside the package, or give its URL to install())`;
      assert.deepEqual(lines, [message, message]);
      assert.equal(await page.attribute("body", "data-error"), null);
    });
  }
});

describe("websockets in Brython with its standard library loaded after pyws", () => {
  // brython_stdlib.js's asyncio is a placeholder (it prints that it
  // implements nothing): pyws's stays the one `import asyncio` finds.
  for (const script of ["hello", "semantics"]) {
    it(script, async () => {
      const page = await run(script, "interpreter=brython&entry=run&stdlib=after");
      const warnings = (await page.consoleMessages()).filter((m) => /^(warn|error)/.test(m));
      assert.deepEqual(warnings, []);
    });
  }
});
