# websockets.http11: the opening handshake's request and response, as far as
# a page can know them. The browser makes the handshake itself and shows a
# page only the URL, the negotiated subprotocol and extensions: Request
# holds the headers pyws knows the browser sent, Response the status and the
# headers the browser exposes.

from .datastructures import Headers
from .version import version as _version

__all__ = ["Request", "Response", "SERVER", "USER_AGENT"]

# What the library sends as User-Agent and Server. A page sends the
# browser's own User-Agent whatever this says.
USER_AGENT = "Python/3 websockets/%s" % _version
SERVER = USER_AGENT


class Request:
    """The handshake request: path and headers."""

    def __init__(self, path, headers):
        self.path = path
        self.headers = headers

    def __repr__(self):
        return "Request(path=%r, headers=%r)" % (self.path, self.headers)


class Response:
    """The handshake response: status code, reason phrase, headers, body."""

    def __init__(self, status_code, reason_phrase, headers, body=b""):
        self.status_code = status_code
        self.reason_phrase = reason_phrase
        self.headers = headers
        self.body = body

    def __repr__(self):
        return "Response(status_code=%r, reason_phrase=%r, headers=%r)" % (
            self.status_code, self.reason_phrase, self.headers)


def _request(uri, subprotocols):
    headers = Headers()
    headers["Host"] = uri.host if uri.port == (443 if uri.secure else 80) else "%s:%d" % (uri.host, uri.port)
    headers["Upgrade"] = "websocket"
    headers["Connection"] = "Upgrade"
    headers["Sec-WebSocket-Version"] = "13"
    if subprotocols:
        headers["Sec-WebSocket-Protocol"] = ", ".join(subprotocols)
    return Request(uri.resource_name, headers)


def _response(subprotocol, extensions):
    headers = Headers()
    headers["Upgrade"] = "websocket"
    headers["Connection"] = "Upgrade"
    if subprotocol:
        headers["Sec-WebSocket-Protocol"] = subprotocol
    if extensions:
        headers["Sec-WebSocket-Extensions"] = extensions
    return Response(101, "Switching Protocols", headers)
