// The runner of gql.html: see there.
import { loadInterpreter } from "/runtimes.js";
import { found, installed } from "./installed.js";
import { PRINT_PRELUDE } from "./printed.js";

const params = new URLSearchParams(location.search);

// An echo through the websockets API, as hello.py of the websockets
// documentation does it.
const ECHO = `
import websockets
async with websockets.connect(ECHO_URL) as ws:
    await ws.send("Hello world!")
    print(await ws.recv())
`;

try {
  const { runtime: pyodide } = await loadInterpreter("pyodide");
  await pyodide.loadPackage("micropip");
  pyodide.globals.set("INDEX", `${location.origin}/vendor/pypi/simple`);
  const started = performance.now();
  await pyodide.runPythonAsync(`import micropip\nawait micropip.install("gql[websockets]", index_urls=[INDEX])`);
  document.body.dataset.installMs = String(Math.round(performance.now() - started));
  pyodide.runPython(PRINT_PRELUDE);
  if (params.get("case") === "real-websockets") {
    pyodide.globals.set("WHEEL", `${location.origin}/vendor/pypi/real-websockets/websockets-17.0-py3-none-any.whl`);
    await pyodide.runPythonAsync("await micropip.install(WHEEL)");
    document.body.dataset.installed = await pyodide.runPythonAsync(installed("websockets", "websockets"));
    // Every directory on sys.path that has a websockets package, in order.
    document.body.dataset.found = pyodide.runPython(found("websockets"));
    pyodide.globals.set("ECHO_URL", `ws://${location.host}/echo`);
    await pyodide.runPythonAsync(ECHO);
  } else {
    document.body.dataset.installed = await pyodide.runPythonAsync(installed("websockets", "websockets"));
    let source = await (await fetch("gql/websockets_async.py")).text();
    source = source.replaceAll("wss://countries.trevorblades.com/graphql", params.get("server"));
    if (params.get("entry") === "await") source = source.replace(/asyncio\.run\((.*)\)\s*$/, "await $1\n");
    await pyodide.runPythonAsync(source);
  }
  document.body.dataset.ran = "true";
} catch (error) {
  document.body.dataset.error = String(error?.message || error);
}
