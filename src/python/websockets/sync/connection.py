# websockets.sync.connection: the blocking Connection, over the asyncio
# Connection it wraps: each call runs the asyncio call to the end with
# _blocking.block, so the two share their semantics and exceptions. Where
# blocking is impossible, the calls that wait raise RuntimeError at once
# (_blocking says why); send() waits only when more than write_limit bytes
# are buffered, so it works from a callback JavaScript called.

import asyncio

from .. import frames
from .._blocking import block, now, seconds
from .._compat import TimeoutError
from ..exceptions import ConnectionClosedOK

__all__ = ["Connection"]

# The async API each blocking call points to where it cannot block.
INSTEAD = "websockets.asyncio.client.connect() (async with connect(uri) as ws: await ws.recv())"


class Connection:
    """A WebSocket connection, as websockets.sync.client.connect() gives it:
    the asyncio Connection's API, with blocking calls."""

    def __init__(self, connection):
        self._connection = connection

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        if exc_type is None:
            self.close()
        else:
            self.close(frames.CloseCode.INTERNAL_ERROR.value)

    def __iter__(self):
        """The messages, until the connection closes normally (after an
        error, recv()'s ConnectionClosedError propagates)."""
        try:
            while True:
                yield self.recv()
        except ConnectionClosedOK:
            return

    # -- receiving -------------------------------------------------------

    def recv(self, timeout=None, decode=None):
        """The next message (see the asyncio recv() for decode): waits for
        one, at most timeout seconds if not None, else raises TimeoutError;
        with timeout 0 or less, takes one that has arrived or raises
        TimeoutError at once."""
        if isinstance(timeout, (int, float)) and not isinstance(timeout, bool) and timeout <= 0:
            done, message = now(self._connection.recv(decode))
            if not done:
                raise TimeoutError("timed out while waiting for a message")
            return message
        timeout = seconds("timeout", timeout)
        waiting = self._connection.recv(decode)
        if timeout is not None:
            waiting = _timed(waiting, timeout)
        return block("recv()", INSTEAD, waiting)

    def recv_streaming(self, decode=None):
        """The next message's fragments: one, the whole message, since the
        browser hands over whole messages."""
        yield self.recv(decode=decode)

    # -- sending ---------------------------------------------------------

    def send(self, message, text=None):
        """Sends a message: str as text, bytes-like as binary (text=True sends
        bytes as text, text=False str as binary); an iterable of fragments as
        one message. Waits only while more than write_limit bytes are
        buffered by the browser."""
        if hasattr(message, "__aiter__"):
            raise TypeError("data must be str, bytes, or iterable")
        if self._connection._write(message, text):
            block("send()", INSTEAD, self._connection._drain())

    def ping(self, data=None, ack_on_close=False):
        return now(self._connection.ping(data))[1]

    def pong(self, data=b""):
        return now(self._connection.pong(data))[1]

    # -- closing ---------------------------------------------------------

    def close(self, code=1000, reason=""):
        """Closes the connection (see the asyncio close() for the codes a page
        may send) and waits until it has closed, close_timeout seconds at
        most. Does nothing once the connection is closed."""
        self._connection._start_close(code, reason)
        if self._connection._close is None:
            block("close()", INSTEAD, self._connection.wait_closed())


async def _timed(awaitable, timeout):
    try:
        return await asyncio.wait_for(awaitable, timeout)
    except TimeoutError:
        raise TimeoutError("timed out while waiting for a message")


def _delegated(name):
    return property(lambda self: getattr(self._connection, name))


for _name in ("id", "request", "response", "state", "subprotocol", "latency", "local_address", "remote_address",
              "close_code", "close_reason", "max_size", "close_timeout"):
    setattr(Connection, _name, _delegated(_name))
