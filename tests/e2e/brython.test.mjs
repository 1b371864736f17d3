// Brython-specific behaviour: loading, the documented example, the missing-
// WebSocket case, and what many sockets leave behind.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { openPage, useBrowser } from "./fixtures/browser.mjs";

const browser = useBrowser();

describe("Brython", () => {
  it("runs the documented example as written, alerts and all", async () => {
    const page = await openPage(browser(), "/seed.html");
    page.dialogs = [];
    await page.waitForFunction(() => typeof window._test === "function");
    await page.fill("#data", "hello ☃ 😀");
    await page.click("button:text-is(\"Send\")");
    await waitFor(() => page.dialogs.length >= 2);
    await page.click("button:text-is(\"Close connection\")");
    await waitFor(() => page.dialogs.length >= 3);
    assert.deepEqual(page.dialogs, [
      "Message is sent",
      "Message received : hello ☃ 😀",
      "Connection is closed",
    ]);
    assert.deepEqual(page.pageErrors, []);
  });

  it("has websocket() as a builtin when Brython starts, on every one of 20 loads", async () => {
    const page = await openPage(browser(), "/e2e/toplevel.html");
    for (let load = 1; load <= 20; load++) {
      if (load > 1) await page.reload();
      await page.waitForSelector("body[data-result]", { state: "attached", timeout: 10_000 });
      const result = await page.getAttribute("body", "data-result");
      assert.equal(result, "echoed: hello from the top level", `load ${load}`);
    }
    const errors = page.consoleMessages.filter((m) => m.startsWith("error") && !m.includes("404"));
    assert.deepEqual(errors, []);
    assert.deepEqual(page.pageErrors, []);
  });

  it("raises Brython's own NotImplementedError when the browser has no WebSocket", async () => {
    const page = await openPage(browser(), "/e2e/no-websocket.html");
    await page.waitForSelector("body[data-result]", { state: "attached" });
    assert.equal(
      await page.getAttribute("body", "data-result"),
      "has_websocket=False | NotImplementedError: WebSocket is not supported by this browser",
    );
  });

  it("install() from /pkg/pyws.js adds the builtin, twice harmlessly, and rejects other objects", async () => {
    const page = await openPage(browser(), "/e2e/install.html");
    await page.waitForSelector("body[data-done]", { state: "attached" });
    assert.deepEqual(await page.evaluate(() => window.pywsResults), [
      "TypeError: pyws install(): expected a Python runtime: Brython's __BRYTHON__, the object loadPyodide() returns, or the one loadMicroPython() returns",
      "echo: installed",
    ]);
  });

  it("leaves no WebSocket and no growing heap behind after 1000 open/send/close cycles", async () => {
    const page = await openPage(browser(), "/e2e/cycles.html");
    await page.waitForSelector("body[data-ready]", { state: "attached" });
    const cdp = await page.context().newCDPSession(page);
    const measure = async () => {
      for (let i = 0; i < 3; i++) {
        await cdp.send("HeapProfiler.collectGarbage");
        await page.waitForTimeout(100); // FinalizationRegistry callbacks run after GC
      }
      const { usedSize } = await cdp.send("Runtime.getHeapUsage");
      const { result: proto } = await cdp.send("Runtime.evaluate", { expression: "WebSocket.prototype" });
      const { objects } = await cdp.send("Runtime.queryObjects", { prototypeObjectId: proto.objectId });
      const { result: count } = await cdp.send("Runtime.callFunctionOn", {
        objectId: objects.objectId,
        functionDeclaration: "function () { return this.length; }",
        returnByValue: true,
      });
      return { heap: usedSize, sockets: count.value };
    };
    const cycles = async (n) => {
      await page.evaluate((n) => window.pywsCycles(n), n);
      await page.waitForSelector(`body[data-cycles="${n}"]`, { state: "attached", timeout: 120_000 });
    };
    await cycles(50); // warm up: JIT, Brython's caches
    const before = await measure();
    await cycles(1000);
    const after = await measure();
    const growth = after.heap - before.heap;
    console.log(`# 1000 cycles: JS heap ${before.heap} -> ${after.heap} bytes (${growth >= 0 ? "+" : ""}${growth}), ` +
      `live WebSocket objects ${before.sockets} -> ${after.sockets}`);
    assert.equal(after.sockets, 0, "every WebSocket was collected");
    // A leak of one small object per cycle would show as tens of kilobytes.
    assert.ok(growth < 512 * 1024, `the heap grew by ${growth} bytes over 1000 cycles`);
  });
});

async function waitFor(condition, timeout = 10_000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeout) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
