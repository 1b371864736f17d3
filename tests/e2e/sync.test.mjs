// The blocking clients, pyws's websockets.sync.client and its
// websocket-client-compatible `websocket`: the websockets sync example and
// websocket-client's README and documentation examples (www/e2e/sync/*.py),
// run unchanged but for the server's URL, and their semantics, in Pyodide
// where it can block (JSPI: Chromium and Firefox, code entered with
// runPythonAsync); and the same code where it cannot (WebKit, which has no
// JSPI; Python entered with runPython; MicroPython; Brython) raising the
// documented RuntimeError at once. See docs/blocking.md.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { engine, openPage, useBrowser } from "./fixtures/browser.mjs";

const browser = useBrowser();

/** Whether the engine has JSPI (WebAssembly.Suspending). */
const JSPI = engine !== "webkit";

// What each example prints.
const EXAMPLES = {
  hello: ["Hello world!"],
  create_connection: [
    "hello from pyws-server",
    "Sending 'Hello, World'...",
    "Sent",
    "Receiving...",
    "Received 'Hello, World'",
  ],
  websocket_app: ["00000000", "00000001", "00000002"],
};

// The semantics scripts: one line a check.
const SEMANTICS = {
  sync_semantics: [
    "send_and_recv_with_decode_and_text",
    "a_recv_timeout_is_a_timeout_error_and_takes_no_message",
    "iteration_ends_at_a_normal_close",
    "an_application_close_is_a_connection_closed_error",
    "recv_after_a_normal_close_is_connection_closed_ok",
    "a_refused_handshake_is_invalid_handshake_and_os_error",
    "a_handshake_slower_than_open_timeout_is_a_timeout_error",
    "subprotocols_are_negotiated",
    "what_a_browser_cannot_do_is_refused_by_name",
    "a_blocking_call_from_a_javascript_callback_raises_at_once",
    "an_exception_in_with_closes_with_the_mirror_of_1011",
  ],
  wsc_semantics: [
    "a_connection_answers_what_a_browser_can",
    "a_recv_past_the_timeout_is_a_timeout_exception",
    "the_server_s_close_is_an_empty_recv_then_closed",
    "a_refused_handshake_is_a_bad_status_without_a_status",
    "what_a_browser_cannot_do_is_refused_by_name",
    "an_app_closed_from_its_callback_ends_run_forever",
    "an_app_reconnects_after_each_close_until_close",
    "an_app_that_cannot_connect_reports_it_to_on_error",
    "an_app_refuses_what_a_browser_cannot_do",
  ],
};

/** What the page printed once `count` lines are out (or it failed). */
function printed(page, count, what) {
  return page.waitFor(
    (count) => {
      const items = [...document.querySelectorAll("#output li")].map((li) => li.textContent);
      return document.body.dataset.error || items.length >= count ? items : null;
    },
    count,
    { timeout: 60_000, what },
  );
}

/** Runs `script` on sync.html with `query`; asserts it printed `expected`. */
async function run(script, query, expected) {
  const page = await openPage(browser(), `/e2e/sync.html?script=${script}&${query}`);
  const lines = await printed(page, expected.length, `${expected.length} lines from ${script}.py`);
  assert.equal(await page.attribute("body", "data-error"), null, "the script ran without an exception");
  assert.deepEqual(lines, expected);
  assert.deepEqual(await page.pageErrors(), []);
  return page;
}

if (JSPI) {
  describe("the blocking clients' examples in Pyodide (runPythonAsync, JSPI)", () => {
    for (const [script, expected] of Object.entries(EXAMPLES)) {
      it(script, async () => {
        await run(script, "interpreter=pyodide&entry=async", expected);
      });
    }

    it("websocket-client's README long-lived example, without its rel dispatcher, reconnects after 5 s", async () => {
      const opened = ["Opened connection", "00000000", "00000001"];
      const page = await run("long_lived", "interpreter=pyodide&entry=async", [...opened, ...opened]);
      // run_forever(reconnect=5) goes on until the page is left.
      assert.equal(await page.attribute("body", "data-ran"), null);
    });

    for (const [script, checks] of Object.entries(SEMANTICS)) {
      it(script, async () => {
        await run(script, "interpreter=pyodide&entry=async", checks.map((name) => `ok ${name}`));
      });
    }

    it("the page goes on while recv() blocks: timers, DOM events, other sockets' handlers", async () => {
      const page = await openPage(browser(), "/e2e/sync.html?script=responsive&interpreter=pyodide&entry=async");
      await page.waitFor(() => document.body.dataset.blocking || document.body.dataset.error, null, {
        timeout: 60_000,
        what: "recv() waiting",
      });
      assert.equal(await page.attribute("body", "data-error"), null);
      // WebDriver's own scripts run meanwhile, and see the timer tick.
      const ticks = await page.evaluate(() => globalThis.pywsSeen.ticks);
      await page.waitFor((ticks) => globalThis.pywsSeen.ticks > ticks, ticks, { what: "the timer ticking" });
      await page.click("#poke");
      const lines = await printed(page, 2, "recv()'s message and what the page saw");
      assert.equal(await page.attribute("body", "data-error"), null);
      assert.deepEqual(lines, [
        "woken",
        "while recv() waited: the timer ticked True, the click was handled True, the other socket echoed True",
      ]);
      assert.deepEqual(await page.pageErrors(), []);
    });
  });
}

// Where the examples cannot block, and what they raise, by situation.
const NO_JSPI = "blocking in a browser needs JavaScript Promise Integration (JSPI, WebAssembly.Suspending), which this browser does not have";
const REFUSALS = [
  ...(JSPI ? [] : [{ where: "Pyodide in an engine without JSPI (runPythonAsync)", query: "interpreter=pyodide&entry=async", why: NO_JSPI }]),
  {
    where: "Pyodide entered synchronously (runPython)",
    query: "interpreter=pyodide&entry=sync",
    // Without JSPI, that is the reason, however Python was entered.
    why: JSPI ? "Python was entered synchronously (by pyodide.runPython, or a callback JavaScript called)" : NO_JSPI,
  },
  {
    where: "MicroPython",
    query: "interpreter=micropython&entry=async",
    // The README's long-lived example imports _thread, which MicroPython
    // and Brython do not have: it fails there before it gets to pyws.
    scripts: Object.keys(EXAMPLES),
    why: "MicroPython's WebAssembly port cannot suspend Python while the page's event loop runs",
  },
  {
    where: "Brython",
    query: "interpreter=brython",
    scripts: Object.keys(EXAMPLES),
    why: "Brython runs Python as JavaScript, which cannot wait while the page's event loop runs",
  },
];

const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

for (const { where, query, why, scripts = [...Object.keys(EXAMPLES), "long_lived"] } of REFUSALS) {
  describe(`the blocking clients' examples raise at once: ${where}`, () => {
    for (const script of scripts) {
      it(script, async () => {
        const page = await openPage(browser(), `/e2e/sync.html?script=${script}&${query}`);
        const error = await page.waitFor(() => document.body.dataset.error || document.body.dataset.ran, null, {
          timeout: 60_000,
          what: `${script}.py to fail`,
        });
        assert.match(error, new RegExp(`RuntimeError: connect\\(\\) cannot block here: ${escaped(why)}`));
        assert.match(error, /Use the async API instead: websockets\.asyncio\.client\.connect\(\)/);
        const ms = Number(await page.attribute("body", "data-error-ms"));
        assert.ok(ms < 1000, `raised after ${ms} ms`);
        assert.deepEqual(await page.evaluate(() => document.querySelectorAll("#output li").length), 0);
      });
    }
  });
}

// PyScript 0.7 runs a main-thread `py` script through Pyodide's
// runPythonAsync, with or without a top-level await: there the sync client
// blocks where JSPI is (pyws from its wheel, as wheel.test.mjs builds it).
const version = readFileSync(new URL("../../Cargo.toml", import.meta.url), "utf8")
  .match(/^\[package\][^[]*?^version = "([^"]+)"/m)[1];
const wheel = `pyws_browser-${version}-py3-none-any.whl`;

describe("websockets.sync.client in a PyScript py script", () => {
  for (const entry of ["sync", "async"]) {
    it(`${entry === "sync" ? "without" : "with"} a top-level await: ${JSPI ? "it blocks and echoes" : "RuntimeError at once: no JSPI"}`, async () => {
      const page = await openPage(browser(), `/e2e/sync-pyscript.html?wheel=${wheel}&entry=${entry}`);
      await page.waitForSelector("body[data-result]", { timeout: 90_000 });
      const result = await page.attribute("body", "data-result");
      if (JSPI) {
        assert.equal(result, "blocked in PyScript");
      } else {
        assert.match(result, new RegExp(`^RuntimeError: connect\\(\\) cannot block here: ${escaped(NO_JSPI)}`));
        const ms = Number(await page.attribute("body", "data-ms"));
        assert.ok(ms < 1000, `raised after ${ms} ms`);
      }
      assert.deepEqual(await page.pageErrors(), []);
    });
  }
});
