# websockets.extensions: the classes an extension implements. A page cannot
# add one: the browser negotiates its own (permessage-deflate) and shows a
# page only which it agreed to (ClientConnection.response's
# Sec-WebSocket-Extensions).

__all__ = ["ClientExtensionFactory", "Extension", "ServerExtensionFactory"]


class _BrowserOnly:
    def __init__(self, *args, **kwargs):
        raise NotImplementedError(
            "websockets.extensions.%s: a page cannot add a WebSocket extension; "
            "the browser negotiates its own (permessage-deflate)" % type(self).__name__)


class Extension(_BrowserOnly):
    """A negotiated extension: none can be added in a browser."""


class ClientExtensionFactory(_BrowserOnly):
    """A client's extension offer: none can be added in a browser."""


class ServerExtensionFactory(_BrowserOnly):
    """A server's extension: none can be added in a browser."""
