# Handling a failed connection as the websockets documentation does: the
# library's exceptions, caught by the names real code uses.

import asyncio
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI


async def main():
    try:
        async with connect("ws://localhost:8765/reject") as websocket:
            await websocket.recv()
    except InvalidHandshake as exc:
        print("InvalidHandshake:", isinstance(exc, OSError))
    try:
        await connect("http://localhost:8765")
    except InvalidURI as exc:
        print("InvalidURI:", exc)
    try:
        async with connect("ws://localhost:8765/close?code=4000&reason=bye") as websocket:
            await websocket.recv()
    except ConnectionClosed as exc:
        print("%s: %s" % (type(exc).__name__, exc))


asyncio.run(main())
