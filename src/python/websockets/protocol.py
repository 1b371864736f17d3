# websockets.protocol: the connection's state and side. The Sans-I/O
# Protocol classes need a byte stream a page does not have.

from ._compat import _Enum

__all__ = ["Protocol", "SEND_EOF", "Side", "State"]

# What the library's Protocol sends to end a stream: never sent by a page.
SEND_EOF = b""


class State(_Enum):
    """A WebSocket connection's state."""


State._add({"CONNECTING": 0, "OPEN": 1, "CLOSING": 2, "CLOSED": 3})


class Side(_Enum):
    """Whether a connection is a server's or a client's."""


Side._add({"SERVER": 0, "CLIENT": 1})


class Protocol:
    """websockets' Sans-I/O protocol: not available in a browser, where the
    browser speaks the protocol itself and a page has no byte stream."""

    def __init__(self, *args, **kwargs):
        raise NotImplementedError(
            "websockets.protocol.Protocol: a page has no byte stream to run the protocol on; "
            "the browser speaks it: use websockets.connect()")
