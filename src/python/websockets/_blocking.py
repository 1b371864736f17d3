# Blocking in a page, for the sync clients (websockets.sync.client and the
# websocket-client package `websocket`): the one place that decides whether
# a call may wait, and says why not when it may not.
#
# A page's Python runs on the page's thread: waiting there the ordinary way
# stops the very events it waits for. Pyodide can instead suspend the
# WebAssembly stack while the browser's event loop goes on, with JavaScript
# Promise Integration (JSPI, WebAssembly.Suspending): pyodide.ffi.run_sync,
# which works only where the engine has JSPI and Python was entered through
# runPythonAsync, an async function or callPromising. Everywhere else a
# blocking call raises RuntimeError at once, before it does anything, with
# the reason and the async API to use instead (see docs/blocking.md).

from ._compat import BRYTHON, MICROPYTHON

__all__ = ["block", "now", "seconds"]

_WHY = {
    "no_jspi": "blocking in a browser needs JavaScript Promise Integration (JSPI, WebAssembly.Suspending), "
               "which this browser does not have (Chromium and Firefox have it, WebKit not yet)",
    "sync_entry": "Python was entered synchronously (by pyodide.runPython, or a callback JavaScript called), "
                  "and Pyodide's run_sync blocks only in code entered through runPythonAsync, an async function "
                  "or callPromising",
    "micropython": "MicroPython's WebAssembly port cannot suspend Python while the page's event loop runs "
                   "(no release has a JSPI run_sync)",
    "brython": "Brython runs Python as JavaScript, which cannot wait while the page's event loop runs",
}


def _reason():
    """None if this call may block, else the key of _WHY that says why not."""
    if BRYTHON:
        return "brython"
    if MICROPYTHON:
        return "micropython"
    from pyodide.ffi import can_run_sync

    if can_run_sync():
        return None
    import js

    return "sync_entry" if hasattr(js.WebAssembly, "Suspending") else "no_jspi"


def block(call, instead, awaitable):
    """Waits for awaitable (a coroutine) and gives its result, suspending
    Python while the page's event loop goes on; or, where that is
    impossible, raises RuntimeError at once naming call, why, and the async
    API to use instead (awaitable is then closed, never started)."""
    reason = _reason()
    if reason is None:
        from pyodide.ffi import run_sync

        # The outcome crosses run_sync as a value: an exception raised
        # through it would become a JS error and back again.
        ok, value = run_sync(_outcome(awaitable))
        if ok:
            return value
        raise value
    close = getattr(awaitable, "close", None)
    if close is not None:
        close()
    raise RuntimeError("%s cannot block here: %s. Use the async API instead: %s (see pyws's docs/blocking.md)"
                       % (call, _WHY[reason], instead))


async def _outcome(awaitable):
    try:
        return True, await awaitable
    except BaseException as exc:
        return False, exc


def now(coroutine):
    """Runs coroutine as far as it goes without waiting: (True, its result)
    if it finished, else (False, None), the coroutine closed. Its exceptions
    propagate."""
    try:
        coroutine.send(None)
    except StopIteration as done:
        return True, done.value
    coroutine.close()
    return False, None


def seconds(name, value):
    """value, checked as how long a blocking call may wait: None (no limit)
    or a number of seconds, at least 0."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError("%s must be a number of seconds or None, not %s" % (name, type(value).__name__))
    if not value >= 0:
        raise ValueError("%s=%r: a number of seconds must be 0 or more" % (name, value))
    return value
