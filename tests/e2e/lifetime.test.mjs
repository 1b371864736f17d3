// What 1000 open/send/close cycles leave behind, in each interpreter: no
// WebSocket object, no Pyodide proxy, and no heap growth beyond a small bound.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { openPage, useBrowser } from "./fixtures/browser.mjs";

const browser = useBrowser();

describe("lifetime", () => {
  for (const interpreter of ["brython", "pyodide", "micropython"]) {
    it(`leaves no socket, proxy or growing heap behind after 1000 cycles in ${interpreter}`, async () => {
      const page = await openPage(browser(), `/e2e/cycles.html?interpreter=${interpreter}`);
      await page.waitForSelector("body[data-ready]", { state: "attached", timeout: 60_000 });
      const cdp = await page.context().newCDPSession(page);
      const measure = async () => {
        for (let i = 0; i < 3; i++) {
          await page.evaluate(() => window.pywsCollect());
          await cdp.send("HeapProfiler.collectGarbage");
          await page.waitForTimeout(100); // FinalizationRegistry callbacks run after GC
        }
        const { usedSize } = await cdp.send("Runtime.getHeapUsage");
        const [sockets, proxies] = await page.evaluate(() => [window.pywsLiveSockets(), window.pywsLiveProxies()]);
        return { heap: usedSize, sockets, proxies };
      };
      const cycles = async (n) => {
        await page.evaluate((n) => window.pywsCycles(n), n);
        await page.waitForSelector(`body[data-cycles="${n}"]`, { state: "attached", timeout: 120_000 });
      };
      await cycles(50); // warm up: JIT, the interpreter's caches
      const before = await measure();
      await cycles(1000);
      const after = await measure();
      const growth = after.heap - before.heap;
      console.log(`# ${interpreter}, 1000 cycles: JS heap ${before.heap} -> ${after.heap} bytes ` +
        `(${growth >= 0 ? "+" : ""}${growth}), live WebSocket objects ${before.sockets} -> ${after.sockets}` +
        (after.proxies === null ? "" : `, live Pyodide proxies ${before.proxies} -> ${after.proxies}`));
      assert.equal(after.sockets, 0, "every WebSocket was collected");
      if (after.proxies !== null) assert.equal(after.proxies, before.proxies, "no Pyodide proxy is left alive");
      // A leak of one small object per cycle would show as tens of kilobytes.
      assert.ok(growth < 512 * 1024, `the heap grew by ${growth} bytes over 1000 cycles`);
      const console_ = page.consoleMessages.join("\n");
      assert.doesNotMatch(console_, /borrowed proxy|Traceback/);
    });
  }
});
