# What pyws's install() runs in Pyodide and MicroPython, after the
# adapter's helpers (see websocket.py): the builtins. websocket() compiles
# the rest of the shim (websocket.py, the adapter's `_pyws.shim`) into this
# namespace at its first call, so a page pays for it only once it opens a
# socket, not at start-up. The "pyws:doc:" docstrings and "pyws:version"
# are filled in from src/host/api.rs when the shim is built.

import builtins
import sys


def _load():
    """Runs the rest of the shim, once."""
    if "_open" not in globals():
        exec(compile(_pyws.shim, "<pyws>", "exec"), globals())


class ConnectionClosed(_ConnectionError):
    """pyws:doc:ConnectionClosed"""

    def __init__(self, code, reason, was_clean):
        _load()
        message = _message("closed", code=code)
        if reason:
            message += _message("closed_reason", reason=reason)
        if not was_clean:
            message += _message("closed_unclean")
        super().__init__(message)
        self.code = code
        self.reason = reason
        self.was_clean = was_clean


class ConnectionClosedOK(ConnectionClosed):
    """pyws:doc:ConnectionClosedOK"""


class ConnectionClosedError(ConnectionClosed):
    """pyws:doc:ConnectionClosedError"""


def websocket(url, protocols=None, reconnect=False, max_queue=None):
    """pyws:doc:websocket"""
    _load()
    return _open(url, protocols, reconnect, max_queue)


def _module():
    """The `pyws` module, for `from pyws import websocket` (and type
    checkers, which know no new builtins): the package being imported when
    it installs pyws (the Pyodide wheel), else a module of its own."""
    module = sys.modules.get("pyws")
    if module is None:
        try:
            module = type(sys)("pyws")
        except TypeError:  # MicroPython makes no modules at run time: a class serves

            class module:
                pass

        sys.modules["pyws"] = module
    return module


_pyws_module = _module()
_pyws_module.__version__ = "pyws:version"
for _target in (builtins, _pyws_module):
    _target.websocket = websocket
    _target.ConnectionClosed = ConnectionClosed
    _target.ConnectionClosedOK = ConnectionClosedOK
    _target.ConnectionClosedError = ConnectionClosedError
