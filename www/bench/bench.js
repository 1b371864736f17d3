// One benchmark run: an approach (how Python, or plain JS, talks to a
// WebSocket) and a workload, driven from the message handler itself.
//
// Handler time is measured the same way for every approach: every "message"
// listener the page registers on a WebSocket (addEventListener or
// onmessage) is wrapped, and the time from the browser handing over the event
// to the listener returning is summed.
//
// Each approach loads only what it needs: the alternatives never load pyws.
// What an approach loads on top of its interpreter is fetched while the
// interpreter loads, as a page does (the README's Promise.all, a module
// script's fetch); what runs once the interpreter is ready is timed as what
// the approach adds to start-up.

const params = new URLSearchParams(location.search);
const approach = params.get("approach");
// `pyws-<interpreter>@baseline`: the same row with the package an earlier
// commit built (`cargo xtask bench --baseline REV` serves it at /baseline/).
const [approachName, variant] = approach.split("@");
const baseline = variant === "baseline";
const PKG = baseline ? "/baseline/pkg" : "/pkg";
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

// The workload in Python, written for each approach and kind of data as its
// users write it (see APPROACHES): no helper function between the handler
// and the socket. `on_message` reads the data once; for binary data it
// checks it too.
function pythonWorkload(spec, { count, size, binary, sequential }) {
  const send = binary ? spec.sendBinary : spec.sendText;
  const indent = (code, spaces) => code.trim().split("\n").map((line) => " ".repeat(spaces) + line).join("\n");
  return `
def run_workload():
    payload = ${binary ? `bytes(i % 251 for i in range(${size}))` : `"x" * ${size}`}
    count = ${count}
    state = {"received": 0, "bad": 0}
${indent(spec.open, 4)}

    def on_open(*args):
        state["t0"] = now()
${sequential ? indent(send, 8) : `        for _ in range(count):\n${indent(send, 12)}`}

    def on_message(evt):
        data = ${binary ? spec.dataBinary : spec.dataText}
${binary ? "        if data != payload:\n            state[\"bad\"] += 1" : ""}
        state["received"] += 1
        if state["received"] == count:
            done(now() - state["t0"], state["bad"])
${sequential ? `        else:\n${indent(send, 12)}` : ""}

${indent(spec.listen, 4)}

run_workload()
`;
}

// The start-up workload's first socket: opened, with handlers that do
// nothing.
function pythonFirstOpen(spec) {
  const indent = (code) => code.trim().split("\n").map((line) => `    ${line}`).join("\n");
  return `
window.benchReady()
_t = now()

def first_open():
    on_open = lambda *args: None
    on_message = lambda evt: None
${indent(spec.open)}
${indent(spec.listen)}

first_open()
window.benchFirstOpen(now() - _t)
`;
}

// -- interpreters -----------------------------------------------------------
// Each loads the bare interpreter; `start` runs after the approach's setup
// (Brython starts running Python only once pyws_brython.js has installed the
// builtin, as on a real page). `prelude` defines `window` in Python.
const INTERPRETERS = {
  brython: {
    async load() {
      await loadScript("/vendor/brython/brython.js");
      return {
        runtime: globalThis.__BRYTHON__,
        // Brython starts by itself only on the load event of a page that had
        // it from the start; loaded later, it is started by hand.
        start: () => globalThis.brython({ debug: 1 }),
        run: (source) => globalThis.__BRYTHON__.runPythonSource(source),
        prelude: "from browser import window",
      };
    },
  },
  pyodide: {
    async load() {
      const { loadPyodide } = await import("/vendor/pyodide/pyodide.mjs");
      const pyodide = await loadPyodide({ indexURL: "/vendor/pyodide/" });
      return { runtime: pyodide, run: (source) => pyodide.runPython(source), prelude: "from js import window" };
    },
  },
  micropython: {
    async load() {
      const { loadMicroPython } = await import("/vendor/micropython/micropython.mjs");
      // The heap the README tells a page to give: the default, but twice
      // the largest message where MicroPython 1.29's default cannot hand
      // out that much in one piece (MemoryError). (Every collection sweeps
      // the whole heap, so a larger one than that slows every row.)
      // (loadMicroPython takes an undefined heapsize as a size of 0.)
      const size = WORKLOADS[workload]?.size ?? 0;
      const heap = size >= 1 << 20 ? { heapsize: 2 * size } : {};
      const mp = await loadMicroPython({ ...heap, stderr: (line) => console.error(line) });
      return { runtime: mp, run: (source) => mp.runPython(source), prelude: "from js import window" };
    },
  },
};

// -- approaches -------------------------------------------------------------
// How each approach opens a socket, sends and reads data, in Python, and what
// it loads before its Python can run (`setup`, timed as part of start-up).

/**
 * pyws in Pyodide or MicroPython, as the README loads it: the module and
 * its wasm (init()) while the interpreter loads, install() once both are
 * there.
 */
function preloadPyws() {
  const t0 = performance.now();
  return import(`${PKG}/pyws_python.js`).then(async (pyws) => {
    const t1 = performance.now();
    await pyws.default();
    return { pyws, importMs: t1 - t0, initMs: performance.now() - t1 };
  });
}

async function setupPyws(interpreter, preloaded) {
  const t0 = performance.now();
  const { pyws, importMs, initMs } = await preloaded;
  const t1 = performance.now();
  pyws.install(interpreter.runtime);
  return { importMs, initMs, waitMs: t1 - t0, installMs: performance.now() - t1 };
}

/**
 * pyws in Brython: pkg/pyws_brython.js, fetched and compiled (modulepreload)
 * while brython.js loads, as a page's module script is, and evaluated once
 * brython.js has run. brython-install.js imports it between two marks, so its
 * evaluation (decoding the inlined wasm, starting its compile, installing
 * the adapter, all synchronous) is timed apart from any wait for the fetch;
 * the first websocket() call, in `first open`, instantiates the wasm.
 */
const brythonInstall = baseline ? "./brython-install-baseline.js" : "./brython-install.js";

function preloadPywsBrython() {
  // brython-install.js's graph: the marks are modules of their own.
  const graph = [brythonInstall, "./mark.js?pyws_brython-start", `${PKG}/pyws_brython.js`, "./mark.js?pyws_brython-end"];
  return Promise.all(graph.map((href) => preload(new URL(href, import.meta.url).href, "modulepreload")));
}

async function setupPywsBrython(_interpreter, preloaded) {
  const t0 = performance.now();
  await preloaded;
  const waitMs = performance.now() - t0;
  await import(brythonInstall);
  const installMs = performance.measure("pyws_brython.js", "pyws_brython-start", "pyws_brython-end").duration;
  return { waitMs, installMs };
}

/**
 * PyScript's `pyscript` package, from the @pyscript/core npm package at run
 * time: src/stdlib/pyscript.js is the artifact PyScript itself writes into the
 * interpreter's filesystem (its Python files as strings). Only the modules
 * websocket.py needs are written, beside a stub __init__.py: PyScript's own
 * pulls in its whole runtime (polyscript, the DOM and worker helpers), and
 * websocket.py needs from it only `config["type"]`, which util.is_awaitable
 * reads.
 */
function preloadPyScript() {
  return import("/vendor/pyscript/src/stdlib/pyscript.js");
}

async function setupPyScript(interpreter, type, preloaded) {
  const { default: stdlib } = await preloaded;
  const { FS } = interpreter.runtime;
  // The current directory is on sys.path ('') in both interpreters.
  const dir = `${FS.cwd().replace(/\/$/, "")}/pyscript`;
  FS.mkdirTree(dir);
  for (const name of ["websocket.py", "ffi.py", "util.py"]) {
    FS.writeFile(`${dir}/${name}`, stdlib.pyscript[name]);
  }
  FS.writeFile(`${dir}/__init__.py`, `config = {"type": ${JSON.stringify(type)}}\nfrom pyscript.websocket import WebSocket\n`);
  return {};
}

// How each approach's users write a socket in Python, for pythonWorkload:
//   python      definitions the page runs once, before the workload
//   open        statements making `ws`, a socket to ECHO_URL (and, for a
//               JS socket, its own `send`, bound once)
//   listen      statements making on_open and on_message its handlers
//   sendText, sendBinary   a statement sending `payload`, a str or bytes
//   dataText, dataBinary   an expression: the str or bytes `evt` carries
// pyws's users call ws.send() and read evt.data, str or bytes either way;
// a JS socket's send is bound once (a method call through a proxy costs a
// lookup each time), and binary data takes the conversion that
// interpreter's users write.
const PYWS = {
  python: "",
  open: "ws = websocket(ECHO_URL)",
  listen: "ws.on_open = on_open\nws.on_message = on_message",
  sendText: "ws.send(payload)",
  sendBinary: "ws.send(payload)",
  dataText: "evt.data",
  dataBinary: "evt.data",
};

// PyScript's documented use: its WebSocket wraps the JS one, and binary data
// arrives as a memoryview.
const PYSCRIPT = {
  python: "from pyscript import WebSocket",
  open: "ws = WebSocket(url=ECHO_URL)",
  listen: "ws.onopen = on_open\nws.onmessage = on_message",
  sendText: "ws.send(payload)",
  sendBinary: "ws.send(payload)",
  dataText: "evt.data",
  dataBinary: "bytes(evt.data)",
};

const APPROACHES = {
  "js-raw": { interpreter: null },
  "pyws-brython": { interpreter: "brython", preload: preloadPywsBrython, setup: setupPywsBrython, ...PYWS },
  "brython-browser.websocket": {
    interpreter: "brython",
    // A page lists it after brython.js; the browser fetches both at once.
    preload: () => preload("/vendor/brython/brython_stdlib.js"),
    setup: (_interpreter, preloaded) => preloaded.then(() => loadScript("/vendor/brython/brython_stdlib.js")).then(() => ({})),
    python: "from browser import websocket\nUint8Array = window.Uint8Array",
    open: 'ws = websocket.WebSocket(ECHO_URL)\nws.binaryType = "arraybuffer"\nsend = ws.send',
    listen: 'ws.bind("open", on_open)\nws.bind("message", on_message)',
    sendText: "send(payload)",
    // Brython passes bytes to JS unconverted (Uint8Array.new(data) silently
    // gives an empty array), so bytes go through a list; bytes() takes the
    // received Uint8Array as an iterable.
    sendBinary: "send(Uint8Array.new(list(payload)))",
    dataText: "evt.data",
    dataBinary: "bytes(Uint8Array.new(evt.data))",
  },
  "pyws-pyodide": { interpreter: "pyodide", preload: preloadPyws, setup: setupPyws, ...PYWS },
  "pyodide-js.WebSocket": {
    interpreter: "pyodide",
    python: "from js import WebSocket, Uint8Array\nfrom pyodide.ffi import create_proxy, to_js",
    open: 'ws = WebSocket.new(ECHO_URL)\nws.binaryType = "arraybuffer"\nsend = ws.send',
    listen: "ws.onopen = create_proxy(on_open)\nws.onmessage = create_proxy(on_message)",
    sendText: "send(payload)",
    sendBinary: "send(to_js(payload))",
    dataText: "evt.data",
    dataBinary: "Uint8Array.new(evt.data).to_bytes()",
  },
  "pyscript-pyodide": { interpreter: "pyodide", preload: preloadPyScript, setup: (i, p) => setupPyScript(i, "py", p), ...PYSCRIPT },
  "pyws-micropython": { interpreter: "micropython", preload: preloadPyws, setup: setupPyws, ...PYWS },
  "micropython-js.WebSocket": {
    interpreter: "micropython",
    python: "import js",
    open: 'ws = js.WebSocket.new(ECHO_URL)\nws.binaryType = "arraybuffer"\nsend = ws.send',
    listen: "ws.onopen = on_open\nws.onmessage = on_message",
    sendText: "send(payload)",
    // What MicroPython users write: one element at a time.
    sendBinary: `
array = js.Uint8Array.new(len(payload))
for i, byte in enumerate(payload):
    array[i] = byte
send(array)`,
    dataText: "evt.data",
    dataBinary: "bytes(js.Uint8Array.new(evt.data))",
  },
  "pyscript-micropython": { interpreter: "micropython", preload: preloadPyScript, setup: (i, p) => setupPyScript(i, "mpy", p), ...PYSCRIPT },
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
  const spec = APPROACHES[approachName];
  if (!spec || (baseline && !approachName.startsWith("pyws-"))) throw new Error(`unknown approach ${approach}`);
  const load = WORKLOADS[workload] ? { ...WORKLOADS[workload], count: Math.max(2, Math.round(WORKLOADS[workload].count * scale)) } : null;
  if (!load && workload !== "startup") throw new Error(`unknown workload ${workload}`);
  if (!spec.interpreter) {
    if (workload === "startup") return finish({ startupMs: performance.now(), setupMs: 0, pythonMs: 0 });
    return runJs(load);
  }
  // Start-up: from page load until the approach's Python can open a socket:
  // the interpreter, the approach's setup (pyws; PyScript's package;
  // Brython's stdlib), and its Python definitions and imports. Then, apart,
  // the first socket the Python opens: work an approach defers to its first
  // use (pyws compiles most of its Python shim there) shows up in it.
  const preloaded = spec.preload?.();
  preloaded?.catch(() => {}); // reported by setup, which awaits it
  const loadStart = performance.now();
  const interpreter = await INTERPRETERS[spec.interpreter].load();
  const loadMs = performance.now() - loadStart;
  const setupStart = performance.now();
  const setup = spec.setup ? await spec.setup(interpreter, preloaded) : {};
  const setupMs = performance.now() - setupStart;
  interpreter.start?.();
  // Plain functions: MicroPython calls JS methods without their this.
  window.benchNow = () => performance.now();
  window.benchDone = (ms, bad) => finish({ ms, bad, count: load.count, size: load.size });
  let ready;
  let firstOpenMs;
  window.benchReady = () => { ready = performance.now(); };
  window.benchFirstOpen = (ms) => { firstOpenMs = ms; };
  // One run: Brython runs each source as a module of its own.
  const run = load ? pythonWorkload(spec, load) : pythonFirstOpen(spec);
  const pythonStart = performance.now();
  interpreter.run(`${interpreter.prelude}
ECHO_URL = ${JSON.stringify(echoUrl)}
bench_now = window.benchNow
bench_done = window.benchDone

def now():
    return bench_now()

def done(ms, bad):
    bench_done(ms, bad)
${spec.python}
${run}
`);
  if (workload === "startup") {
    finish({ startupMs: ready, loadMs, setupMs, pythonMs: ready - pythonStart, firstOpenMs, ...setup });
  }
}

/** Fetches a script without running it, as the browser does for each
 * script a page lists: `<link rel=preload>` for a classic script,
 * `modulepreload` (which also compiles it) for a module. */
function preload(href, rel = "preload") {
  return new Promise((resolve, reject) => {
    const link = document.createElement("link");
    link.rel = rel;
    if (rel === "preload") link.as = "script";
    link.href = href;
    link.onload = resolve;
    link.onerror = () => reject(new Error(`cannot load ${href}`));
    document.head.append(link);
  });
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(script);
  });
}

window.benchTiming = timing;
main().catch((err) => finish({ error: String(err) }));
