// Pyodide with pyws/python: Python echoes one message through websocket()
// and one through websockets (whose sources the bundle must have kept
// beside it, or been given: modules), and shows both replies.
import init, { install } from "pyws/python";

export async function main(initArgument, modules) {
  const [pyodide] = await Promise.all([globalThis.loadPyodide({ indexURL: "/vendor/pyodide/" }), init(initArgument)]);
  install(pyodide, modules);
  await pyodide.runPythonAsync(`
from js import document
from websockets.asyncio.client import connect
async with websocket("/echo") as ws:
    ws.send("hello from Pyodide")
    first = await ws.recv()
async with connect("ws://" + document.location.host + "/echo") as ws:
    await ws.send("and websockets")
    document.querySelector("#out").textContent = first + ", " + await ws.recv()
`);
}
