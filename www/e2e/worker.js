// A dedicated module worker running Python with pyws: nothing may assume
// `window`. Posts what the Python code saw.
import init, { install } from "/pkg/pyws_python.js";
import { RELEASES } from "/runtimes.js";

const params = new URL(self.location.href).searchParams;
const interpreter = params.get("interpreter");
const dir = RELEASES[interpreter][params.get("release") ?? "newest"];

async function load() {
  await init();
  if (interpreter === "pyodide") {
    const { loadPyodide } = await import(`${dir}pyodide.mjs`);
    return loadPyodide({ indexURL: dir });
  }
  const { loadMicroPython } = await import(`${dir}micropython.mjs`);
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
