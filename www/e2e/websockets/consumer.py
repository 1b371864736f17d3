# The consumer pattern of the websockets guide ("Design a WebSocket
# application"), on a client connection, with consume() defined.

import asyncio
from websockets.asyncio.client import connect


async def consume(message):
    print(message)


async def consumer_handler(websocket):
    async for message in websocket:
        await consume(message)


async def main():
    async with connect("ws://localhost:8765/flood?count=3&size=8&close=1") as websocket:
        await consumer_handler(websocket)
    print("the server closed the connection")


asyncio.run(main())
