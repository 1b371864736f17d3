// The runner of sgqlc.html: see there.
import { loadInterpreter } from "/runtimes.js";
import { found, installed } from "./installed.js";
import { PRINT_PRELUDE } from "./printed.js";

const params = new URLSearchParams(location.search);

// websocket-client's README short-lived example's calls, against the echo.
const ECHO = `
from websocket import create_connection
ws = create_connection(ECHO_URL)
ws.send("Hello, World")
print(ws.recv())
ws.close()
`;

let started;
try {
  const { runtime: pyodide } = await loadInterpreter("pyodide");
  await pyodide.loadPackage("micropip");
  pyodide.globals.set("INDEX", `${location.origin}/vendor/pypi/simple-sgqlc`);
  await pyodide.runPythonAsync(`import micropip\nawait micropip.install("sgqlc[websocket]", index_urls=[INDEX])`);
  pyodide.runPython(PRINT_PRELUDE);
  if (params.get("case") === "real") {
    pyodide.globals.set("WHEEL", `${location.origin}/vendor/pypi/real-websockets/websocket_client-1.9.0-py3-none-any.whl`);
    await pyodide.runPythonAsync("await micropip.install(WHEEL)");
    document.body.dataset.installed = await pyodide.runPythonAsync(installed("websocket-client", "websocket"));
    // Every directory on sys.path that has a websocket package, in order.
    document.body.dataset.found = pyodide.runPython(found("websocket"));
    pyodide.globals.set("ECHO_URL", `ws://${location.host}/echo`);
    started = performance.now();
    await pyodide.runPythonAsync(ECHO);
  } else {
    document.body.dataset.installed = await pyodide.runPythonAsync(installed("websocket-client", "websocket"));
    let source = await (await fetch("sgqlc/websocket_endpoint.py")).text();
    source = source.replaceAll("ws://sgqlc.test/graphql", params.get("server"));
    started = performance.now();
    await pyodide.runPythonAsync(source);
  }
  document.body.dataset.ran = "true";
} catch (error) {
  if (started !== undefined) document.body.dataset.errorMs = String(Math.round(performance.now() - started));
  document.body.dataset.error = String(error?.message || error);
}
