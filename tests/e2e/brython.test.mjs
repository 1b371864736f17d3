// Brython-specific behaviour: loading, the documented example and the
// missing-WebSocket case.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { openPage, useBrowser } from "./fixtures/browser.mjs";

const browser = useBrowser();

describe("Brython", () => {
  it("runs the documented example as written, alerts and all", async () => {
    const page = await openPage(browser(), "/seed.html");
    page.dialogs = [];
    // Wait until Brython has run the example (the page's forwarders exist from the start).
    await page.waitForFunction(() => {
      try {
        return Boolean(__BRYTHON__.$getattr(__BRYTHON__.imported.example, "_test"));
      } catch {
        return false;
      }
    });
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

  it("installs from pyws_brython.js in a browser without Uint8Array.fromBase64 too", async () => {
    // The loader turns its inlined wasm into bytes with fromBase64 where the
    // browser has it (Chromium does), and with a loop over the characters
    // where it has not.
    const page = await openPage(browser(), "/e2e/toplevel.html", {
      initScript: () => delete Uint8Array.fromBase64,
    });
    await page.waitForSelector("body[data-result]", { state: "attached", timeout: 10_000 });
    assert.equal(await page.evaluate(() => typeof Uint8Array.fromBase64), "undefined");
    assert.equal(await page.getAttribute("body", "data-result"), "echoed: hello from the top level");
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

  it("install() from /pkg/pyws.js adds the builtin, twice harmlessly, and rejects other objects; pyws_python.js rejects Brython", async () => {
    const page = await openPage(browser(), "/e2e/install.html");
    await page.waitForSelector("body[data-done]", { state: "attached" });
    assert.deepEqual(await page.evaluate(() => window.pywsResults), [
      "TypeError: pyws install(): expected a Python runtime: Brython's __BRYTHON__, the object loadPyodide() returns, or the one loadMicroPython() returns",
      "TypeError: pyws install(): expected the object loadPyodide() or loadMicroPython() returns (this is pyws for Pyodide and MicroPython; Brython loads pyws_brython.js)",
      "echo: installed",
    ]);
  });

});

async function waitFor(condition, timeout = 10_000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeout) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
