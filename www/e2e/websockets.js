// The runner of websockets.html: see there.
import { loadInterpreter, requestedInterpreter } from "/runtimes.js";

const params = new URLSearchParams(location.search);
const output = document.getElementById("output");
globalThis.pywsPrint = (line) => {
  const item = document.createElement("li");
  item.textContent = String(line);
  output.append(item);
};

// Every print() of the script becomes an item of #output.
const PRELUDE = `
import builtins, js
def _print(*args, sep=" ", end="\\n", **kwargs):
    js.pywsPrint(sep.join([str(a) for a in args]))
builtins.print = _print
del _print
`;

try {
  const interpreter = await loadInterpreter(requestedInterpreter());
  let source = await (await fetch(`websockets/${params.get("script")}.py`)).text();
  // The documentation's server, ws://localhost:8765, is this one; connecting
  // to it without a path is connecting to its echo endpoint.
  const origin = `ws://${location.host}`;
  source = source.replaceAll('connect("ws://localhost:8765")', `connect("${origin}/echo")`)
    .replaceAll("ws://localhost:8765", origin);
  if (params.get("entry") === "await") source = source.replace(/asyncio\.run\((.*)\)\s*$/, "await $1\n");
  interpreter.runtime.runPython(PRELUDE);
  await interpreter.runtime.runPythonAsync(source);
  document.body.dataset.ran = "true";
} catch (error) {
  document.body.dataset.error = String(error?.message ?? error);
}
