// A dedicated module worker running Python with pyws: nothing may assume
// `window`. Posts what the Python code saw.
import init, { install } from "/pkg/pyws_python.js";

const interpreter = new URL(self.location.href).searchParams.get("interpreter");

async function load() {
  await init();
  if (interpreter === "pyodide") {
    const { loadPyodide } = await import("/vendor/pyodide/pyodide.mjs");
    return loadPyodide({ indexURL: "/vendor/pyodide/" });
  }
  const { loadMicroPython } = await import("/vendor/micropython/micropython.mjs");
  return loadMicroPython();
}

try {
  const runtime = await load();
  install(runtime);
  runtime.runPython(`
import js

ws = websocket("/echo")
seen = []

def on_open():
    ws.send("from a worker")
    ws.send(b"\\x00\\x01")

def on_message(evt):
    seen.append(repr(evt.data))
    if len(seen) == 2:
        ws.close()

def on_close(evt):
    js.postMessage(" | ".join(seen) + " | closed %d" % evt.code)

ws.on_open = on_open
ws.on_message = on_message
ws.on_close = on_close
`);
} catch (err) {
  self.postMessage(`error: ${err}`);
}
