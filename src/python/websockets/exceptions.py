# websockets.exceptions: the real library's hierarchy, so that `except`
# clauses written for it catch the same failures in the browser.
#
# Differences (see the README's porting table): a connection that fails
# before it opens raises HandshakeFailed, an InvalidHandshake that is also an
# OSError (a browser does not tell a refused TCP connection from an HTTP
# error answer); in MicroPython, where a class cannot have two exception
# bases, every websockets exception is an OSError instead.

from . import frames
from ._compat import MICROPYTHON

__all__ = [
    "WebSocketException", "ConnectionClosed", "ConnectionClosedOK", "ConnectionClosedError", "InvalidURI",
    "InvalidProxy", "InvalidHandshake", "SecurityError", "RequestLineTooLong", "StatusLineTooLong",
    "HeaderLineTooLong", "TooManyHeaders", "ProxyError", "InvalidProxyMessage", "InvalidProxyStatus",
    "InvalidMessage", "InvalidMethod", "InvalidProtocol", "InvalidStatus", "InvalidHeader", "InvalidHeaderFormat",
    "InvalidHeaderValue", "InvalidOrigin", "InvalidUpgrade", "NegotiationError", "DuplicateParameter",
    "InvalidParameterName", "InvalidParameterValue", "ProtocolError", "PayloadTooBig", "InvalidState",
    "ConcurrencyError", "HandshakeFailed",
]


class WebSocketException(OSError if MICROPYTHON else Exception):
    """Base class for all exceptions defined by websockets."""


class ConnectionClosed(WebSocketException):
    """Raised when trying to interact with a closed connection. rcvd and sent
    are the close frames received and sent (Close or None), rcvd_then_sent
    which came first when both did."""

    def __init__(self, rcvd, sent, rcvd_then_sent=None):
        self.rcvd = rcvd
        self.sent = sent
        self.rcvd_then_sent = rcvd_then_sent
        super().__init__(str(self))

    def __str__(self):
        if self.rcvd is None:
            if self.sent is None:
                return "no close frame received or sent"
            return "sent %s; no close frame received" % self.sent
        if self.sent is None:
            return "received %s; no close frame sent" % self.rcvd
        if self.rcvd_then_sent:
            return "received %s; then sent %s" % (self.rcvd, self.sent)
        return "sent %s; then received %s" % (self.sent, self.rcvd)

    @property
    def code(self):
        """Deprecated: rcvd.code, or 1006 without a received close frame."""
        return frames.CloseCode.ABNORMAL_CLOSURE.value if self.rcvd is None else self.rcvd.code

    @property
    def reason(self):
        """Deprecated: rcvd.reason, or "" without a received close frame."""
        return "" if self.rcvd is None else self.rcvd.reason


class ConnectionClosedOK(ConnectionClosed):
    """The connection closed normally: both close frames had code 1000 or 1001."""


class ConnectionClosedError(ConnectionClosed):
    """The connection closed with an error or was dropped."""


class InvalidURI(WebSocketException):
    """Raised when connecting to a URI that isn't a valid WebSocket URI."""

    def __init__(self, uri, msg):
        self.uri = uri
        self.msg = msg
        super().__init__(str(self))

    def __str__(self):
        return "%s isn't a valid URI: %s" % (self.uri, self.msg)


class InvalidProxy(WebSocketException):
    """Raised when connecting via a proxy that isn't valid."""

    def __init__(self, proxy, msg):
        self.proxy = proxy
        self.msg = msg
        super().__init__(str(self))

    def __str__(self):
        return "%s isn't a valid proxy: %s" % (self.proxy, self.msg)


class InvalidHandshake(WebSocketException):
    """Raised when the opening handshake fails."""


# The bases of the exceptions that are also builtin ones: only the
# websockets one in MicroPython, where a class cannot have two exception
# bases (there every websockets exception is an OSError).
if MICROPYTHON:
    _HandshakeOSError = InvalidHandshake
    _StateAssertionError = _ConcurrencyRuntimeError = WebSocketException
else:
    class _HandshakeOSError(InvalidHandshake, OSError):
        pass

    class _StateAssertionError(WebSocketException, AssertionError):
        pass

    class _ConcurrencyRuntimeError(WebSocketException, RuntimeError):
        pass


class HandshakeFailed(_HandshakeOSError):
    """pyws: the connection failed before it opened. A browser reports a
    refused TCP connection, a TLS failure and an HTTP error answer to the
    handshake alike (error, then close 1006), so this is both an
    InvalidHandshake (the real library: InvalidStatus) and an OSError (the
    real library: ConnectionRefusedError). code is the close code (1006)."""

    def __init__(self, uri, code):
        self.uri = uri
        self.code = code
        super().__init__(str(self))

    def __str__(self):
        return "could not connect to %s: the browser reports the connection failed (close code %d)" % (
            self.uri, self.code)


class SecurityError(InvalidHandshake):
    """Raised when a handshake request or response breaks a security rule."""


class RequestLineTooLong(SecurityError):
    """Raised when the request line is too long."""


class StatusLineTooLong(SecurityError):
    """Raised when the status line is too long."""


class HeaderLineTooLong(SecurityError):
    """Raised when a header line is too long."""


class TooManyHeaders(SecurityError):
    """Raised when there are too many headers."""


class ProxyError(InvalidHandshake):
    """Raised when failing to connect to a proxy."""


class InvalidProxyMessage(ProxyError):
    """Raised when an HTTP proxy response is malformed."""


class InvalidProxyStatus(ProxyError):
    """Raised when an HTTP proxy rejects the connection."""

    def __init__(self, response):
        self.response = response
        super().__init__(str(self))

    def __str__(self):
        return "proxy rejected connection: HTTP %d" % self.response.status_code


class InvalidMessage(InvalidHandshake):
    """Raised when a handshake request or response is malformed."""


class InvalidMethod(InvalidHandshake):
    """Raised when the HTTP method isn't GET."""

    def __init__(self, method):
        self.method = method
        super().__init__(str(self))

    def __str__(self):
        return "unsupported HTTP method: %s" % self.method


class InvalidProtocol(InvalidHandshake):
    """Raised when the HTTP version isn't HTTP/1.1."""

    def __init__(self, protocol):
        self.protocol = protocol
        super().__init__(str(self))

    def __str__(self):
        return "unsupported HTTP version: %s" % self.protocol


class InvalidStatus(InvalidHandshake):
    """Raised when a handshake response rejects the WebSocket upgrade."""

    def __init__(self, response):
        self.response = response
        super().__init__(str(self))

    def __str__(self):
        return "server rejected WebSocket connection: HTTP %d" % self.response.status_code


class InvalidHeader(InvalidHandshake):
    """Raised when an HTTP header doesn't have a valid format or value."""

    def __init__(self, name, value=None):
        self.name = name
        self.value = value
        super().__init__(str(self))

    def __str__(self):
        if self.value is None:
            return "missing %s header" % self.name
        if self.value == "":
            return "empty %s header" % self.name
        return "invalid %s header: %s" % (self.name, self.value)


class InvalidHeaderFormat(InvalidHeader):
    """Raised when an HTTP header cannot be parsed."""

    def __init__(self, name, error, header, pos):
        super().__init__(name, "%s at %d in %s" % (error, pos, header))


class InvalidHeaderValue(InvalidHeader):
    """Raised when an HTTP header has a wrong value."""


class InvalidOrigin(InvalidHeader):
    """Raised when the Origin header in a request isn't allowed."""

    def __init__(self, origin):
        super().__init__("Origin", origin)


class InvalidUpgrade(InvalidHeader):
    """Raised when the Upgrade or Connection header isn't correct."""


class NegotiationError(InvalidHandshake):
    """Raised when negotiating an extension or a subprotocol fails."""


class DuplicateParameter(NegotiationError):
    """Raised when a parameter name is repeated in an extension header."""

    def __init__(self, name):
        self.name = name
        super().__init__(str(self))

    def __str__(self):
        return "duplicate parameter: %s" % self.name


class InvalidParameterName(NegotiationError):
    """Raised when a parameter name in an extension header is invalid."""

    def __init__(self, name):
        self.name = name
        super().__init__(str(self))

    def __str__(self):
        return "invalid parameter name: %s" % self.name


class InvalidParameterValue(NegotiationError):
    """Raised when a parameter value in an extension header is invalid."""

    def __init__(self, name, value):
        self.name = name
        self.value = value
        super().__init__(str(self))

    def __str__(self):
        if self.value is None:
            return "missing value for parameter %s" % self.name
        if self.value == "":
            return "empty value for parameter %s" % self.name
        return "invalid value for parameter %s: %s" % (self.name, self.value)


class ProtocolError(WebSocketException):
    """Raised when receiving or sending a frame that breaks the protocol."""


class PayloadTooBig(WebSocketException):
    """Raised when a received message exceeds max_size."""

    def __init__(self, size_or_message, max_size=None, current_size=None):
        self.message = size_or_message if isinstance(size_or_message, str) else None
        self.size = None if self.message is not None else size_or_message
        self.max_size = max_size
        self.current_size = current_size
        super().__init__(str(self))

    def __str__(self):
        if self.message is not None:
            return self.message
        message = "frame "
        if self.size is not None:
            message += "with %d bytes " % self.size
        return message + "exceeds limit of %d bytes" % self.max_size


class InvalidState(_StateAssertionError):
    """Raised when an operation is forbidden in the current state."""


class ConcurrencyError(_ConcurrencyRuntimeError):
    """Raised when receiving or sending messages concurrently."""
