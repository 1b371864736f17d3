// The runner of websockets.html: see there.
import { loadInterpreter, requestedInterpreter } from "/runtimes.js";
import { PRINT_PRELUDE } from "./printed.js";

const params = new URLSearchParams(location.search);
// Brython prints a traceback to sys.stderr (an exception in a task, where no
// JS call throws): the first one is the page's error.
globalThis.pywsError = (text) => {
  document.body.dataset.error ??= typeof text === "string" ? text : JSON.stringify(text);
};


// Brython: its print and its sys.stderr, whose tracebacks become the error.
const BRYTHON_PRELUDE = `
import builtins, _sys
from browser import window
def _print(*args, sep=" ", end="\\n", **kwargs):
    window.pywsPrint(sep.join([str(a) for a in args]))
builtins.print = _print
class _Stderr:
    def write(self, text):
        window.pywsError(text)
    def flush(self):
        pass
_sys.stderr = _Stderr()  # sys, in Brython's standard library, is not loaded
`;

try {
  const interpreter = await loadInterpreter(requestedInterpreter());
  // ?stdlib=after: Brython's standard library loaded after pyws, as a page
  // adding it later would (its placeholder asyncio must not replace pyws's).
  if (params.get("stdlib") === "after") {
    await new Promise((resolve, reject) => {
      const script = Object.assign(document.createElement("script"), { src: "/vendor/brython/brython_stdlib.js" });
      script.onload = resolve;
      script.onerror = () => reject(new Error("cannot load brython_stdlib.js"));
      document.head.append(script);
    });
  }
  let source = await (await fetch(`websockets/${params.get("script")}.py`)).text();
  // The documentation's server, ws://localhost:8765, is this one; connecting
  // to it without a path is connecting to its echo endpoint.
  const origin = `ws://${location.host}`;
  source = source.replaceAll('connect("ws://localhost:8765")', `connect("${origin}/echo")`)
    .replaceAll("ws://localhost:8765", origin);
  if (params.get("entry") === "await") source = source.replace(/asyncio\.run\((.*)\)\s*$/, "await $1\n");
  if (interpreter.name === "brython") {
    // As the page's main script: `if __name__ == "__main__"` holds.
    globalThis.__BRYTHON__.runPythonSource(BRYTHON_PRELUDE);
    globalThis.__BRYTHON__.runPythonSource(source, { id: "__main__" });
  } else {
    interpreter.runtime.runPython(PRINT_PRELUDE);
    await interpreter.runtime.runPythonAsync(source);
  }
  document.body.dataset.ran = "true";
} catch (error) {
  // A Python exception from Brython is a Brython object: its traceback.
  const $B = globalThis.__BRYTHON__;
  document.body.dataset.error = error?.ob_type && $B ? $B.error_trace(error) : String(error?.message ?? error);
}
