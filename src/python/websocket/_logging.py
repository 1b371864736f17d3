# websocket-client's logging: the "websocket" logger, enableTrace, and the
# helpers the library logs with. MicroPython's logging lacks most of this
# and Brython's is in its standard library, which a page may not load:
# without it nothing is logged.

try:
    import logging
except ImportError:
    logging = None

__all__ = ["enableTrace", "dump", "error", "warning", "debug", "trace", "isEnabledForError", "isEnabledForDebug",
           "isEnabledForTrace"]

_logger = logging.getLogger("websocket") if logging is not None else None
_trace = [False]


def enableTrace(traceable, handler=None, level="DEBUG"):
    """Logs what the connections do to handler (stderr by default). The
    browser builds the frames, so there are no raw frames to trace."""
    _trace[0] = bool(traceable)
    if traceable and _logger is not None:
        _logger.addHandler(handler if handler is not None else logging.StreamHandler())
        _logger.setLevel(getattr(logging, level))


def _log(level, message):
    if _logger is not None:
        getattr(_logger, level)(message)


def dump(title, message):
    if _trace[0]:
        _log("debug", "--- %s ---\n%s\n-----------------------" % (title, message))


def error(msg):
    _log("error", msg)


def warning(msg):
    _log("warning", msg)


def debug(msg):
    _log("debug", msg)


def info(msg):
    _log("info", msg)


def trace(msg):
    if _trace[0]:
        _log("debug", msg)


def _enabled(level):
    return _logger is not None and _logger.isEnabledFor(getattr(logging, level))


def isEnabledForError():
    return _enabled("ERROR")


def isEnabledForDebug():
    return _enabled("DEBUG")


def isEnabledForTrace():
    return _trace[0]
