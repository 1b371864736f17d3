# Calls pyws's type stubs refuse. cargo xtask test runs mypy on this file and
# fails unless mypy reports an error on exactly the lines marked "# wrong":
# the check of the README's examples and www/demo.py can fail.
from pyws import ConnectionClosed, websocket

ws = websocket(8000)  # wrong
ws = websocket("/echo", reconnect={"dealy": 1})  # wrong
ws.send(42)  # wrong
ws.close(reason=1000)  # wrong
ws.on_message = lambda first, second: None  # wrong
ws.on_open = "hello"  # wrong
ws.bind("mesage", print)  # wrong
ws.ready_state = 1  # wrong
code: str = ConnectionClosed(1000, "", True).code  # wrong
ws.on_close = lambda evt: print(evt.code, evt.was_clean)
