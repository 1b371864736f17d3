// Browser security refusals become clear Python exceptions. Chromium only:
// the https page is Playwright answering for the dev server.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { baseUrl, useBrowser } from "./playwright.mjs";

const browser = useBrowser();
const SECURE_ORIGIN = "https://pyws.test/";

/**
 * Opens `path` as if served from https://pyws.test/: Playwright answers every
 * request to that origin with the dev server's response, so the page is a
 * secure context while all traffic stays on loopback.
 */
async function openSecurePage(path) {
  const context = await browser().newContext();
  await context.route(`${SECURE_ORIGIN}**`, async (route) => {
    const url = route.request().url().replace(SECURE_ORIGIN, baseUrl);
    await route.fulfill({ response: await route.fetch({ url }) });
  });
  // Loopback counts as trustworthy, so the insecure URL names another host;
  // should the browser ever try it, Playwright answers instead of the network.
  await context.routeWebSocket(/^ws:\/\/insecure\.pyws\.test\//, (ws) => ws.close());
  const page = await context.newPage();
  await page.goto(`${SECURE_ORIGIN}${path}`);
  return page;
}

describe("browser security refusals", () => {
  it("a secure page may still open ws:// to loopback (a potentially trustworthy origin)", async () => {
    const loopback = baseUrl.replace(/^http/, "ws") + "echo";
    const page = await openSecurePage(`e2e/refusal.html?interpreter=brython&url=${encodeURIComponent(loopback)}`);
    await page.waitForSelector("body[data-result]", { state: "attached", timeout: 60_000 });
    assert.equal(await page.getAttribute("body", "data-result"), "opened");
    await page.context().close();
  });

  const insecure = "ws://insecure.pyws.test/echo";
  for (const [interpreter, exception] of [
    ["brython", "ConnectionError"],
    ["pyodide", "ConnectionError"],
    ["micropython", "OSError"],
  ]) {
    it(`a ws:// URL from an https:// page raises ${exception} in ${interpreter}`, async () => {
      const page = await openSecurePage(
        `e2e/refusal.html?interpreter=${interpreter}&url=${encodeURIComponent(insecure)}`,
      );
      await page.waitForSelector("body[data-result]", { state: "attached", timeout: 60_000 });
      const result = await page.getAttribute("body", "data-result");
      assert.equal(
        result,
        `${exception}: insecure WebSocket URL "${insecure}" from a secure (https) page: ` +
          "browsers block it as mixed content; use wss://",
      );
      await page.context().close();
    });
  }
});
