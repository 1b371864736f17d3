# While recv() blocks, the page goes on: its timer ticks, a click on #poke
# is handled, the page's own WebSocket gets its echo, whose handler calls
# pywsWake(), which sends through this connection what recv() returns.
import js
from pyodide.ffi import create_proxy
from websockets.sync.client import connect

with connect("ws://localhost:8765") as ws:
    js.pywsWake = create_proxy(lambda: ws.send("woken"))
    before = js.pywsSeen.ticks
    js.document.body.dataset.blocking = "true"
    print(ws.recv())
    seen = js.pywsSeen
    print("while recv() waited: the timer ticked %s, the click was handled %s, the other socket echoed %s"
          % (seen.ticks > before, seen.clicks == 1, seen.echoes == 1))
