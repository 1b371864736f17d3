# Types of what pyws puts into Python: the builtins websocket,
# ConnectionClosed, ConnectionClosedOK and ConnectionClosedError, which the
# pyws module also exports (`from pyws import websocket`), and the socket
# and event classes they use. The same in Brython, Pyodide and MicroPython.
#
# WebSocket, WebSocketEvent, Handler and ReconnectSettings are names for type
# checkers only: import them under `if typing.TYPE_CHECKING:`.
from types import TracebackType
from typing import Callable, Final, Literal, TypedDict

__version__: str

EventKind = Literal["open", "message", "error", "close", "reconnect"]

class WebSocketEvent:
    """What a handler receives; each kind of event has its own fields."""

    type: EventKind
    target: WebSocket
    data: str | bytes
    """message: str for a text frame, bytes for a binary one."""
    code: int
    """close, reconnect: the close code."""
    reason: str
    """close, reconnect: the close reason."""
    was_clean: bool
    """close: whether the closing handshake completed."""
    unsent: int
    """close: the queued messages that were never sent."""
    attempt: int
    """reconnect: the number of the next attempt."""
    delay: float
    """reconnect: the seconds until that attempt."""

# A handler takes the event or nothing, and may be an async def function.
Handler = Callable[[WebSocketEvent], object] | Callable[[], object]

class WebSocket:
    """A WebSocket connection, as websocket() returns it."""

    CONNECTING: Final = 0
    OPEN: Final = 1
    CLOSING: Final = 2
    CLOSED: Final = 3

    on_open: Handler | None
    on_message: Handler | None
    on_error: Handler | None
    on_close: Handler | None
    on_reconnect: Handler | None

    @property
    def ready_state(self) -> int: ...
    @property
    def url(self) -> str: ...
    @property
    def protocol(self) -> str: ...
    @property
    def extensions(self) -> str: ...
    @property
    def buffered_amount(self) -> int: ...
    @property
    def unread(self) -> int:
        """Received messages waiting for recv()."""

    def send(self, data: str | bytes | bytearray | memoryview) -> None:
        """str as a text frame, bytes-like data as a binary frame."""

    def close(self, code: int | None = None, reason: str | None = None) -> None:
        """code 1000 or 3000-4999, reason at most 123 UTF-8 bytes."""

    def bind(self, event: EventKind, handler: Handler) -> None:
        """Adds a handler, called after on_<event> and earlier ones."""

    def unbind(self, event: EventKind, handler: Handler | None = None) -> None:
        """Removes handler, or every bound handler of event."""

    async def opened(self) -> None:
        """Returns once open; raises ConnectionClosedError if it closes first."""

    async def recv(self) -> str | bytes:
        """The next message; ConnectionClosed once closed and all are read."""

    async def drain(self, limit: float = 0) -> None:
        """Returns once nothing is queued and at most limit bytes are buffered."""

    async def wait_closed(self) -> None: ...
    async def __aenter__(self) -> WebSocket: ...
    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...
    def __aiter__(self) -> WebSocket: ...
    async def __anext__(self) -> str | bytes: ...

class ReconnectSettings(TypedDict, total=False):
    delay: float | None
    factor: float | None
    max_delay: float | None
    jitter: float | None
    attempts: int | None
    queue: int | None

def websocket(
    url: str,
    protocols: str | list[str] | tuple[str, ...] | None = None,
    reconnect: bool | ReconnectSettings = False,
    max_queue: int | None = None,
) -> WebSocket:
    """Opens a WebSocket connection."""

class ConnectionClosed(ConnectionError):
    """Raised by recv(), opened() and drain() once the WebSocket has closed
    (an OSError in MicroPython, which has no ConnectionError)."""

    code: int
    reason: str
    was_clean: bool
    def __init__(self, code: int, reason: str, was_clean: bool) -> None: ...

class ConnectionClosedOK(ConnectionClosed):
    """A clean close with 1000, 1001 or 1005."""

class ConnectionClosedError(ConnectionClosed):
    """Any other close, or a dropped connection."""
