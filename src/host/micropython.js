// The MicroPython adapter (the PyScript variant of MicroPython-wasm): the
// platform helpers the shared Python shim (websocket.py) needs under
// MicroPython; python_host.js does the rest.
//
// MicroPython hands JS typed arrays to Python as opaque proxies (bytes() of
// one crosses into JS once per byte), exports its memory only from 1.29 on,
// and its Python-to-JS strings stop at the first NUL. So bytes cross through
// a device file the adapter adds to MicroPython's (Emscripten's) file system,
// /dev/pyws: reading it copies the message JS staged into the bytes object
// MicroPython allocates, and (before 1.29) any read or write hands the device
// MicroPython's memory, through which JS then reads what Python sends at the
// address uctypes.addressof() gives. One native copy each way; text holding
// NUL crosses as UTF-8 bytes the same way.
// Python objects handed to JS are freed by MicroPython's own
// FinalizationRegistry, so there is nothing to release by hand.

import { installPython } from "./python_host.js";

// _at(fn, first, data) calls fn(first, address, length) of bytes data in
// MicroPython's memory. JS answers False while it has no current view of that
// memory (before the device's first use, or after the memory grew); a write
// to the device gives it one.
const PYTHON = `
import sys as _sys
from uctypes import addressof as _addressof

try:
    _ConnectionError = ConnectionError
except NameError:
    _ConnectionError = OSError

_device_file = None

def _device():
    global _device_file
    if _device_file is None:
        _device_file = open(_pyws.device(), "r+b")
    return _device_file

def _at(fn, first, data):
    result = fn(first, _addressof(data), len(data))
    if result is False:
        _device().write(b"\\0")
        result = fn(first, _addressof(data), len(data))
    return result

def _proxy(value):
    return value

def _js_text(s):
    return s if "\\x00" not in s else _at(_pyws.textAt, None, s.encode())

# What runs for every message, looked up once: each lookup of a JS
# object's attribute makes a new proxy.
_js_send = _pyws.send
_js_stage = _pyws.stage
_js_send_at = _pyws.sendAt

def _send_text(socket, s):  # _js_text written out: it runs for every message sent
    return _js_send(socket, s if "\\x00" not in s else _at(_pyws.textAt, None, s.encode()))

def _js_list(items):
    return _pyws.list(*items)

def _bytes_from_js(view):
    return _device().read(_js_stage(view))

def _send_bytes(socket, data):
    return _at(_js_send_at, socket, data if type(data) is not memoryview else bytes(data))

def _report(exc):
    _sys.print_exception(exc, _sys.stderr)
`;

const EMPTY = new Uint8Array(0);

/** Adds the device at `path` to MicroPython's file system. `take()` gives
 * the bytes a read copies; `seen(memory)` is told MicroPython's memory at
 * each read or write. */
function addDevice(fs, path, take, seen) {
  // A major number Emscripten's own devices (1, 5, 6, 64 and up) leave free.
  const id = fs.makedev(42, 0);
  fs.registerDevice(id, {
    read(stream, memory, offset, length) {
      seen(memory);
      const data = take();
      const n = Math.min(length, data.length);
      new Uint8Array(memory.buffer, memory.byteOffset + offset, n).set(data.subarray(0, n));
      return n;
    },
    write(stream, memory, offset, length) {
      seen(memory);
      return length;
    },
  });
  fs.mkdev(path, 0o666, id);
  return path;
}

export function installMicroPython(mp, open, install, shim, modules, source) {
  let staged = EMPTY; // the message the next read of the device copies
  const take = () => {
    const data = staged;
    staged = EMPTY; // not kept once read
    return data;
  };
  let memory = new Int8Array(0); // Emscripten's HEAP8 as the device last saw it
  // MicroPython 1.29 and later export HEAPU8 on their Emscripten module, a
  // view of their memory it keeps current: then bytes are read from it
  // directly, and the device is only for receiving. (Before, HEAPU8 is a
  // getter there that aborts the runtime when read: look, do not touch.)
  const heap = mp._module && Object.getOwnPropertyDescriptor(mp._module, "HEAPU8");
  const current = heap && "value" in heap ? () => mp._module.HEAPU8 : () => memory;
  /** `length` bytes at `address` in MicroPython's memory, or false while
   * pyws has no current view of it (a grown memory detaches the old one). */
  const at = (address, length) => {
    const view = current();
    return length === 0 ? EMPTY : view.length === 0 ? false : new Uint8Array(view.buffer, address >>> 0, length);
  };
  let device;
  installPython(mp, open, install, shim, modules, source, {
    python: PYTHON,
    run(source) {
      // exec in a dict of its own, so nothing lands in the user's __main__.
      mp.registerJsModule("_pyws_source", { source });
      mp.runPython("def _pyws_run():\n import _pyws_source\n exec(_pyws_source.source, {'__name__': 'pyws'})\n_pyws_run()\ndel _pyws_run");
    },
    fs: mp.FS,
    release() {},
    module: (base) => ({
      // Added at the first use of binary data, not at install.
      device: () => (device ??= addDevice(mp.FS, "/dev/pyws", take, (seen) => { memory = seen; })),
      stage(view) {
        staged = view;
        return view.length;
      },
      sendAt(socket, address, length) {
        const view = at(address, length);
        return view && base.send(socket, view);
      },
      textAt(_, address, length) {
        const view = at(address, length);
        return view && new String(new TextDecoder().decode(view));
      },
      list: (...items) => items,
    }),
    none: null,
  });
}
