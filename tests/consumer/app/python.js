// Pyodide with pyws/python: Python echoes one message and shows the reply.
import init, { install } from "pyws/python";

export async function main(initArgument) {
  const [pyodide] = await Promise.all([globalThis.loadPyodide({ indexURL: "/vendor/pyodide/" }), init(initArgument)]);
  install(pyodide);
  await pyodide.runPythonAsync(`
from js import document
async with websocket("/echo") as ws:
    ws.send("hello from Pyodide")
    document.querySelector("#out").textContent = await ws.recv()
`);
}
