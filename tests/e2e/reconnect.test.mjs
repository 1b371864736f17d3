// Reconnection against a real server that goes away and comes back: a second
// dev server, started and stopped by this test, on a port of its own.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { describe, it } from "node:test";

import { openPage, useBrowser } from "./fixtures/browser.mjs";

const browser = useBrowser();
const SERVER = process.env.PYWS_SERVER_BIN;
const ROOT = process.env.PYWS_ROOT ?? ".";

/** Starts the dev server on `port` (0: any) and resolves with it and its port. */
async function startServer(port) {
  assert.ok(SERVER, "PYWS_SERVER_BIN is not set: run this suite with `cargo xtask test`");
  const child = spawn(SERVER, ["--host", "127.0.0.1", "--port", String(port), "--root", ROOT], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = await once(createInterface({ input: child.stdout }), "line");
  const match = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(line);
  assert.ok(match, `the second server said ${JSON.stringify(line)}`);
  return { child, port: Number(match[1]) };
}

async function stopServer(server) {
  server.child.kill();
  await once(server.child, "exit");
}

/** Waits until the page's log has an entry matching `pattern`. */
async function waitForLog(page, pattern, timeout = 20_000) {
  await page.waitFor((source) => window.pywsLog.some((e) => new RegExp(source).test(e)),
    pattern.source, { timeout, what: `a log entry matching ${pattern}` });
}

for (const interpreter of ["brython", "pyodide", "micropython"]) {
  describe(`reconnection in ${interpreter}`, () => {
    it("survives the server restarting: queued sends go out, callbacks and async for carry on", async () => {
      let server = await startServer(0);
      const { port } = server;
      const url = `ws://127.0.0.1:${port}/echo`;
      const page = await openPage(browser(), `e2e/reconnect.html?interpreter=${interpreter}&url=${encodeURIComponent(url)}`);
      try {
        await page.waitForSelector("body[data-ready]", { timeout: 120_000 });
        await waitForLog(page, /^open$/);
        await page.evaluate(() => window.pywsSend("before"));
        await waitForLog(page, /^recv before$/);

        await stopServer(server);
        await waitForLog(page, /^reconnect 2 /); // the first attempt against the stopped server failed
        await page.evaluate(() => window.pywsSend("while down"));
        server = await startServer(port);
        await waitForLog(page, /^recv while down$/);
        await page.evaluate(() => window.pywsSend("after"));
        await waitForLog(page, /^recv after$/);
        await page.evaluate(() => window.pywsClose());
        await waitForLog(page, /^recv ended$/);

        const log = await page.evaluate(() => window.pywsLog);
        const reconnects = log.filter((e) => e.startsWith("reconnect"));
        // Attempts count up from 1, each after a failed one; the first names
        // the lost connection's code (1006: no close frame from a killed server).
        assert.match(reconnects[0], /^reconnect 1 (1006|1001)$/);
        reconnects.forEach((entry, i) => assert.match(entry, new RegExp(`^reconnect ${i + 1} \\d+$`)));
        const rest = log.filter((e) => !e.startsWith("reconnect"));
        assert.deepEqual(rest, [
          "open",
          "sent before in state 1",
          "message before",
          "recv before",
          "error",
          "sent while down in state 0",
          "open",
          "message while down",
          "recv while down",
          "sent after in state 1",
          "message after",
          "recv after",
          "close 1000",
          "recv ended",
        ]);
        assert.deepEqual(await page.pageErrors(), []);
      } finally {
        await page.close();
        await stopServer(server);
      }
    });
  });
}
