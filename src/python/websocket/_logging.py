# websocket-client's logging: the "websocket" logger, and enableTrace.
# MicroPython's logging has no NullHandler and Brython's is in its standard
# library, which a page may not load: without them nothing is logged.

try:
    import logging
except ImportError:
    logging = None

__all__ = ["enableTrace"]

_logger = logging.getLogger("websocket") if logging is not None else None


def enableTrace(traceable, handler=None, level="DEBUG"):
    """Logs what the connections do to handler (stderr by default). The
    browser builds the frames, so there are no raw frames to trace."""
    if traceable and _logger is not None:
        _logger.addHandler(handler if handler is not None else logging.StreamHandler())
        _logger.setLevel(getattr(logging, level))


def info(message):
    if _logger is not None:
        _logger.info(message)


def error(message):
    if _logger is not None:
        _logger.error(message)
