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
import re
import sys

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


def public(names):
    return {name for name in names if not name.startswith("_")}


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
    with open(path, encoding="utf-8") as file:
        text = file.read()
    named = set()
    for span in re.findall(r"`([^`]+)`", text):
        named |= set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", span))
    missing = sorted((where, name) for where, name in expected() if name not in named)
    if missing:
        for where, name in missing:
            print("%s: %s.%s is not in the table" % (path, where, name))
        print("%d names of websockets %s missing from %s" % (len(missing), websockets.__version__, path))
        return 1
    print("%s names all %d public client-side names of websockets %s" % (path, len(expected()), websockets.__version__))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
