# websockets, as pyws provides it in the browser: the real library's client
# API (websockets 17) over the browser's WebSocket. The real library cannot
# connect from a page (a browser has no sockets); this one is what
# `import websockets` finds once pyws is installed. See the README's
# "Porting code that uses websockets" for what differs and why.

from .asyncio.client import ClientConnection, connect, unix_connect
from .datastructures import Headers, HeadersLike, MultipleValuesError
from .exceptions import (
    ConcurrencyError, ConnectionClosed, ConnectionClosedError, ConnectionClosedOK, DuplicateParameter,
    HandshakeFailed, HeaderLineTooLong, InvalidHandshake, InvalidHeader, InvalidHeaderFormat, InvalidHeaderValue,
    InvalidMessage, InvalidMethod, InvalidOrigin, InvalidParameterName, InvalidParameterValue, InvalidProtocol,
    InvalidProxy, InvalidProxyMessage, InvalidProxyStatus, InvalidState, InvalidStatus, InvalidUpgrade, InvalidURI,
    NegotiationError, PayloadTooBig, ProtocolError, ProxyError, RequestLineTooLong, SecurityError,
    StatusLineTooLong, TooManyHeaders, WebSocketException,
)
from .frames import Close, CloseCode, Frame, Opcode
from .http11 import Request, Response
from .protocol import Protocol, Side, State
from .typing import (Data, ExtensionName, ExtensionParameter, LoggerLike, Origin, StatusLike, Subprotocol)
from .version import version as __version__


def _no_server(name):
    def refuse(*args, **kwargs):
        raise NotImplementedError("websockets.%s: a page cannot accept WebSocket connections; pyws provides "
                                  "the client side (connect)" % name)

    return refuse


# The server side: a page cannot listen for connections.
serve = _no_server("serve")
unix_serve = _no_server("unix_serve")
route = _no_server("route")
unix_route = _no_server("unix_route")
broadcast = _no_server("broadcast")
basic_auth = _no_server("basic_auth")
Server = _no_server("Server")
ServerConnection = _no_server("ServerConnection")
Router = _no_server("Router")
ServerProtocol = _no_server("ServerProtocol")


def ClientProtocol(*args, **kwargs):
    """websockets' Sans-I/O client: not in a browser, which speaks the
    protocol itself."""
    return Protocol(*args, **kwargs)
