# websocket-client's _socket: the default timeout new connections take, and
# the raw-socket helpers, which a page cannot have (the browser owns the
# connection): each raises NotImplementedError naming the limit.

from websockets._blocking import seconds

from ._limits import not_in_a_page

__all__ = ["DEFAULT_SOCKET_OPTION", "sock_opt", "setdefaulttimeout", "getdefaulttimeout", "recv", "recv_line", "send"]

# The socket options a connection sets: none, a page has no socket.
DEFAULT_SOCKET_OPTION = []

_default_timeout = None


def setdefaulttimeout(timeout):
    """Sets the timeout (seconds, or None to wait forever) new connections
    take: for opening, and for each recv()."""
    global _default_timeout
    _default_timeout = seconds("timeout", timeout)


def getdefaulttimeout():
    return _default_timeout


_NO_SOCKET = "a page has no socket; the browser owns the connection (use a WebSocket's send() and recv())"
sock_opt = not_in_a_page("sock_opt", _NO_SOCKET)
recv = not_in_a_page("recv", _NO_SOCKET)
recv_line = not_in_a_page("recv_line", _NO_SOCKET)
send = not_in_a_page("send", _NO_SOCKET)
