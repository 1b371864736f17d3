// A real third-party library that depends on `websockets`, on pyws's
// `websockets`: gql (PyPI), installed in Pyodide by micropip from PyPI's
// wheels as the bootstrap downloaded them (served at /vendor/pypi/, with a
// simple index micropip's index_urls use), runs its own websockets example
// (www/e2e/gql/websockets_async.py, unchanged but for the URL) against a real
// GraphQL over WebSocket server: npm's graphql-ws on npm's ws
// (fixtures/graphql-server.mjs), started here on a free loopback port.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { engine, openPage, useBrowser, waitUntil } from "./fixtures/browser.mjs";
import { printed, requested, useServer } from "./fixtures/library.mjs";

const browser = useBrowser();

// asyncio.run(main()) waits only by stack switching (JSPI), which WebKit
// lacks: there the example ends with `await main()` (docs/websockets.md).
const ENTRY = engine === "webkit" ? "await" : "run";

const { url, lines: serverLines } = useServer("graphql-server.mjs");

// pyws's websockets, as micropip (source "pyws") and importlib see it: the
// dist-info pyws writes beside its package in /pyws/python, first on
// sys.path.
const PYWS_WEBSOCKETS = /^websockets 17\.0 from \/pyws\/python \(micropip: 17\.0, pyws\), imported from \/pyws\/python\/websockets\/__init__\.py$/;

describe(`gql's websockets transport on pyws's websockets (Pyodide, ${ENTRY} main)`, () => {
  it("gql[websockets] installs with micropip without the real websockets, and gql's example prints the query's result and every subscription result", async (t) => {
    const query = new URLSearchParams({ case: "example", server: url(), entry: ENTRY });
    const page = await openPage(browser(), `/e2e/gql.html?${query}`);
    const lines = await printed(page, 4);
    assert.equal(await page.attribute("body", "data-error"), null, "the example ran without an exception");
    assert.deepEqual(lines, [
      "{'continents': [{'code': 'AF', 'name': 'Africa'}, {'code': 'AN', 'name': 'Antarctica'}, " +
        "{'code': 'AS', 'name': 'Asia'}, {'code': 'EU', 'name': 'Europe'}, {'code': 'NA', 'name': 'North America'}, " +
        "{'code': 'OC', 'name': 'Oceania'}, {'code': 'SA', 'name': 'South America'}]}",
      "{'somethingChanged': {'id': '1'}}",
      "{'somethingChanged': {'id': '2'}}",
      "{'somethingChanged': {'id': '3'}}",
    ]);
    t.diagnostic(`micropip.install("gql[websockets]"): ${await page.attribute("body", "data-install-ms")} ms`);

    // micropip counted pyws's websockets as installed: it never asked the
    // index for websockets, nor fetched a wheel of it; the index is not
    // left for anything (every request stayed on this server).
    assert.match(await page.attribute("body", "data-installed"), PYWS_WEBSOCKETS);
    const urls = await requested(page);
    assert.ok(urls.some((u) => u.endsWith("/vendor/pypi/gql-4.4.0-py3-none-any.whl")), urls.join("\n"));
    assert.deepEqual(urls.filter((u) => /websockets/i.test(new URL(u).pathname) && u.includes("/vendor/")), []);
    const origin = new URL(await page.evaluate(() => location.href)).origin;
    assert.deepEqual(urls.filter((u) => new URL(u).origin !== origin), []);

    // The server spoke graphql-ws's protocol with gql: the schema fetch the
    // example asks for (fetch_schema_from_transport), the query, the
    // subscription; then the example's `async with` closed normally.
    await waitUntil(() => serverLines.some((line) => line.startsWith("closed")), { what: "the server's close" });
    assert.deepEqual(serverLines.slice(1), [
      "connected graphql-transport-ws",
      "operation query IntrospectionQuery",
      "operation query getContinents",
      "operation subscription (anonymous)",
      "closed 1000",
    ]);
    assert.deepEqual(await page.pageErrors(), []);
  });

  it("the real websockets wheel, installed anyway, does not win the import: pyws's echoes", async () => {
    const page = await openPage(browser(), "/e2e/gql.html?case=real-websockets");
    const lines = await printed(page, 1);
    assert.equal(await page.attribute("body", "data-error"), null, "the echo ran without an exception");
    assert.deepEqual(lines, ["Hello world!"]);
    const installed = await page.attribute("body", "data-installed");
    assert.match(installed, /imported from \/pyws\/python\/websockets\/__init__\.py$/);
    // The real one is there, in site-packages, after pyws's directory.
    assert.equal(await page.attribute("body", "data-found"), "/pyws/python /lib/python3.14/site-packages");
    assert.ok(
      (await requested(page)).some((u) => u.endsWith("/vendor/pypi/real-websockets/websockets-17.0-py3-none-any.whl")),
      "the page installed the real wheel",
    );
    assert.deepEqual(await page.pageErrors(), []);
  });
});
