"""Every public client-side name of the real websockets 17 is named in
docs/websockets.md, the compatibility table of pyws's websockets.

Run with the tools venv's Python, which has the real library (cargo xtask
test does): python tests/compat/websockets_names.py docs/websockets.md

The names: each module's __all__ (the top level's and the client side's
modules'), connect()'s parameters, the public attributes of
ClientConnection and of the exceptions' and frames' classes. A name counts
as named when it appears inside `backticks` in the document.
"""

import importlib
import inspect
import sys

from named import public, report

import websockets
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.frames import Close

MODULES = [
    "websockets",
    "websockets.asyncio.client",
    "websockets.asyncio.connection",
    "websockets.client",
    "websockets.datastructures",
    "websockets.exceptions",
    "websockets.extensions",
    "websockets.frames",
    "websockets.http11",
    "websockets.protocol",
    "websockets.sync.client",
    "websockets.sync.connection",
    "websockets.typing",
    "websockets.uri",
]


def expected():
    """(where, name) for every name the table must name."""
    names = set()
    for module in MODULES:
        names |= {(module, name) for name in importlib.import_module(module).__all__}
    names |= {("websockets.version", name) for name in ("version", "tag", "commit")}
    names |= {("connect()", name) for name in inspect.signature(connect).parameters if name != "kwargs"}
    for cls in (ClientConnection, ConnectionClosed, InvalidStatus, Close):
        inherited = set(dir(Exception)) if issubclass(cls, BaseException) else set(dir(object))
        names |= {(cls.__name__, name) for name in public(dir(cls)) - inherited}
    return names


def main(path):
    return report(path, expected(), "websockets %s" % websockets.__version__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
