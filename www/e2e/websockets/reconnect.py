# The reconnection loop of the websockets reference (connect: "async for
# websocket in connect(...)"), with a body that counts connections.

import asyncio
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed


async def main():
    connections = 0
    async for websocket in connect("ws://localhost:8765/drop?after=1"):
        try:
            connections += 1
            await websocket.send("hello %d" % connections)
            print(await websocket.recv())
            if connections == 2:
                await websocket.close()
                break
            await websocket.recv()  # the server drops the connection
        except ConnectionClosed:
            continue


asyncio.run(main())
