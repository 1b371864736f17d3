# websockets.uri: parsing ws:// and wss:// URIs.

from .exceptions import InvalidURI

__all__ = ["parse_uri", "WebSocketURI"]


class WebSocketURI:
    """A WebSocket URI's parts."""

    def __init__(self, secure, host, port, path="", query="", username=None, password=None):
        self.secure = secure
        self.host = host
        self.port = port
        self.path = path
        self.query = query
        self.username = username
        self.password = password

    @property
    def resource_name(self):
        return (self.path or "/") + ("?" + self.query if self.query else "")

    @property
    def user_info(self):
        return None if self.username is None else (self.username, self.password)


def parse_uri(uri):
    """The parts of a ws:// or wss:// URI; InvalidURI for anything else."""
    scheme, sep, rest = uri.partition("://")
    if not sep or scheme.lower() not in ("ws", "wss"):
        raise InvalidURI(uri, "scheme isn't ws or wss")
    secure = scheme.lower() == "wss"
    if "#" in rest:
        raise InvalidURI(uri, "fragments aren't allowed")
    authority, slash, path = rest.partition("/")
    path = slash + path
    path, _, query = path.partition("?")
    username = password = None
    if "@" in authority:
        user_info, _, authority = authority.rpartition("@")
        username, _, password = user_info.partition(":")
    if authority.startswith("["):
        host, _, port = authority[1:].partition("]")
        port = port[1:] if port.startswith(":") else ""
    else:
        host, _, port = authority.partition(":")
    if not host:
        raise InvalidURI(uri, "hostname isn't provided")
    if port:
        try:
            port = int(port)
        except ValueError:
            raise InvalidURI(uri, "port isn't a number")
    else:
        port = 443 if secure else 80
    return WebSocketURI(secure, host, port, path, query, username, password)
