# What pyws's install() runs in Pyodide and MicroPython, after the
# adapter's helpers (see websocket.py): the builtins. websocket() compiles
# the rest of the shim (websocket.py, the adapter's `_pyws.shim`) into this
# namespace at its first call, so a page pays for it only once it opens a
# socket, not at start-up.

import builtins


class ConnectionClosed(_ConnectionError):
    """Raised by recv(), opened() and drain() once the WebSocket has closed;
    code, reason and was_clean describe the close. ConnectionClosedOK for a
    clean close with 1000, 1001 or 1005, ConnectionClosedError otherwise."""

    def __init__(self, code, reason, was_clean):
        message = "WebSocket closed with code %d" % code
        if reason:
            message += " and reason '%s'" % reason
        if not was_clean:
            message += " (not clean)"
        super().__init__(message)
        self.code = code
        self.reason = reason
        self.was_clean = was_clean


class ConnectionClosedOK(ConnectionClosed):
    """The WebSocket closed normally."""


class ConnectionClosedError(ConnectionClosed):
    """The WebSocket closed with an error, or was dropped."""


def websocket(url, protocols=None, reconnect=False, max_queue=None):
    """websocket(url, protocols=None, reconnect=False, max_queue=None) ->
    WebSocket: opens a WebSocket connection (pyws). reconnect=True, or a dict
    of settings (delay, factor, max_delay, jitter, attempts, queue),
    reconnects after a lost connection. max_queue=N pauses reading while N
    received messages wait for recv(), where the browser can."""
    if "_open" not in globals():
        exec(compile(_pyws.shim, "<pyws>", "exec"), globals())
    return _open(url, protocols, reconnect, max_queue)


builtins.websocket = websocket
builtins.ConnectionClosed = ConnectionClosed
builtins.ConnectionClosedOK = ConnectionClosedOK
builtins.ConnectionClosedError = ConnectionClosedError
