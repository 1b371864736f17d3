// The Pyodide adapter: the platform helpers the shared Python shim
// (websocket.py) needs under Pyodide; python_host.js does the rest.
//
// Proxies: the only Python objects the core keeps are the handlers'
// trampolines, each a create_proxy() proxy destroyed through the core's
// `release` hook when it is replaced, cleared, or the socket has closed.
// Events cross as plain values, so nothing is left for Pyodide's "borrowed
// proxy was automatically destroyed" path.

import { installPython } from "./python_host.js";

const PYTHON = `
from pyodide.ffi import create_proxy as _proxy, to_js as _to_js

_ConnectionError = ConnectionError

def _js_text(s):
    return s

_send_text = _pyws.send  # str crosses as it is: no Python call in between

def _js_list(items):
    return _to_js(items)

def _bytes_from_js(view):
    return view.to_bytes()

def _send_bytes(socket, data):
    return _pyws.send(socket, _to_js(data))

def _report(exc):
    import traceback  # only when needed: importing it slows start-up
    traceback.print_exception(exc)
`;

const destroy = (proxy) => proxy?.destroy?.();

export function installPyodide(pyodide, open, install, shim, modules, source) {
  installPython(pyodide, open, install, shim, modules, source, {
    python: PYTHON,
    // exec(compile()) rather than runPython: runPython parses the source
    // into an AST first (to find a last expression to return), which took
    // 35-90 ms of start-up for the shim; exec takes 10-25.
    run(source) {
      const builtins = pyodide.pyimport("builtins");
      const namespace = builtins.dict();
      const code = builtins.compile(source, "<pyws>", "exec");
      try {
        builtins.exec(code, namespace);
      } finally {
        code.destroy();
        namespace.destroy();
        builtins.destroy();
      }
    },
    fs: pyodide.FS,
    release: destroy,
    module: () => ({}),
    none: undefined,
  });
}
