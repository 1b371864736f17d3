// What the Pyodide and MicroPython adapters share: the `_pyws` JS module
// their Python shim (websocket.py) calls.
//
// Every function returns [none, value], or none when it has no value, or
// [name, message] for a failure (the JS error's name, which the shim maps
// to a Python exception), and every promise resolves to the same and never
// rejects: a JS exception thrown into MicroPython cannot be caught by Python
// code, and one convention serves both interpreters. (A call with no value
// gives none, not [none, none]: send() runs for every message, and in
// Pyodide an array returned to Python is a new proxy.) The shim reads it in
// one place (`_ok`).

/** What `err` becomes for the shim: [its name, its message]. */
const failure = (err) => (err instanceof Error ? [err.name, err.message] : ["Error", String(err)]);

/** MicroPython hands over strings holding NUL as String objects. */
const text = (value) => (value instanceof String ? value.valueOf() : value);

/** Detects the interpreter an object comes from. */
export function runtimeKind(runtime) {
  if (runtime === null || typeof runtime !== "object") return "";
  const has = (name) => typeof runtime[name] === "function";
  if (has("runPython") && has("pyimport") && has("loadPackage")) return "pyodide";
  if (has("runPython") && has("pyimport") && has("registerJsModule") && has("replInit")) return "micropython";
  return "";
}

/**
 * Installs `websocket` into a Pyodide or MicroPython runtime. `open` is the
 * core's socket constructor; `install` and `shim` the shared Python source
 * (install.py, run now, and websocket.py, which install.py's websocket()
 * runs from `_pyws.shim` at its first call); `modules` what is written
 * under PYTHON_DIR, which goes first on sys.path, for the Python packages
 * pyws adds (JSON: their top-level names, and the `.dist-info` files, path
 * -> text), and `source` where their sources come from (see modules.js);
 * `platform` what differs between the interpreters:
 *   python   Python source defining the shim's platform helpers
 *   run(source)  runs Python source in a namespace of its own
 *   fs       the interpreter's (Emscripten) file system
 *   release(value)  frees a proxy the core no longer holds
 *   module(base)  extra functions for the `_pyws` module, given its base
 *   none     the JS value the interpreter turns into None (Pyodide makes
 *            null a `jsnull`, MicroPython makes undefined a proxy)
 */
const installed = new WeakSet();

/** Where the Python packages pyws adds live: first on sys.path, so they win
 * the import over any installed later (micropip's go to site-packages). */
const PYTHON_DIR = "/pyws/python";

/**
 * What stands at `path`, a top-level package's `__init__.py` or a module,
 * until its first import: it writes the real files over itself (from
 * `_pyws.unpack`) and runs the real one in its own module.
 */
const stub = (name, path) => `import _pyws
_f, _s = _pyws.unpack("${name}")
del _pyws
if _f is not None:
    raise ImportError(_s)
del _f
exec(compile(_s, "${path}", "exec"))
del _s
`;

/** Writes each of `files` (path -> text) under `dir` in `fs`, as bytes:
 * Emscripten's FS encodes a string to UTF-8 in JS, several times slower
 * than TextEncoder. */
function writeFiles(fs, dir, files) {
  const utf8 = new TextEncoder();
  const made = new Set();
  const mkdirs = (path) => {
    const parts = path.split("/");
    for (let i = 2; i <= parts.length; i++) {
      const sub = parts.slice(0, i).join("/");
      if (made.has(sub)) continue;
      made.add(sub);
      try {
        fs.mkdir(sub);
      } catch {
        // it exists
      }
    }
  };
  for (const [path, text] of Object.entries(files)) {
    const file = `${dir}/${path}`;
    mkdirs(file.slice(0, file.lastIndexOf("/")));
    fs.writeFile(file, utf8.encode(text));
  }
}

export function installPython(runtime, open, install, shim, modules, source, platform) {
  if (installed.has(runtime)) return;
  const { python: names, files } = JSON.parse(modules);
  // Packages only: a top-level module's stub would be `${name}.py`.
  for (const name of names) files[`${name}/__init__.py`] = stub(name, `${PYTHON_DIR}/${name}/__init__.py`);
  writeFiles(platform.fs, PYTHON_DIR, files);
  // A package's first import: its files over its stub, and its real
  // __init__.py's source, for the stub to run.
  const unpack = (name) => {
    const real = source.files("python", name);
    writeFiles(platform.fs, PYTHON_DIR, real);
    return real[`${name}/__init__.py`];
  };
  const base = jsModule(open, () => hooks, platform.none, unpack);
  const module = Object.assign(base, platform.module(base), { shim });
  const hooks = {
    // The fields each kind of event carries, as the trampolines take them.
    event: (type, target, data, code, reason, wasClean, unsent, attempt, delay) =>
      type === "message"
        ? typeof data === "string" ? [type, data] : [type, undefined, data]
        : type === "close"
          ? [type, undefined, undefined, code, reason, wasClean, unsent]
          : type === "reconnect"
            ? [type, undefined, undefined, code, reason, undefined, undefined, attempt, delay]
            : [type],
    // A message's trampoline takes only the data (see _trampoline), and the
    // core calls it itself: trampoline(text) or trampoline(undefined, bytes).
    takesData: true,
    call: (trampoline, arity, fields) => trampoline(...fields),
    release: platform.release,
  };
  runtime.registerJsModule("_pyws", module);
  platform.run(`import _pyws\nimport sys\nsys.path.insert(0, "${PYTHON_DIR}")\n${platform.python}\n${install}\n`);
  installed.add(runtime);
}

/** The `_pyws` module. `open` is the core's socket constructor; `hooks()`
 * gives the adapter's hooks; `none` is the JS value the interpreter turns
 * into None; `unpack(name)` writes a package's files at its first import
 * and gives its `__init__.py`. */
function jsModule(open, hooks, none, unpack) {
  const given = (value) => value ?? undefined;
  const ok = (value) => (value === undefined ? none : [none, value ?? none]);
  /** [none, what `action` returns], or the failure it threw. */
  const guarded = (action) => {
    try {
      return ok(action());
    } catch (err) {
      return failure(err);
    }
  };
  /** The promise `action` returns as [none, its value], or one resolved
   * with the failure it threw. (The core's promises never reject.) */
  const settled = (action) => {
    try {
      return action().then(ok);
    } catch (err) {
      return Promise.resolve(failure(err));
    }
  };
  return {
    unpack: (name) => guarded(() => unpack(text(name))),
    // maxQueue: a number or None; then, for reconnection, true followed by
    // each setting given: its name and its value.
    open(url, protocols, target, maxQueue, reconnect, ...settings) {
      const options = { maxQueue: given(maxQueue), reconnect: undefined };
      if (reconnect) {
        options.reconnect = {};
        for (let i = 0; i < settings.length; i += 2) options.reconnect[text(settings[i])] = settings[i + 1];
      }
      return guarded(() => open(text(url), Array.from(protocols ?? [], text), hooks(), target, options));
    },
    // The async API: poll gives what recv would without waiting.
    readable: (socket) => settled(() => socket.readable()),
    poll: (socket) => guarded(() => socket.poll()),
    opened: (socket) => settled(() => socket.opened()),
    waitClosed: (socket) => settled(() => socket.waitClosed()),
    drain: (socket, limit) => guarded(() => settled(() => socket.drain(limit))),
    // Written out rather than guarded: it runs for every message sent.
    send(socket, data) {
      try {
        socket.send(text(data));
        return none;
      } catch (err) {
        return failure(err);
      }
    },
    close: (socket, code, reason) => guarded(() => socket.close(code ?? undefined, text(reason) ?? undefined)),
    getHandler: (socket, kind) => guarded(() => socket.getHandler(kind)),
    setHandler: (socket, kind, handler, arity) => guarded(() => socket.setHandler(kind, handler ?? undefined, arity)),
    bind: (socket, kind, handler, arity) => guarded(() => socket.bind(kind, handler, arity)),
    unbind: (socket, kind, handler) => guarded(() => socket.unbind(kind, handler ?? undefined)),
  };
}
