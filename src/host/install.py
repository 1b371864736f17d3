# What pyws's install() runs in Pyodide and MicroPython, after the
# adapter's helpers (see websocket.py): the builtins. websocket() compiles
# the rest of the shim (websocket.py, the adapter's `_pyws.shim`) into this
# namespace at its first call, so a page pays for it only once it opens a
# socket, not at start-up. The "pyws:doc:" docstrings are filled in from
# src/host/api.rs when the shim is built.

import builtins


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


builtins.websocket = websocket
builtins.ConnectionClosed = ConnectionClosed
builtins.ConnectionClosedOK = ConnectionClosedOK
builtins.ConnectionClosedError = ConnectionClosedError
