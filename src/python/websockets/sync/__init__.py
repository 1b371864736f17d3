# websockets.sync: the blocking client, over the asyncio one (see client.py).
