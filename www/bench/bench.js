// One benchmark run: an approach (how Python, or plain JS, talks to a
// WebSocket) and a workload, driven from the message handler itself.
//
// Handler time is measured the same way for every approach: every "message"
// listener the page registers on a WebSocket (addEventListener or
// onmessage) is wrapped, and the time from the browser handing over the event
// to the listener returning is summed.
import { loadInterpreter } from "/runtimes.js";

const params = new URLSearchParams(location.search);
const approach = params.get("approach");
const workload = params.get("workload");
const scale = Number(params.get("scale") ?? 1);
const echoUrl = `ws://${location.host}/echo`;

// -- handler time ---------------------------------------------------------
const timing = { total: 0, count: 0 };
const timed = (listener) =>
  function (event) {
    const start = performance.now();
    try {
      return typeof listener === "function" ? listener.call(this, event) : listener.handleEvent(event);
    } finally {
      timing.total += performance.now() - start;
      timing.count += 1;
    }
  };
const addEventListener = WebSocket.prototype.addEventListener;
WebSocket.prototype.addEventListener = function (type, listener, options) {
  return addEventListener.call(this, type, type === "message" ? timed(listener) : listener, options);
};
const onmessage = Object.getOwnPropertyDescriptor(WebSocket.prototype, "onmessage");
Object.defineProperty(WebSocket.prototype, "onmessage", {
  get() { return onmessage.get.call(this); },
  set(listener) { onmessage.set.call(this, listener ? timed(listener) : listener); },
});

// -- workloads --------------------------------------------------------------
// Counts are scaled down by `scale` for smoke runs.
export const WORKLOADS = {
  pingpong: { count: 2000, size: 16, binary: false, sequential: true },
  stream: { count: 10000, size: 64, binary: false, sequential: false },
  binary64k: { count: 100, size: 65536, binary: true, sequential: true },
  binary1m: { count: 10, size: 1 << 20, binary: true, sequential: true },
};

// The workload in Python, over four names each approach defines:
// open_socket(url, on_open, on_message), send(ws, data), data_of(evt), done(...).
const PYTHON_WORKLOAD = `
def run_workload(count, size, binary, sequential):
    if binary:
        payload = bytes(i % 251 for i in range(size))
    else:
        payload = ("x" * size)
    state = {"received": 0, "bad": 0}

    def on_open(*args):
        state["t0"] = now()
        if sequential:
            send(state["ws"], payload)
        else:
            for _ in range(count):
                send(state["ws"], payload)

    def on_message(evt):
        data = data_of(evt)
        if binary and data != payload:
            state["bad"] += 1
        state["received"] += 1
        if state["received"] == count:
            done(now() - state["t0"], state["bad"])
        elif sequential:
            send(state["ws"], payload)

    state["ws"] = open_socket(ECHO_URL, on_open, on_message)
`;

// How each approach opens a socket, sends and reads data, in Python.
const PYWS = `
def open_socket(url, on_open, on_message):
    ws = websocket(url)
    ws.on_open = on_open
    ws.on_message = on_message
    return ws

def send(ws, data):
    ws.send(data)

def data_of(evt):
    return evt.data
`;

const APPROACHES = {
  "js-raw": { interpreter: null },
  "pyws-brython": { interpreter: "brython", python: PYWS },
  "pyws-pyodide": { interpreter: "pyodide", python: PYWS },
  "pyws-micropython": { interpreter: "micropython", python: PYWS },
  "pyodide-js.WebSocket": {
    interpreter: "pyodide",
    python: `
from js import WebSocket, Uint8Array
from pyodide.ffi import create_proxy, to_js

def open_socket(url, on_open, on_message):
    ws = WebSocket.new(url)
    ws.binaryType = "arraybuffer"
    ws.onopen = create_proxy(on_open)
    ws.onmessage = create_proxy(on_message)
    return ws

def send(ws, data):
    ws.send(to_js(data) if isinstance(data, bytes) else data)

def data_of(evt):
    data = evt.data
    return data if isinstance(data, str) else Uint8Array.new(data).to_bytes()
`,
  },
  "micropython-js.WebSocket": {
    interpreter: "micropython",
    python: `
import js

def open_socket(url, on_open, on_message):
    ws = js.WebSocket.new(url)
    ws.binaryType = "arraybuffer"
    ws.onopen = on_open
    ws.onmessage = on_message
    return ws

def send(ws, data):
    if isinstance(data, bytes):
        # What MicroPython users write: one element at a time.
        array = js.Uint8Array.new(len(data))
        for i, byte in enumerate(data):
            array[i] = byte
        data = array
    ws.send(data)

def data_of(evt):
    data = evt.data
    return data if isinstance(data, str) else bytes(js.Uint8Array.new(data))
`,
  },
};

function finish(result) {
  window.benchResult = { approach, workload, ...result };
  document.body.dataset.done = "true";
}

async function runJs({ count, size, binary, sequential }) {
  const payload = binary ? Uint8Array.from({ length: size }, (_, i) => i % 251) : "x".repeat(size);
  const ws = new WebSocket(echoUrl);
  ws.binaryType = "arraybuffer";
  let received = 0;
  let bad = 0;
  let t0;
  ws.onopen = () => {
    t0 = performance.now();
    if (sequential) ws.send(payload);
    else for (let i = 0; i < count; i++) ws.send(payload);
  };
  ws.onmessage = (event) => {
    if (binary && event.data.byteLength !== size) bad++;
    if (++received === count) finish({ ms: performance.now() - t0, bad, count, size });
    else if (sequential) ws.send(payload);
  };
}

async function main() {
  const spec = APPROACHES[approach];
  if (!spec) throw new Error(`unknown approach ${approach}`);
  const load = WORKLOADS[workload] ? { ...WORKLOADS[workload], count: Math.max(2, Math.round(WORKLOADS[workload].count * scale)) } : null;
  if (!spec.interpreter) {
    if (workload === "startup") return finish({ startupMs: performance.now() });
    return runJs(load);
  }
  const interpreter = await loadInterpreter(spec.interpreter);
  // Start-up: from page load to websocket being callable (pyws) or the
  // interpreter being ready (the alternatives).
  const startupMs = performance.now();
  if (workload === "startup") return finish({ startupMs });
  // Plain functions: MicroPython calls JS methods without their this.
  window.benchNow = () => performance.now();
  window.benchDone = (ms, bad) => finish({ ms, bad, count: load.count, size: load.size });
  interpreter.run(`${interpreter.prelude}
ECHO_URL = ${JSON.stringify(echoUrl)}
bench_now = window.benchNow
bench_done = window.benchDone

def now():
    return bench_now()

def done(ms, bad):
    bench_done(ms, bad)
${spec.python}
${PYTHON_WORKLOAD}
run_workload(${load.count}, ${load.size}, ${load.binary ? "True" : "False"}, ${load.sequential ? "True" : "False"})
`);
}

window.benchTiming = timing;
main().catch((err) => finish({ error: String(err) }));
