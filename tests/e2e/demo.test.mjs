// The demo page served by `cargo xtask demo`, against the dev server's /echo.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { baseUrl, openPage, sleep, useBrowser } from "./fixtures/browser.mjs";
import { DemoPage } from "./fixtures/demo_page.mjs";

const browser = useBrowser();
const echoUrl = baseUrl.replace(/^http/, "ws") + "echo";

describe("demo page", () => {
  it("defaults to this server's echo endpoint", async () => {
    const demo = new DemoPage(await openPage(browser(), "/"));
    await demo.ready();
    assert.equal(await demo.url(), echoUrl);
    assert.equal(await demo.state(), "closed");
  });

  for (const interpreter of ["brython", "pyodide", "micropython"]) {
    it(`connects, echoes text and bytes, and closes, in that order, in ${interpreter}`, async () => {
      await echoesInOrder(interpreter);
    });
  }

  async function echoesInOrder(interpreter) {
    const page = await openPage(browser(), `/?interpreter=${interpreter}`);
    const demo = new DemoPage(page);
    await demo.ready();
    await demo.connect();
    await demo.waitForState("open");
    await demo.send("héllo 😀");
    await demo.waitForLogLength(3);
    await demo.sendAsBytes("AB");
    await demo.waitForLogLength(5);
    await demo.closeConnection();
    await demo.waitForState("closed");
    await demo.waitForLogLength(6);
    assert.deepEqual(await demo.log(), [
      ["info", `connected to ${echoUrl}`],
      ["sent", "héllo 😀"],
      ["received", "héllo 😀"],
      ["sent", "2 bytes: [65, 66]"],
      ["received", "2 bytes: [65, 66]"],
      ["info", "closed (code 1000)"],
    ]);
    assert.equal(await page.inputValue("#interpreter"), interpreter);
    assert.deepEqual(await page.pageErrors(), []);
  }

  it("shows received data as text: markup in a message never runs", async () => {
    const page = await openPage(browser(), "/");
    const demo = new DemoPage(page);
    await demo.ready();
    await demo.connect();
    await demo.waitForState("open");
    const hostile = '<img src=x onerror="window.pwned = 1"><script>window.pwned = 2</script>';
    await demo.send(hostile);
    await demo.waitForLogLength(3);
    await sleep(200);
    assert.deepEqual((await demo.log()).slice(1), [["sent", hostile], ["received", hostile]]);
    assert.equal(await page.evaluate(() => window.pwned ?? "not set"), "not set");
    assert.equal(await page.evaluate(() => document.querySelectorAll("#log img, #log script").length), 0);
  });

  it("reports a bad URL as an error in the log", async () => {
    const demo = new DemoPage(await openPage(browser(), "/"));
    await demo.ready();
    await demo.connect("ftp://127.0.0.1/");
    await demo.waitForLogLength(1);
    assert.deepEqual(await demo.log(), [
      ["error", 'ValueError: invalid WebSocket URL "ftp://127.0.0.1/": the scheme must be ws, wss, http or https, not "ftp"'],
    ]);
  });

  it("serves the runtimes and the package with their MIME types", async () => {
    const page = await openPage(browser(), "/");
    const types = await page.evaluate(async () => {
      const type = async (path) => (await fetch(path)).headers.get("content-type");
      return {
        wasm: await type("/pkg/pyws_bg.wasm"),
        glue: await type("/pkg/pyws.js"),
        brython: await type("/vendor/brython/brython.js"),
        pyodide: await type("/vendor/pyodide/pyodide.mjs"),
        micropython: await type("/vendor/micropython/micropython.wasm"),
      };
    });
    assert.equal(types.wasm, "application/wasm");
    assert.match(types.glue, /^text\/javascript/);
    assert.match(types.brython, /^text\/javascript/);
    assert.match(types.pyodide, /^text\/javascript/);
    assert.equal(types.micropython, "application/wasm");
  });
});
