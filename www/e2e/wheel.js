// What www/e2e/wheel.html runs, in the page or in a worker (wheel-worker.js):
// Pyodide alone (no pyws script), the wheel installed by micropip (itself
// loaded by name, as Pyodide's lock file names it) or by
// pyodide.loadPackage, then `import pyws` and an echo, and one through
// `websockets` (whose sources the wheel carries).
// Returns what Python saw.
import { loadPyodide } from "/vendor/pyodide/pyodide.mjs";

export async function installAndEcho(wheel, installer) {
  const pyodide = await loadPyodide({ indexURL: "/vendor/pyodide/" });
  if (installer === "micropip") {
    await pyodide.loadPackage("micropip");
    pyodide.globals.set("WHEEL", wheel);
    await pyodide.runPythonAsync("import micropip\nawait micropip.install(WHEEL)");
  } else {
    await pyodide.loadPackage(wheel);
  }
  return pyodide.runPythonAsync(`
import builtins
import pyws
from pyws import websocket, ConnectionClosed, ConnectionClosedOK, ConnectionClosedError

same = [websocket is builtins.websocket, ConnectionClosed is builtins.ConnectionClosed,
        ConnectionClosedOK is builtins.ConnectionClosedOK,
        ConnectionClosedError is builtins.ConnectionClosedError]
async with websocket("/echo") as ws:
    ws.send("through the wheel")
    ws.send(b"\\x00\\xff")
    received = [await ws.recv(), await ws.recv()]
try:
    await ws.recv()
except ConnectionClosedOK as exc:
    closed = exc.code
from js import location
from websockets.asyncio.client import connect
async with connect("ws://%s/echo" % location.host) as ws:
    await ws.send("and websockets")
    received.append(await ws.recv())
"%r | %s | version %s | closed %d" % (received, all(same), pyws.__version__, closed)
`);
}
