// What the Pyodide and MicroPython adapters share: the `_pyws` JS module
// their Python shim (websocket.py) calls.
//
// Every function returns errors as values ([name, message]) instead of
// throwing: a JS exception thrown into MicroPython cannot be caught by Python
// code, and one convention serves both interpreters.

const CORE_ERRORS = ["ValueError", "TypeError", "ConnectionError", "NotImplementedError"];

/** A core error as [Python exception name, message]; anything else (a bug,
 * such as a trap in the wasm) as a RuntimeError. */
function failure(err) {
  return err instanceof Error && CORE_ERRORS.includes(err.name)
    ? [err.name, err.message]
    : ["RuntimeError", `pyws internal error: ${err instanceof Error ? `${err.name}: ${err.message}` : err}`];
}

/** The promise `action` returns, or one resolved with the failure it
 * threw: awaited in Python, both give a value, never an exception. */
function settled(action) {
  try {
    return action();
  } catch (err) {
    return Promise.resolve(failure(err));
  }
}

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
 * runs from `_pyws.shim` at its first call); `platform` what differs between
 * the interpreters:
 *   python   Python source defining the shim's platform helpers
 *   run(source)  runs Python source in a namespace of its own
 *   release(value)  frees a proxy the core no longer holds
 *   module(base)  extra functions for the `_pyws` module, given its base
 *   none     the JS value the interpreter turns into None (Pyodide makes
 *            null a `jsnull`, MicroPython makes undefined a proxy)
 */
const installed = new WeakSet();

export function installPython(runtime, open, install, shim, platform) {
  if (installed.has(runtime)) return;
  const base = jsModule(open, () => hooks, platform.none);
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
    // A message's trampoline takes only the data (see _trampoline).
    call: (trampoline, arity, fields) =>
      fields[0] !== "message" ? trampoline(...fields)
        : fields.length === 2 ? trampoline(fields[1]) : trampoline(undefined, fields[2]),
    release: platform.release,
  };
  runtime.registerJsModule("_pyws", module);
  platform.run(`import _pyws\n${platform.python}\n${install}\n`);
  installed.add(runtime);
}

/** The `_pyws` module. `open` is the core's socket constructor; `hooks()`
 * gives the adapter's hooks; `none` is what the
 * functions return for "no error" and "no handler". */
function jsModule(open, hooks, none) {
  const given = (value) => value ?? undefined;
  /** What `action` returns, or the failure it threw, as a value. */
  const guarded = (action) => {
    try {
      return action();
    } catch (err) {
      return failure(err);
    }
  };
  return {
    // maxQueue: a number or None; reconnect: false, or true with each
    // setting a number or None.
    open(url, protocols, target, maxQueue, reconnect, delay, factor, maxDelay, jitter, attempts, queue) {
      const options = {
        maxQueue: given(maxQueue),
        reconnect: reconnect
          ? { delay: given(delay), factor: given(factor), maxDelay: given(maxDelay),
              jitter: given(jitter), attempts: given(attempts), queue: given(queue) }
          : undefined,
      };
      return guarded(() => [none, open(text(url), Array.from(protocols ?? [], text), hooks(), target, options)]);
    },
    // The async API: promises that resolve, never reject (see the core's
    // waiters.rs), and poll, which gives what recv would without waiting.
    readable: (socket) => settled(() => socket.readable()),
    poll: (socket) => guarded(() => socket.poll() ?? none),
    opened: (socket) => settled(() => socket.opened()),
    waitClosed: (socket) => settled(() => socket.waitClosed()),
    drain: (socket, limit) => guarded(() => [none, socket.drain(limit)]),
    // Written out rather than guarded: it runs for every message sent.
    send(socket, data) {
      try {
        socket.send(text(data));
        return none;
      } catch (err) {
        return failure(err);
      }
    },
    close: (socket, code, reason) =>
      guarded(() => (socket.close(code ?? undefined, text(reason) ?? undefined), none)),
    getHandler: (socket, kind) => socket.getHandler(kind) ?? none,
    setHandler(socket, kind, handler, arity) {
      socket.setHandler(kind, handler ?? undefined, arity);
      return none;
    },
    bind: (socket, kind, handler, arity) => guarded(() => (socket.bind(kind, handler, arity), none)),
    unbind: (socket, kind, handler) => guarded(() => (socket.unbind(kind, handler ?? undefined), none)),
  };
}
