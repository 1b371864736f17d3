"""Every public name of the real websocket-client 1.9 is named in
docs/blocking.md, which says what pyws's `websocket` supports of it.

Run with the tools venv's Python, which has the real library (cargo xtask
test does): python tests/compat/websocket_client_names.py docs/blocking.md

The names: each module's __all__ (and the exceptions', which has none),
create_connection()'s, WebSocketApp()'s and run_forever()'s parameters, the
public attributes of WebSocket and WebSocketApp.
"""

import importlib
import inspect
import sys

import websocket
from websocket import WebSocket, WebSocketApp

from named import public, report

MODULES = ["_abnf", "_app", "_core", "_logging", "_socket"]


def expected():
    """(where, name) for every name the document must name."""
    names = {("websocket", "set_reconnect")}
    for module in MODULES:
        names |= {(module, name) for name in importlib.import_module("websocket." + module).__all__}
    exceptions = importlib.import_module("websocket._exceptions")
    names |= {("_exceptions", name) for name in public(vars(exceptions)) if name.startswith("WebSocket")}
    for where, function in (("create_connection()", websocket.create_connection), ("WebSocketApp()", WebSocketApp),
                            ("run_forever()", WebSocketApp.run_forever)):
        names |= {(where, name) for name in inspect.signature(function).parameters
                  if name not in ("self", "options")}
    for cls in (WebSocket, WebSocketApp):
        names |= {(cls.__name__, name) for name in public(dir(cls)) - set(dir(object))}
    return names


def main(path):
    return report(path, expected(), "websocket-client %s" % websocket.__version__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
