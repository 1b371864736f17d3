// The runner of sync.html: see there.
import { loadInterpreter, requestedInterpreter } from "/runtimes.js";
import { PRINT_PRELUDE } from "./printed.js";

const params = new URLSearchParams(location.search);
const origin = `ws://${location.host}`;

// The examples' servers, as this dev server stands in for them: the
// websockets examples' echo server; echo.websocket.events, which greets
// first, then echoes; and the market data feeds of websocket-client's
// WebSocketApp examples, as three messages and a close.
const SERVERS = [
  ["ws://localhost:8765", `${origin}/echo`],
  ["ws://echo.websocket.events/", `${origin}/greet`],
  ["wss://testnet.binance.vision/ws/btcusdt@trade", `${origin}/flood?count=3&size=8&close=1`],
  ["wss://api.gemini.com/v1/marketdata/BTCUSD", `${origin}/flood?count=2&size=8&close=1`],
  ["ws://pyws.test", origin],
];

// While the page lives: a timer ticking, and #poke, which sends through a
// WebSocket of the page's own and, at its echo, calls pywsWake() (which
// responsive.py defines). What they saw is in globalThis.pywsSeen.
globalThis.pywsSeen = { ticks: 0, clicks: 0, echoes: 0 };
setInterval(() => { globalThis.pywsSeen.ticks += 1; }, 10);
document.getElementById("poke").addEventListener("click", () => {
  globalThis.pywsSeen.clicks += 1;
  const other = new WebSocket(`${origin}/echo`);
  other.onopen = () => other.send("poke");
  other.onmessage = () => {
    globalThis.pywsSeen.echoes += 1;
    other.close();
    globalThis.pywsWake();
  };
});

// Brython: its print, and its tracebacks as the page's error.
const BRYTHON_PRELUDE = `
import builtins
from browser import window
def _print(*args, sep=" ", end="\\n", **kwargs):
    window.pywsPrint(sep.join([str(a) for a in args]))
builtins.print = _print
`;

let started;
try {
  const interpreter = await loadInterpreter(requestedInterpreter());
  let source = await (await fetch(`sync/${params.get("script")}.py`)).text();
  for (const [from, to] of SERVERS) source = source.replaceAll(from, to);
  if (interpreter.name === "pyodide") {
    // The semantics scripts' harness, importable from the working directory.
    interpreter.runtime.FS.writeFile("checks.py", await (await fetch("sync/checks.py")).text());
  }
  // The clients imported before the clock starts: data-error-ms is how long
  // the script took to fail, not how long an interpreter took to compile
  // them (Brython compiles each module at its first import).
  const IMPORTS = "import websocket, websockets.sync.client";
  if (interpreter.name === "brython") globalThis.__BRYTHON__.runPythonSource(IMPORTS);
  else interpreter.runtime.runPython(IMPORTS);
  started = performance.now();
  if (interpreter.name === "brython") {
    globalThis.__BRYTHON__.runPythonSource(BRYTHON_PRELUDE);
    globalThis.__BRYTHON__.runPythonSource(source, { id: "__main__" });
  } else {
    interpreter.runtime.runPython(PRINT_PRELUDE);
    if (params.get("entry") === "sync") interpreter.runtime.runPython(source);
    else await interpreter.runtime.runPythonAsync(source);
  }
  document.body.dataset.ran = "true";
} catch (error) {
  if (started !== undefined) document.body.dataset.errorMs = String(Math.round(performance.now() - started));
  const $B = globalThis.__BRYTHON__;
  document.body.dataset.error = error?.ob_type && $B ? $B.error_trace(error) : String(error?.message ?? error);
}
