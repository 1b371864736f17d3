# websockets.asyncio.client: connect() and ClientConnection, over pyws.

import asyncio

from .._compat import BRYTHON, MICROPYTHON, PywsClosed as _PywsClosed, TimeoutError, random
from ..exceptions import HandshakeFailed, InvalidHandshake, InvalidStatus, InvalidURI
from ..http11 import USER_AGENT, _request, _response
from ..uri import parse_uri
from .connection import Connection

__all__ = ["connect", "unix_connect", "ClientConnection", "process_exception", "backoff"]


# What a browser cannot do for connect(), by argument: it sends its own
# headers and negotiates compression itself.
_BROWSER_LIMIT = "a page cannot %s: the browser makes the handshake itself"


class ClientConnection(Connection):
    """A client connection, as connect() gives it."""


def process_exception(exc):
    """The library's rule for async for ... in connect(): None (retry) for
    OSError and TimeoutError, and for InvalidStatus 500, 502, 503 and 504;
    the exception itself (give up) for anything else. A browser reports
    every failure to connect alike, as HandshakeFailed, an OSError: it is
    retried."""
    if isinstance(exc, (OSError, TimeoutError)):
        return None
    if isinstance(exc, InvalidStatus) and exc.response.status_code in (500, 502, 503, 504):
        return None
    return exc


def backoff(initial_delay=5.0, min_delay=3.1, max_delay=90.0, factor=1.618):
    """The library's delays between reconnection attempts: a random one up
    to initial_delay, then from min_delay growing by factor up to
    max_delay."""
    yield random.random() * initial_delay
    delay = min_delay
    while delay < max_delay:
        yield delay
        delay *= factor
    while True:
        yield max_delay


def _check(name, value, allowed, what):
    if value not in allowed and not (value in ({}, [], ()) and None in allowed):
        raise ValueError("%s=%r: %s" % (name, value, _BROWSER_LIMIT % what))


class connect:
    """Connects to uri: await connect(uri), async with connect(uri) as ws,
    or async for ws in connect(uri) to reconnect after each failure."""

    def __init__(self, uri, *, origin=None, extensions=None, subprotocols=None, compression="deflate",
                 additional_headers=None, user_agent_header=USER_AGENT, proxy=True,
                 process_exception=process_exception, open_timeout=10, ping_interval=20, ping_timeout=20,
                 close_timeout=10, reconnect_delays=backoff, max_size=2 ** 20, max_queue=16, write_limit=2 ** 15,
                 logger=None, create_connection=None, **kwargs):
        self.uri = uri
        self.ws_uri = parse_uri(uri)
        ssl = kwargs.pop("ssl", None)
        if not self.ws_uri.secure and ssl is not None:
            raise ValueError("ssl argument is incompatible with a ws:// URI")
        kwargs.pop("server_hostname", None)
        for name in kwargs:
            raise TypeError("connect() got the keyword argument %r, which asyncio's create_connection would "
                            "take: %s" % (name, _BROWSER_LIMIT % "open the TCP connection"))
        if compression not in ("deflate", None):
            raise ValueError("unsupported compression: %s" % compression)
        _check("origin", origin, (None,), "set the Origin header (the browser sends the page's)")
        _check("extensions", extensions, (None,), "choose extensions (the browser offers permessage-deflate)")
        if additional_headers:
            raise ValueError("additional_headers: %s" % (_BROWSER_LIMIT % "set HTTP headers"))
        _check("user_agent_header", user_agent_header, (USER_AGENT, None),
               "set the User-Agent header (the browser sends its own)")
        if proxy is not True and proxy is not None:
            raise ValueError("proxy=%r: %s" % (proxy, _BROWSER_LIMIT % "choose a proxy (the browser uses its own "
                                                                        "settings)"))
        self.subprotocols = list(subprotocols or [])
        self.process_exception = process_exception
        self.open_timeout = open_timeout
        self.close_timeout = close_timeout
        self.reconnect_delays = reconnect_delays
        self.max_size = max_size
        self.max_queue = max_queue[0] if isinstance(max_queue, tuple) else max_queue
        self.write_limit = write_limit
        self.create_connection = create_connection or ClientConnection

    async def create(self):
        """Opens the connection; HandshakeFailed if it fails before it opens,
        TimeoutError after open_timeout seconds."""
        socket = websocket(self.uri, self.subprotocols, max_queue=self.max_queue)
        connection = self.create_connection(socket, max_size=self.max_size, close_timeout=self.close_timeout,
                                            write_limit=self.write_limit)
        connection.request = _request(self.ws_uri, self.subprotocols)
        try:
            if self.open_timeout is None:
                await socket.opened()
            else:
                await asyncio.wait_for(socket.opened(), self.open_timeout)
        except TimeoutError:
            socket.close()
            raise TimeoutError("timed out during opening handshake")
        except _PywsClosed as closed:
            raise HandshakeFailed(self.uri, closed.code)
        connection.response = _response(socket.protocol, socket.extensions)
        return connection

    def __await__(self):
        return self.create().__await__()

    async def __aenter__(self):
        if hasattr(self, "connection"):
            raise RuntimeError("connect() isn't reentrant")
        self.connection = await self.create()
        return self.connection

    async def __aexit__(self, exc_type, exc_value, traceback):
        try:
            await self.connection.close()
        finally:
            del self.connection

    def __aiter__(self):
        return _Reconnecting(self)


if MICROPYTHON:
    # MicroPython awaits what it can iterate over.
    connect.__iter__ = lambda self: self.create()
if BRYTHON:
    # Brython calls the async function __await__ returns and awaits the
    # coroutine (coroutines there have no __await__; see brython.js).
    connect.__await__ = lambda self: self.create


class _Reconnecting:
    """async for ws in connect(...): a new connection after each failure the
    connect's process_exception retries, after the reconnect_delays."""

    def __init__(self, connect):
        self._connect = connect
        self._delays = None
        self._current = None

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self._current is not None:
            # The loop's body ended or went on to the next connection.
            await self._current.close()
            self._current = None
        while True:
            try:
                self._current = await self._connect.create()
            except Exception as exc:
                try:
                    new_exc = self._connect.process_exception(exc)
                except Exception as raised:
                    new_exc = raised
                if new_exc is exc:
                    raise
                if new_exc is not None:
                    raise new_exc
                if self._delays is None:
                    self._delays = self._connect.reconnect_delays()
                await asyncio.sleep(next(self._delays))
                continue
            self._delays = None
            return self._current


def unix_connect(path=None, uri=None, **kwargs):
    """Not in a browser: a page cannot open Unix sockets."""
    raise NotImplementedError("unix_connect(): a page cannot open Unix sockets; use connect() with a ws:// or "
                              "wss:// URI")


__all__ += ["USER_AGENT", "InvalidHandshake", "InvalidURI"]
