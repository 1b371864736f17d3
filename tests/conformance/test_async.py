# The async API: opened(), recv(), async for, async with, drain(),
# wait_closed(), and the ConnectionClosed exceptions, beside the callbacks on
# the same socket.


def closed_fields(exc):
    return "%s %d '%s' %s" % (type(exc).__name__, exc.code, exc.reason, exc.was_clean)


@async_test
async def recv_returns_each_echo_in_order_as_str_or_bytes(t):
    ws = t.socket()
    await ws.opened()
    t.eq(ws.ready_state, ws.OPEN, "ready_state after opened()")
    ws.send("one")
    ws.send(b"\x00\x01\xff")
    ws.send(bytearray(b"three"))
    ws.send("")
    got = []
    for _ in range(4):  # not a comprehension: MicroPython has no await in one
        got.append(describe(await ws.recv()))
    t.eq(got, ["str one", "bytes [0, 1, 255]", "bytes [116, 104, 114, 101, 101]", "str "], "received")


async def until_unread(ws, count):
    """Waits (5 s at most) until count messages are unread."""
    waited = 0
    while ws.unread < count and waited < 5:
        await sleep(0.05)
        waited += 0.05


@async_test
async def binary_messages_of_every_size_arrive_intact_and_in_order_when_read_later(t):
    # Sizes on both sides of 1 KiB and 16 KiB (MicroPython's GC runs after
    # every 16 KiB allocated), all unread at once before the first recv().
    pattern = bytes(range(256)) * 160
    sizes = (1023, 1024, 16383, 16384, 40000)
    ws = t.socket()
    await ws.opened()
    for i, size in enumerate(sizes):
        payload = pattern[i:i + size]
        ws.send(bytearray(payload) if i % 2 else memoryview(payload))
    await until_unread(ws, len(sizes))
    for i, size in enumerate(sizes):
        data = await ws.recv()
        t.eq(type(data), bytes, "type of echo %d" % i)
        t.eq(len(data), size, "length of echo %d" % i)
        t.true(data == pattern[i:i + size], "echo %d differs from what was sent" % i)


@async_test
async def messages_that_arrive_while_nobody_waits_are_kept_in_order(t):
    ws = t.socket(endpoint("/flood?count=50&size=16"))
    await ws.opened()
    await until_unread(ws, 50)
    t.eq(ws.unread, 50, "unread after the flood")
    for i in range(50):
        data = await ws.recv()
        t.eq(data[:8], "%08d" % i, "message %d" % i)
    t.eq(ws.unread, 0, "unread after reading")


@async_test
async def a_greeting_sent_on_open_is_not_lost_before_the_first_recv(t):
    ws = t.socket(endpoint("/greet"))
    await ws.opened()
    await sleep(0.2)
    greeting = await ws.recv()
    t.true(isinstance(greeting, str) and len(greeting) > 0, "greeting %r" % (greeting,))
    ws.send("after")
    t.eq(await ws.recv(), "after", "echo after the greeting")


@async_test
async def recv_after_a_normal_server_close_raises_connection_closed_ok(t):
    ws = t.socket(endpoint("/close?code=1000&reason=done"))
    exc = await t.raises_async(ConnectionClosedOK, ws.recv())
    t.eq(closed_fields(exc), "ConnectionClosedOK 1000 'done' True", "exception")
    t.true(isinstance(exc, ConnectionClosed), "ConnectionClosedOK is a ConnectionClosed")
    t.true(isinstance(exc, CLOSED_ERROR), "ConnectionClosed is a %s" % CLOSED_ERROR.__name__)
    t.eq(str(exc), "WebSocket closed with code 1000 and reason 'done'", "message")
    # Again: a closed socket keeps raising, it never hangs.
    exc = await t.raises_async(ConnectionClosedOK, ws.recv())
    t.eq(exc.code, 1000, "code on the second recv()")


@async_test
async def recv_after_an_application_close_code_raises_connection_closed_error(t):
    ws = t.socket(endpoint("/close?code=4001&reason=go%20away"))
    exc = await t.raises_async(ConnectionClosedError, ws.recv())
    t.eq(closed_fields(exc), "ConnectionClosedError 4001 'go away' True", "exception")


@async_test
async def async_for_ends_on_a_normal_close_after_every_message(t):
    ws = t.socket()
    await ws.opened()
    for word in ("a", "b", "c"):
        ws.send(word)
    seen = []
    async for message in ws:
        seen.append(message)
        if len(seen) == 3:
            ws.close()
    t.eq(seen, ["a", "b", "c"], "messages")
    t.eq(ws.ready_state, ws.CLOSED, "ready_state after the loop")


@async_test
async def async_for_raises_when_the_connection_drops(t):
    ws = t.socket(endpoint("/drop?after=2"))
    await ws.opened()
    ws.send("x")
    ws.send("y")
    seen = []
    try:
        async for message in ws:
            seen.append(message)
    except ConnectionClosedError as exc:
        t.eq(closed_fields(exc), "ConnectionClosedError 1006 '' False", "exception")
        t.eq(str(exc), "WebSocket closed with code 1006 (not clean)", "message")
    else:
        raise Failed("async for ended without raising on a dropped connection")
    t.eq(seen, ["x", "y"], "messages before the drop")


@async_test
async def async_with_waits_for_open_and_closes_on_exit(t):
    events = []
    async with websocket(ECHO_URL) as ws:
        t.sockets.append(ws)
        ws.on_close = lambda evt: events.append("close %d %s" % (evt.code, evt.was_clean))
        t.eq(ws.ready_state, ws.OPEN, "ready_state inside async with")
        ws.send("inside")
        t.eq(await ws.recv(), "inside", "echo inside async with")
    t.eq(ws.ready_state, ws.CLOSED, "ready_state after async with")
    t.eq(events, ["close 1000 True"], "close event")


@async_test
async def opened_raises_when_the_connection_is_refused(t):
    ws = t.socket(refusing(t))
    exc = await t.raises_async(ConnectionClosedError, ws.opened())
    t.eq(closed_fields(exc), "ConnectionClosedError 1006 '' False", "exception")
    exc = await t.raises_async(ConnectionClosedError, ws.opened())
    t.eq(exc.code, 1006, "opened() on a closed socket")


@async_test
async def callbacks_and_recv_both_see_every_message_once_recv_is_used(t):
    ws = t.record(t.socket())
    await ws.opened()
    first = ws.recv()  # recv() in use from here on
    ws.send("both")
    t.eq(await first, "both", "recv()")
    ws.send(b"\x07")
    t.eq(await ws.recv(), b"\x07", "recv() of bytes")
    ws.close()
    await ws.wait_closed()
    t.eq(t.events, ["open", "message str both", "message bytes [7]", "close 1000 '' True"], "events")
    exc = await t.raises_async(ConnectionClosedOK, ws.recv())
    t.eq(exc.code, 1000, "recv() after the page closed")


@async_test
async def messages_a_handler_takes_are_not_kept_until_recv_is_used(t):
    ws = t.socket()
    seen = []
    ws.on_message = lambda evt: seen.append(evt.data)
    await ws.opened()
    for word in ("a", "b"):
        ws.send(word)
    while len(seen) < 2:
        await sleep(0.01)
    t.eq(ws.unread, 0, "unread while only the handler reads")
    ws.on_message = None
    ws.send("c")
    t.eq(await ws.recv(), "c", "recv() once the handler is gone")


@async_test
async def waiting_recv_calls_are_served_in_order(t):
    ws = t.socket()
    await ws.opened()
    results = []

    async def reader(name):
        results.append((name, await ws.recv()))

    spawn(reader("first"))
    spawn(reader("second"))
    await sleep(0.05)
    ws.send("1")
    ws.send("2")
    while len(results) < 2:
        await sleep(0.01)
    t.eq(results, [("first", "1"), ("second", "2")], "readers")


@async_test
async def drain_waits_until_the_browser_has_sent_the_data(t):
    ws = t.socket(endpoint("/slow?ms=0"))
    await ws.opened()
    chunk = bytes(4 << 20)
    for _ in range(4):
        ws.send(chunk)
    t.true(ws.buffered_amount > 0, "buffered_amount right after sending 16 MiB")
    await ws.drain()
    t.eq(ws.buffered_amount, 0, "buffered_amount after drain()")
    await ws.drain(1 << 20)  # already below the limit: returns at once
    t.true("number" in t.raises(TypeError, lambda: ws.drain("x").send(None)), "drain('x')")
    t.true("0 or more" in t.raises(ValueError, lambda: ws.drain(-1).send(None)), "drain(-1)")


@async_test
async def drain_waits_for_messages_queued_before_open(t):
    ws = t.socket()
    ws.send("queued")
    t.eq(ws.ready_state, ws.CONNECTING, "ready_state")
    await ws.drain()
    t.eq(ws.ready_state, ws.OPEN, "ready_state after drain()")
    t.eq(await ws.recv(), "queued", "echo of the queued message")


@async_test
async def drain_and_wait_closed_on_a_closed_socket(t):
    ws = t.socket()
    await ws.opened()
    ws.close(4000, "bye")
    await ws.wait_closed()
    await ws.wait_closed()  # again: returns at once
    exc = await t.raises_async(ConnectionClosedError, ws.drain())
    t.eq(closed_fields(exc), "ConnectionClosedError 4000 'bye' True", "drain() after close")


# Flow control: max_queue pauses reading while that many messages wait, on
# a WebSocketStream (Chromium has it). A browser without one (Firefox,
# WebKit) cannot pause its WebSocket: there every message is queued as it
# arrives, and all still reach recv() in order.


@async_test
async def max_queue_pauses_reading_until_recv_makes_room(t):
    ws = t.socket(endpoint("/flood?count=200&size=64"), max_queue=4)
    await ws.opened()
    limit = 4 if HAS_WEBSOCKET_STREAM else 200
    await until_unread(ws, limit)
    await sleep(0.3)  # time for more to arrive, were reading not paused
    t.eq(ws.unread, limit, "unread while nobody reads")
    for i in range(200):
        data = await ws.recv()
        if data[:8] != "%08d" % i or len(data) != 64:
            raise Failed("message %d was %r" % (i, data[:16]))
        t.true(ws.unread <= limit, "unread %d above %d after message %d" % (ws.unread, limit, i))
    ws.send("after the flood")
    t.eq(await ws.recv(), "after the flood", "echo after the flood")


@async_test
async def without_max_queue_every_message_waits_in_the_queue(t):
    ws = t.socket(endpoint("/flood?count=200&size=64"))
    await ws.opened()
    await until_unread(ws, 200)
    t.eq(ws.unread, 200, "unread while nobody reads")


@async_test
async def a_buffer_changed_after_send_is_sent_as_it_was_with_max_queue(t):
    # A WebSocketStream's write waits for the writes before it: the 1 MiB
    # message keeps the second one waiting while its buffer changes.
    ws = t.socket(ECHO_URL, max_queue=4)
    await ws.opened()
    buffer = bytearray(b"abc")
    ws.send(bytes(1 << 20))
    ws.send(buffer)
    buffer[0] = ord("X")
    ws.send(memoryview(buffer)[1:])
    buffer[1] = ord("Y")
    t.eq(len(await ws.recv()), 1 << 20, "first echo")
    t.eq(await ws.recv(), b"abc", "second echo")
    t.eq(await ws.recv(), b"bc", "third echo")


@test
def callbacks_see_the_same_events_with_max_queue(t):
    ws = t.record(t.socket(ECHO_URL, ["chat"], max_queue=2))

    def on_open(evt):
        t.eq(ws.protocol, "chat", "protocol")
        t.eq(ws.url, ECHO_URL, "url")
        ws.send("text")
        ws.send(b"\x00\xff")
        ws.send("")

    ws.bind("open", on_open)

    def close():
        t.eq(ws.unread, 0, "unread while handlers take every message")
        ws.close(4000, "done")

    def check():
        t.eq(t.events, ["open", "message str text", "message bytes [0, 255]", "message str ",
                        "close 4000 'done' True"], "events")
        t.eq(ws.ready_state, ws.CLOSED, "ready_state")
        t.done()

    t.wait_events(4, close)
    t.wait_events(5, check)


@test
def a_drop_with_max_queue_gives_error_then_close_1006(t):
    ws = t.record(t.socket(endpoint("/drop?after=1"), max_queue=2))
    ws.bind("open", lambda: ws.send("x"))
    t.wait_events(4, lambda: (t.eq(t.events, ["open", "message str x", "error", "close 1006 '' False"],
                                   "events"), t.done()))


@test
def a_refused_connection_with_max_queue_gives_error_then_close_1006(t):
    ws = t.record(t.socket(refusing(t), max_queue=2))
    t.wait_events(2, lambda: (t.eq(t.events, ["error", "close 1006 '' False"], "events"), t.done()))


@test
def max_queue_must_be_a_whole_number_of_messages(t):
    message = t.raises(TypeError, websocket, ECHO_URL, max_queue="4")
    t.eq(message, "websocket() max_queue must be an int or None, not 'str'", "str")
    message = t.raises(TypeError, websocket, ECHO_URL, max_queue=True)
    t.eq(message, "websocket() max_queue must be an int or None, not 'bool'", "bool")
    message = t.raises(ValueError, websocket, ECHO_URL, max_queue=0)
    t.eq(message, "invalid max_queue 0: it must be a whole number of messages, 1 or more, or None", "0")
    t.done()


@async_test
async def an_internal_failure_reaches_await_as_a_runtime_error(t):
    broken = t.socket()
    core_of(broken).free()  # what a bug in the core could leave behind
    for name, call in (("recv", broken.recv), ("opened", broken.opened),
                       ("wait_closed", broken.wait_closed), ("drain", broken.drain)):
        try:
            await call()
        except RuntimeError as exc:
            t.true(str(exc).startswith("pyws internal error: "), "%s(): %s" % (name, exc))
        else:
            raise Failed("%s() on a broken socket raised nothing" % name)


@async_test
async def a_recv_given_up_on_takes_no_message(t):
    ws = t.socket()
    await ws.opened()
    if INTERPRETER == "brython":
        ws.recv()  # never awaited: Brython's aio cannot cancel a waiting call
    else:
        import asyncio

        waiting = asyncio.create_task(ws.recv())
        await sleep(0.05)
        waiting.cancel()  # what asyncio.wait_for does on a timeout
        try:
            await asyncio.wait_for(ws.recv(), 0.05)
        except asyncio.TimeoutError:
            pass
        else:
            raise Failed("recv() returned with nothing sent")
    await sleep(0.05)
    ws.send("kept")
    ws.send("and this")
    t.eq(await ws.recv(), "kept", "the first message after giving up")
    t.eq(await ws.recv(), "and this", "the second")
