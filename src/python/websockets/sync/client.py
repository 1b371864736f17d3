# websockets.sync.client: connect() and ClientConnection, blocking, over the
# asyncio client: connect() checks its arguments and opens the connection
# as the asyncio connect() does, then blocks until it has opened (see
# _blocking for where that is possible).

from .._blocking import block
from ..asyncio import client as _async
from ..asyncio.client import unix_connect  # refuses, as in asyncio
from ..http11 import USER_AGENT
from .connection import INSTEAD, Connection

__all__ = ["connect", "unix_connect", "ClientConnection"]


class ClientConnection(Connection):
    """A client connection, as connect() gives it."""


def connect(uri, *, sock=None, ssl=None, server_hostname=None, origin=None, extensions=None, subprotocols=None,
            compression="deflate", additional_headers=None, user_agent_header=USER_AGENT, proxy=True,
            proxy_ssl=None, proxy_server_hostname=None, open_timeout=10, ping_interval=20, ping_timeout=20,
            close_timeout=10, max_size=2 ** 20, max_queue=16, logger=None, create_connection=None, **kwargs):
    """Connects to uri and returns the connection once it has opened:
    `with connect(uri) as ws:`. Raises what the asyncio connect() raises
    (HandshakeFailed, TimeoutError after open_timeout seconds, InvalidURI,
    and ValueError for what a browser cannot do)."""
    for name, value in (("sock", sock), ("proxy_ssl", proxy_ssl),
                        ("proxy_server_hostname", proxy_server_hostname)):
        if value is not None:
            raise ValueError("%s=%r: %s" % (name, value, _async._BROWSER_LIMIT % "use a socket or proxy of its own"))
    if ssl is not None:
        kwargs["ssl"] = ssl
    if server_hostname is not None:
        kwargs["server_hostname"] = server_hostname
    opener = _async.connect(uri, origin=origin, extensions=extensions, subprotocols=subprotocols,
                            compression=compression, additional_headers=additional_headers,
                            user_agent_header=user_agent_header, proxy=proxy, open_timeout=open_timeout,
                            ping_interval=ping_interval, ping_timeout=ping_timeout, close_timeout=close_timeout,
                            max_size=max_size, max_queue=max_queue, logger=logger, **kwargs)
    connection = block("connect()", INSTEAD, opener.create())
    return (create_connection or ClientConnection)(connection)
