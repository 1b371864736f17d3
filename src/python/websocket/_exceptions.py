# websocket-client's exceptions, as its _exceptions module names them.

__all__ = [
    "WebSocketException", "WebSocketProtocolException", "WebSocketPayloadException",
    "WebSocketConnectionClosedException", "WebSocketTimeoutException", "WebSocketProxyException",
    "WebSocketBadStatusException", "WebSocketAddressException",
]


class WebSocketException(Exception):
    """The base of the exceptions below."""


class WebSocketProtocolException(WebSocketException):
    """An invalid frame (the browser fails the connection itself instead)."""


class WebSocketPayloadException(WebSocketException):
    """An invalid payload."""


class WebSocketConnectionClosedException(WebSocketException):
    """The connection is closed, or was lost."""


class WebSocketTimeoutException(WebSocketException):
    """The timeout passed: opening, or waiting for a message."""


class WebSocketProxyException(WebSocketException):
    """A proxy failed (a page uses the browser's proxy settings)."""


class WebSocketBadStatusException(WebSocketException):
    """The opening handshake failed. A browser does not tell a page why
    (refused, an HTTP status, a network error): in pyws status_code is None
    and resp_headers and resp_body are None."""

    def __init__(self, message, status_code, status_message=None, resp_headers=None, resp_body=None):
        super().__init__(message)
        self.status_code = status_code
        self.resp_headers = resp_headers
        self.resp_body = resp_body


class WebSocketAddressException(WebSocketException):
    """The URL's address cannot be used."""
