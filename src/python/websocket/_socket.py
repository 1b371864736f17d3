# websocket-client's default timeout, which connections take when given none.

__all__ = ["setdefaulttimeout", "getdefaulttimeout"]

_default_timeout = None


def setdefaulttimeout(timeout):
    """Sets the timeout (seconds, or None to wait forever) new connections
    take: for opening, and for each recv()."""
    global _default_timeout
    _default_timeout = timeout


def getdefaulttimeout():
    return _default_timeout
