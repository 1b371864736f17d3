// A real third-party library that depends on websocket-client, on pyws's
// `websocket`: sgqlc (PyPI), whose WebSocketEndpoint is synchronous (it
// calls create_connection, send and recv and yields the results), installed
// in Pyodide by micropip from PyPI's wheels as the bootstrap downloaded them
// (/vendor/pypi/simple-sgqlc), runs a query and a subscription
// (www/e2e/sgqlc/websocket_endpoint.py, its URL replaced) against a real
// server of the protocol it speaks: npm's subscriptions-transport-ws
// (fixtures/subscriptions-server.mjs), started here on a free loopback port.
// It blocks where Pyodide can (JSPI: Chromium, Firefox); in WebKit it raises
// the blocking clients' RuntimeError at once.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { engine, openPage, useBrowser, waitUntil } from "./fixtures/browser.mjs";
import { printed, requested, useServer } from "./fixtures/library.mjs";

const browser = useBrowser();
const JSPI = engine !== "webkit";

const { url, lines: serverLines } = useServer("subscriptions-server.mjs");

// pyws's websocket-client, as micropip (source "pyws") and importlib see it.
const PYWS_WEBSOCKET_CLIENT = /^websocket-client 1\.9\.0 from \/pyws\/python \(micropip: 1\.9\.0, pyws\), imported from \/pyws\/python\/websocket\/__init__\.py$/;

describe("sgqlc's WebSocketEndpoint on pyws's websocket (Pyodide, runPythonAsync)", () => {
  it("sgqlc[websocket] installs with micropip without the real websocket-client" +
    (JSPI ? ", and its endpoint prints the query's result and every subscription result" : ", and its endpoint raises at once: no JSPI"), async () => {
    const page = await openPage(browser(), `/e2e/sgqlc.html?${new URLSearchParams({ case: "example", server: url() })}`);
    const lines = await printed(page, 4);
    assert.match(await page.attribute("body", "data-installed"), PYWS_WEBSOCKET_CLIENT);
    const urls = await requested(page);
    assert.ok(urls.some((u) => u.endsWith("/vendor/pypi/sgqlc-18-py3-none-any.whl")), urls.join("\n"));
    assert.deepEqual(urls.filter((u) => /websocket[_-]client/i.test(new URL(u).pathname)), []);
    if (JSPI) {
      assert.equal(await page.attribute("body", "data-error"), null, "the example ran without an exception");
      assert.deepEqual(lines, [
        "{'data': {'continents': [{'code': 'AF', 'name': 'Africa'}, {'code': 'AN', 'name': 'Antarctica'}, " +
          "{'code': 'AS', 'name': 'Asia'}, {'code': 'EU', 'name': 'Europe'}, {'code': 'NA', 'name': 'North America'}, " +
          "{'code': 'OC', 'name': 'Oceania'}, {'code': 'SA', 'name': 'South America'}]}}",
        "{'data': {'somethingChanged': {'id': '1'}}}",
        "{'data': {'somethingChanged': {'id': '2'}}}",
        "{'data': {'somethingChanged': {'id': '3'}}}",
      ]);
      // Two connections, each with sgqlc's subprotocol and one operation,
      // each closed normally by sgqlc's ws.close().
      await waitUntil(() => serverLines.filter((line) => line.startsWith("closed")).length === 2, { what: "the server's closes" });
      assert.deepEqual(serverLines.slice(1), [
        "connected graphql-ws",
        "operation query (anonymous)",
        "closed 1000",
        "connected graphql-ws",
        "operation subscription (anonymous)",
        "closed 1000",
      ]);
    } else {
      assert.match(await page.attribute("body", "data-error"), /RuntimeError: connect\(\) cannot block here: blocking in a browser needs JavaScript Promise Integration/);
      const ms = Number(await page.attribute("body", "data-error-ms"));
      assert.ok(ms < 1000, `raised after ${ms} ms`);
      assert.deepEqual(lines, []);
      assert.deepEqual(serverLines.slice(1), [], "no connection was made");
    }
    assert.deepEqual(await page.pageErrors(), []);
  });

  if (JSPI) {
    it("the real websocket-client wheel, installed anyway, does not win the import: pyws's echoes", async () => {
      const page = await openPage(browser(), "/e2e/sgqlc.html?case=real");
      const lines = await printed(page, 1);
      assert.equal(await page.attribute("body", "data-error"), null, "the echo ran without an exception");
      assert.deepEqual(lines, ["Hello, World"]);
      assert.match(await page.attribute("body", "data-installed"), /imported from \/pyws\/python\/websocket\/__init__\.py$/);
      assert.equal(await page.attribute("body", "data-found"), "/pyws/python /lib/python3.14/site-packages");
      assert.ok(
        (await requested(page)).some((u) => u.endsWith("/vendor/pypi/real-websockets/websocket_client-1.9.0-py3-none-any.whl")),
        "the page installed the real wheel",
      );
      assert.deepEqual(await page.pageErrors(), []);
    });
  }
});
