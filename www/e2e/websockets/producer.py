# The producer pattern of the websockets guide ("Design a WebSocket
# application"), on a client connection, with produce() defined.

import asyncio
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

produced = 0


async def produce():
    global produced
    await asyncio.sleep(0.05)
    produced += 1
    return "message %d" % produced


async def producer_handler(websocket):
    while True:
        try:
            message = await produce()
            await websocket.send(message)
        except ConnectionClosed:
            break


async def main():
    async with connect("ws://localhost:8765/drop?after=3") as websocket:
        await producer_handler(websocket)
    print("the producer stopped after more than 3 messages:", produced > 3)


asyncio.run(main())
