// Brython-specific behaviour: loading, the documented example and the
// missing-WebSocket case.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { openPage, useBrowser } from "./fixtures/browser.mjs";
import { alertsFor, sendThroughTheExample } from "./fixtures/seed.mjs";

const browser = useBrowser();

describe("Brython", () => {
  it("runs the documented example as written, alerts and all", async () => {
    const page = await openPage(browser(), "/seed.html");
    // Wait until Brython has run the example (the page's forwarders exist from the start).
    await page.waitFor(() => {
      try {
        return Boolean(__BRYTHON__.$getattr(__BRYTHON__.imported.example, "_test"));
      } catch {
        return false;
      }
    }, null, { what: "the example to run" });
    assert.deepEqual(await sendThroughTheExample(page, "hello ☃ 😀"), alertsFor("hello ☃ 😀"));
    assert.deepEqual(await page.pageErrors(), []);
  });

  it("has websocket() as a builtin when Brython starts, on every one of 20 loads", async () => {
    const page = await openPage(browser(), "/e2e/toplevel.html");
    for (let load = 1; load <= 20; load++) {
      if (load > 1) await page.reload();
      await page.waitForSelector("body[data-result]", { timeout: 10_000 });
      const result = await page.attribute("body", "data-result");
      assert.equal(result, "echoed: hello from the top level", `load ${load}`);
      const errors = (await page.consoleMessages()).filter((m) => m.startsWith("error") && !m.includes("404"));
      assert.deepEqual(errors, [], `load ${load}`);
      assert.deepEqual(await page.pageErrors(), [], `load ${load}`);
    }
  });

  it("has websocket() working when it is first called before pyws_brython.js's wasm has compiled", async () => {
    // The page calls it in the task that evaluates pyws_brython.js, which
    // only starts the compile: the call compiles and instantiates the wasm
    // itself (on a page whose scripts Brython runs at load, the compile has
    // usually finished and the call only instantiates it).
    const page = await openPage(browser(), "/e2e/brython-early.html");
    await page.waitForSelector("body[data-result]", { timeout: 10_000 });
    assert.equal(await page.attribute("body", "data-result"), "echoed: hello before the compile finished");
    const errors = (await page.consoleMessages()).filter((m) => m.startsWith("error") && !m.includes("404"));
    assert.deepEqual(errors, []);
    assert.deepEqual(await page.pageErrors(), []);
  });

  it("raises a RuntimeError naming the browser's error from websocket() on a page that cannot compile WebAssembly", async () => {
    const page = await openPage(browser(), "/e2e/brython-early.html?without=wasm");
    await page.waitForSelector("body[data-result]", { timeout: 10_000 });
    assert.equal(
      await page.attribute("body", "data-result"),
      "RuntimeError: pyws internal error: CompileError: compiling WebAssembly is blocked on this page",
    );
    assert.deepEqual(await page.pageErrors(), []);
  });

  it("installs from pyws_brython.js in a browser without Uint8Array.fromBase64 too", async () => {
    // The loader turns its inlined wasm into bytes with fromBase64 where the
    // browser has it (every engine tested does), and with a loop over the
    // characters where it has not: ?without=fromBase64 removes it first.
    const page = await openPage(browser(), "/e2e/toplevel.html?without=fromBase64");
    await page.waitForSelector("body[data-result]", { timeout: 10_000 });
    assert.equal(await page.attribute("html", "data-from-base64"), "undefined");
    assert.equal(await page.attribute("body", "data-result"), "echoed: hello from the top level");
    assert.deepEqual(await page.pageErrors(), []);
  });

  it("raises Brython's own NotImplementedError when the browser has no WebSocket", async () => {
    const page = await openPage(browser(), "/e2e/no-websocket.html");
    await page.waitForSelector("body[data-result]");
    assert.equal(
      await page.attribute("body", "data-result"),
      "has_websocket=False | NotImplementedError: WebSocket is not supported by this browser",
    );
  });

  it("install() from /pkg/pyws.js adds the builtin, twice harmlessly, and rejects other objects; pyws_python.js rejects Brython", async () => {
    const page = await openPage(browser(), "/e2e/install.html");
    await page.waitForSelector("body[data-done]");
    assert.deepEqual(await page.evaluate(() => window.pywsResults), [
      "TypeError: pyws install(): expected a Python runtime: Brython's __BRYTHON__, the object loadPyodide() returns, or the one loadMicroPython() returns",
      "TypeError: pyws install(): expected the object loadPyodide() or loadMicroPython() returns (this is pyws for Pyodide and MicroPython; Brython loads pyws_brython.js)",
      "echo: installed",
    ]);
  });
});
