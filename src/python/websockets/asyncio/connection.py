# websockets.asyncio.connection: a connection over pyws's websocket().
#
# The browser owns the socket: it makes the handshake, answers pings, and
# hands over whole messages. pyws's socket queues what arrives until recv()
# takes it (with max_queue, where the browser has WebSocketStream, it stops
# reading meanwhile), and this class adds the library's API on top: coroutine
# send(), recv(decode), close frames and their exceptions, max_size.

import asyncio

from .. import frames
from .._compat import PywsClosed as _PywsClosed, TimeoutError, random
from ..exceptions import (ConcurrencyError, ConnectionClosed, ConnectionClosedError, ConnectionClosedOK,
                          PayloadTooBig)
from ..protocol import State

__all__ = ["Connection"]


# Close codes a page may send: 1000 and 3000-4999. Any other the library
# would send (1001 going away, 1011 on an exception, 1009 for max_size)
# goes on the wire as 4000 plus its last three digits, pyws's mirror of it
# in the private-use range.
_MIRROR = 3000


def _sendable(code):
    if code == 1000 or 3000 <= code <= 4999:
        return code
    if 1000 < code < 2000:
        return code + _MIRROR
    raise ValueError("close code %r: a page may send 1000 or 3000-4999 (and pyws sends 1001-1999 as "
                     "4001-4999)" % (code,))


class _Id:
    """A connection id, as uuid.UUID prints (MicroPython has no uuid)."""

    def __init__(self):
        digits = "%032x" % random.getrandbits(32)
        for _ in range(3):
            digits = digits[8:] + "%08x" % random.getrandbits(32)
        self.hex = digits

    def __str__(self):
        h = self.hex
        return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])

    def __repr__(self):
        return "UUID('%s')" % self


class Connection:
    """A WebSocket connection: websockets' Connection API over a pyws socket."""

    def __init__(self, socket, *, max_size=2 ** 20, close_timeout=10, write_limit=2 ** 15):
        self._socket = socket
        self.id = _Id()
        self.max_size = max_size[0] if isinstance(max_size, tuple) else max_size
        self.close_timeout = close_timeout
        self.write_limit = write_limit[0] if isinstance(write_limit, tuple) else write_limit
        self._receiving = False
        self._sent = None  # the Close this side sent, once it did
        self._failure = None  # the exception recv() raises after max_size was exceeded
        self.request = None
        self.response = None
        self._close = None  # pyws's close event, once the socket has closed
        socket.bind("close", self._closed)

    def _closed(self, event):
        self._close = event

    # -- properties ------------------------------------------------------

    @property
    def state(self):
        return State.of(self._socket.ready_state)

    @property
    def subprotocol(self):
        return self._socket.protocol or None

    @property
    def latency(self):
        """0: a page cannot send pings, so none is measured."""
        return 0

    @property
    def local_address(self):
        """None: browsers do not tell a page the socket's addresses."""
        return None

    @property
    def remote_address(self):
        """None: browsers do not tell a page the socket's addresses."""
        return None

    @property
    def close_code(self):
        return None if self._close is None else self._close.code

    @property
    def close_reason(self):
        return None if self._close is None else self._close.reason

    # -- sending ---------------------------------------------------------

    async def send(self, message, text=None):
        """Sends a message: str as text, bytes-like as binary (text=True sends
        bytes as text, text=False str as binary). An iterable or async
        iterable of fragments is sent as one message: a browser cannot send
        fragments."""
        if hasattr(message, "__aiter__") and not isinstance(message, (str, bytes, bytearray, memoryview, dict)):
            fragments = []
            async for fragment in message:
                fragments.append(fragment)
            message = _joined(fragments)
        if self._write(message, text):
            await self._drain()

    def _write(self, message, text=None):
        """What send() does before it waits: hands message (str, bytes-like
        or an iterable of fragments) to the browser; True if more than
        write_limit bytes are then buffered, which send() waits out
        (_drain). The sync client sends with it too."""
        if isinstance(message, str):
            data = message.encode() if text is False else message
        elif isinstance(message, (bytes, bytearray, memoryview)):
            data = bytes(message).decode() if text is True else message
        elif isinstance(message, dict):
            raise TypeError("data must be str, bytes, iterable, or async iterable")
        else:
            try:
                fragments = list(message)
            except TypeError:
                raise TypeError("data must be str, bytes, iterable, or async iterable")
            return self._write(_joined(fragments), text)
        try:
            self._socket.send(data)
        except OSError:  # pyws: closing or closed
            self._raise_closed()
        return self._socket.buffered_amount > self.write_limit

    async def _drain(self):
        try:
            await self._socket.drain(self.write_limit)
        except _PywsClosed:
            self._raise_closed()

    async def ping(self, data=None):
        raise NotImplementedError("ping(): a page cannot send ping frames; the browser answers the server's "
                                  "pings itself (ping_interval has no effect in a browser)")

    async def pong(self, data=b""):
        raise NotImplementedError("pong(): a page cannot send pong frames; the browser answers the server's "
                                  "pings itself")

    # -- receiving -------------------------------------------------------

    async def recv(self, decode=None):
        """The next message: str for text, bytes for binary (decode=True
        decodes bytes, decode=False encodes str). Raises ConnectionClosedOK
        or ConnectionClosedError once the connection has closed."""
        if self._receiving:
            raise ConcurrencyError("cannot call recv while another coroutine is already running recv or "
                                   "recv_streaming")
        if self._failure is not None:
            self._raise_closed()
        self._receiving = True
        try:
            message = await self._socket.recv()
        except _PywsClosed as closed:
            if self._close is None:
                self._close = closed
            self._raise_closed()
        finally:
            self._receiving = False
        if self.max_size is not None:
            size = len(message) if isinstance(message, bytes) or len(message) * 4 <= self.max_size \
                else len(message.encode())
            if size > self.max_size:
                self._fail_too_big(size)
        if decode is True and isinstance(message, bytes):
            return message.decode()
        if decode is False and isinstance(message, str):
            return message.encode()
        return message

    def _fail_too_big(self, size):
        too_big = PayloadTooBig(size, self.max_size)
        reason = str(too_big)[:123]
        code = _sendable(frames.CloseCode.MESSAGE_TOO_BIG.value)
        self._sent = frames.Close(code, reason)
        self._socket.close(code, reason)
        failure = ConnectionClosedError(None, self._sent)
        failure.__cause__ = too_big
        self._failure = failure
        raise failure from too_big

    def recv_streaming(self, decode=None):
        """The next message's fragments, to iterate over with async for: one,
        the whole message, since the browser hands over whole messages."""
        return _Fragments(self, decode)

    def __aiter__(self):
        return self

    async def __anext__(self):
        try:
            return await self.recv()
        except ConnectionClosedOK:
            raise StopAsyncIteration

    # -- closing ---------------------------------------------------------

    async def close(self, code=1000, reason=""):
        """Closes the connection (see _sendable for the codes a page may send)
        and waits until it has closed, for close_timeout seconds at most."""
        self._start_close(code, reason)
        await self.wait_closed()

    def _start_close(self, code=1000, reason=""):
        """Sends the close frame, unless one was sent or the socket closed:
        what close() does before it waits."""
        if self._sent is None and self._socket.ready_state < 2:
            sent = _sendable(code)
            self._sent = frames.Close(sent, reason)
            self._socket.close(sent, reason)

    async def wait_closed(self):
        try:
            if self.close_timeout is None:
                await self._socket.wait_closed()
            else:
                await asyncio.wait_for(self._socket.wait_closed(), self.close_timeout)
        except TimeoutError:
            pass

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc_value, traceback):
        if exc_type is None:
            await self.close()
        else:
            await self.close(frames.CloseCode.INTERNAL_ERROR.value)

    # -- what closed -----------------------------------------------------

    def _raise_closed(self):
        """Raises _closed_exception(), with its cause: Brython's raise sets
        __cause__ to None unless given one with from."""
        closed = self._closed_exception()
        cause = getattr(closed, "__cause__", None)  # MicroPython's has none unless set
        if cause is not None:
            raise closed from cause
        raise closed

    def _closed_exception(self):
        """ConnectionClosedOK or ConnectionClosedError for how the connection
        ended, with the close frames received and sent."""
        if self._failure is not None:
            return self._failure
        closed = self._close
        rcvd = None
        if closed is not None and closed.was_clean:
            rcvd = frames.Close(closed.code, closed.reason)
        sent = self._sent
        if sent is None and rcvd is not None:
            # The server closed first: the browser answered with its code.
            sent = frames.Close(rcvd.code, rcvd.reason)
        both = rcvd is not None and sent is not None
        ok = both and rcvd.code in frames.OK_CLOSE_CODES and sent.code in frames.OK_CLOSE_CODES
        return (ConnectionClosedOK if ok else ConnectionClosedError)(
            rcvd, sent, (self._sent is None) if both else None)


class _Fragments:
    """An async iterator over one message's fragments: the message itself."""

    def __init__(self, connection, decode):
        self._connection = connection
        self._decode = decode
        self._done = False

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self._done:
            raise StopAsyncIteration
        self._done = True
        return await self._connection.recv(self._decode)


def _joined(fragments):
    if not fragments:
        return b""
    if all(isinstance(f, str) for f in fragments):
        return "".join(fragments)
    if all(isinstance(f, (bytes, bytearray, memoryview)) for f in fragments):
        return b"".join(bytes(f) for f in fragments)
    raise TypeError("all fragments must be of the same type")
