// The MicroPython adapter (the PyScript variant of MicroPython-wasm): the
// platform helpers the shared Python shim (websocket.py) needs under
// MicroPython; python_host.js does the rest.
//
// MicroPython hands JS typed arrays to Python as opaque proxies (bytes() of
// one crosses into JS once per byte), does not export its heap, and its
// Python-to-JS strings stop at the first NUL. So binary data crosses as hex
// text converted by native code on both sides (Uint8Array.toHex/fromHex,
// bytes.fromhex/.hex), and text holding NUL crosses as UTF-8 hex too.
// Python objects handed to JS are freed by MicroPython's own
// FinalizationRegistry, so there is nothing to release by hand.

import { installPython } from "./python_host.js";

const PYTHON = `
import sys as _sys

try:
    _ConnectionError = ConnectionError
except NameError:
    _ConnectionError = OSError

def _proxy(value):
    return value

def _js_text(s):
    return s if "\\x00" not in s else _pyws.textFromHex(s.encode().hex())

def _send_text(socket, s):  # _js_text written out: it runs for every message sent
    return _pyws.send(socket, s if "\\x00" not in s else _pyws.textFromHex(s.encode().hex()))

def _js_list(items):
    return _pyws.list(*items)

def _bytes_from_js(hex_text):
    return bytes.fromhex(hex_text)

def _send_bytes(socket, data):
    return _pyws.sendHex(socket, data.hex())

def _report(exc):
    _sys.print_exception(exc, _sys.stderr)
`;

const fromHex = (hex) =>
  Uint8Array.fromHex ? Uint8Array.fromHex(hex) : Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
const toHex = (bytes) =>
  bytes.toHex ? bytes.toHex() : Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

export function installMicroPython(mp, open, install, shim) {
  installPython(mp, open, install, shim, {
    python: PYTHON,
    run(source) {
      // exec in a dict of its own, so nothing lands in the user's __main__.
      mp.registerJsModule("_pyws_source", { source });
      mp.runPython("def _pyws_run():\n import _pyws_source\n exec(_pyws_source.source, {'__name__': 'pyws'})\n_pyws_run()\ndel _pyws_run");
    },
    binary: toHex,
    release() {},
    module: (base) => ({
      // b"".hex() does not arrive as a JS string.
      sendHex: (socket, hex) => base.send(socket, typeof hex === "string" ? fromHex(hex) : new Uint8Array(0)),
      textFromHex: (hex) => new String(new TextDecoder().decode(fromHex(hex))),
      list: (...items) => items,
    }),
    none: null,
  });
}
