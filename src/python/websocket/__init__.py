# websocket, as pyws provides it in the browser: the websocket-client API
# (1.9) over pyws's websockets.sync client, blocking where Pyodide can
# (JSPI; see websockets/_blocking.py). The real library opens TCP sockets,
# which a page cannot; this one is what `import websocket` finds once pyws is
# installed (its directory comes first on sys.path). See docs/blocking.md.

from ._abnf import *  # noqa: F401,F403
from ._app import WebSocketApp, set_reconnect  # noqa: F401
from ._core import *  # noqa: F401,F403
from ._exceptions import *  # noqa: F401,F403
from ._logging import *  # noqa: F401,F403
from ._socket import *  # noqa: F401,F403

__version__ = "1.9.0"
