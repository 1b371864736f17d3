# pyws's websockets, in the conformance style: which exception, with which
# attributes, for each way a connection ends, and what a browser cannot do.
# Each check prints "ok NAME" or "FAIL NAME: why".

import asyncio
import builtins
import websockets
from websockets.asyncio.client import connect
from websockets.exceptions import (ConcurrencyError, ConnectionClosed, ConnectionClosedError, ConnectionClosedOK,
                                   InvalidHandshake, InvalidURI, PayloadTooBig)
from websockets.frames import Close
from websockets.protocol import State

SERVER = "ws://localhost:8765"
# Brython cannot interrupt a coroutine (docs/websockets.md, asyncio.run).
BRYTHON = hasattr(builtins, "__BRYTHON__")
checks = []


def check(fn):
    checks.append(fn)
    return fn


def expect(condition, what):
    if not condition:
        raise AssertionError(what)


async def closed_by(coroutine):
    try:
        await coroutine
    except ConnectionClosed as exc:
        return exc
    raise AssertionError("no ConnectionClosed")


@check
async def a_refused_handshake_is_invalid_handshake_and_os_error():
    try:
        await connect(SERVER + "/reject")
    except InvalidHandshake as exc:
        expect(isinstance(exc, OSError), "an OSError too")
        return
    raise AssertionError("connected")


@check
async def a_uri_that_is_not_ws_is_invalid_uri():
    try:
        connect("https://localhost:8765/")
    except InvalidURI as exc:
        expect(exc.uri == "https://localhost:8765/", "uri")
        return
    raise AssertionError("accepted")


@check
async def a_client_close_is_ok_with_both_frames():
    async with connect(SERVER + "/echo") as ws:
        expect(ws.state is State.OPEN, "state OPEN, not %r" % ws.state)
        expect(ws.response.status_code == 101, "response status")
        expect(ws.response.headers["Upgrade"] == "websocket", "response headers")
    expect(ws.state is State.CLOSED, "state CLOSED, not %r" % ws.state)
    exc = await closed_by(ws.recv())
    expect(type(exc) is ConnectionClosedOK, "OK, not %s" % type(exc).__name__)
    expect(exc.sent == Close(1000, "") and exc.rcvd == Close(1000, ""), "frames %r %r" % (exc.sent, exc.rcvd))
    expect(exc.rcvd_then_sent is False, "sent first")
    expect(ws.close_code == 1000 and ws.close_reason == "", "close_code %r" % ws.close_code)


@check
async def a_server_close_with_1000_is_ok_received_first():
    ws = await connect(SERVER + "/close?code=1000&reason=bye")
    exc = await closed_by(ws.recv())
    expect(type(exc) is ConnectionClosedOK, "OK, not %s" % type(exc).__name__)
    expect(exc.rcvd == Close(1000, "bye") and exc.rcvd_then_sent is True, "%r %r" % (exc.rcvd, exc.rcvd_then_sent))
    expect(str(exc) == "received 1000 (OK) bye; then sent 1000 (OK) bye", str(exc))


@check
async def an_application_close_is_an_error():
    ws = await connect(SERVER + "/close?code=4000&reason=bye")
    exc = await closed_by(ws.recv())
    expect(type(exc) is ConnectionClosedError, "Error, not %s" % type(exc).__name__)
    expect(exc.rcvd.code == 4000 and ws.close_code == 4000, "code")


@check
async def a_drop_is_an_error_with_no_frames():
    # One message first: a drop right after the handshake, Firefox may
    # report as a connection that never opened (docs: engine differences).
    ws = await connect(SERVER + "/drop?after=1")
    await ws.send("one")
    expect(await ws.recv() == "one", "the echo")
    exc = await closed_by(ws.recv())
    expect(type(exc) is ConnectionClosedError, "Error, not %s" % type(exc).__name__)
    expect(exc.rcvd is None and exc.sent is None, "no frames")
    expect(str(exc) == "no close frame received or sent", str(exc))
    expect(ws.close_code == 1006, "close_code %r" % ws.close_code)
    exc = await closed_by(ws.send("late"))
    expect(type(exc) is ConnectionClosedError, "send after the drop")


@check
async def two_concurrent_recv_calls_are_a_concurrency_error():
    async with connect(SERVER + "/echo") as ws:
        first = asyncio.create_task(ws.recv())
        await asyncio.sleep(0)
        try:
            await ws.recv()
        except ConcurrencyError:
            pass
        else:
            raise AssertionError("no ConcurrencyError")
        await ws.send("x")
        expect(await first == "x", "the first recv")


@check
async def a_message_over_max_size_fails_the_connection():
    ws = await connect(SERVER + "/echo", max_size=10)
    await ws.send("x" * 11)
    exc = await closed_by(ws.recv())
    expect(type(exc) is ConnectionClosedError, "Error, not %s" % type(exc).__name__)
    expect(isinstance(exc.__cause__, PayloadTooBig), "caused by PayloadTooBig")
    expect(exc.sent.code == 4009, "sent %r" % exc.sent)


@check
async def fragments_are_sent_as_one_message_and_decode_converts():
    async with connect(SERVER + "/echo") as ws:
        await ws.send(["a", "b", "c"])
        expect(await ws.recv() == "abc", "joined text")
        await ws.send([b"\x00", b"\x01"])
        expect(await ws.recv() == b"\x00\x01", "joined bytes")
        await ws.send("text")
        expect(await ws.recv(decode=False) == b"text", "decode=False")
        for bad in ({"a": 1}, ["a", b"b"], 42):
            try:
                await ws.send(bad)
            except TypeError:
                continue
            raise AssertionError("sent %r" % (bad,))


@check
async def subprotocols_are_negotiated_and_in_the_response():
    async with connect(SERVER + "/echo", subprotocols=["chat", "superchat"]) as ws:
        expect(ws.subprotocol == "chat", "subprotocol %r" % ws.subprotocol)
        expect(ws.response.headers["Sec-WebSocket-Protocol"] == "chat", "response header")
        expect(ws.request.headers["Sec-WebSocket-Protocol"] == "chat, superchat", "request header")


@check
async def what_a_browser_cannot_do_is_refused_by_name():
    for kwargs in ({"additional_headers": {"X-Token": "1"}}, {"origin": "https://example.org"},
                   {"user_agent_header": "bot"}, {"compression": "brotli"}, {"ssl": True}):
        try:
            connect(SERVER + "/echo", **kwargs)
        except ValueError:
            continue
        raise AssertionError("accepted %r" % (kwargs,))
    connect(SERVER + "/echo", additional_headers={}, open_timeout=None, ping_interval=None, max_size=None,
            max_queue=None, compression=None, user_agent_header=None)
    from websockets.extensions import ClientExtensionFactory
    try:
        ClientExtensionFactory()
    except NotImplementedError:
        pass
    else:
        raise AssertionError("an extension was made")
    async with connect(SERVER + "/echo") as ws:
        try:
            await ws.ping()
        except NotImplementedError:
            return
    raise AssertionError("ping() did not refuse")


@check
async def an_exception_in_async_with_a_connection_closes_with_the_mirror_of_1011():
    # As in the library: async with connect(...) closes with 1000 whatever
    # happened; async with on the connection itself with 1011 after an
    # exception, which a page cannot send: pyws sends 4011.
    ident = "semantics-%d" % id(checks)
    ws = await connect(SERVER + "/record-close?id=" + ident)
    try:
        async with ws:
            raise KeyError("boom")
    except KeyError:
        pass
    async with connect(SERVER + "/recorded-close?id=" + ident) as ws:
        recorded = await ws.recv()
    expect(recorded.startswith("4011"), "the server saw %r" % recorded)


@check
async def a_recv_timed_out_by_wait_for_takes_no_message_but_in_brython():
    async with connect(SERVER + "/echo") as ws:
        try:
            await asyncio.wait_for(ws.recv(), 0.05)
        except asyncio.TimeoutError:
            pass
        else:
            raise AssertionError("no TimeoutError")
        if BRYTHON:
            # The timed-out recv() runs on: it is still receiving, and takes
            # the next message.
            try:
                await ws.recv()
            except ConcurrencyError:
                return
            raise AssertionError("no ConcurrencyError")
        await ws.send("after")
        expect(await ws.recv() == "after", "the message after the timeout")


@check
async def the_top_level_names_are_the_library_s():
    for name in ("connect", "ClientConnection", "ConnectionClosed", "InvalidStatus", "Headers", "State", "Close",
                 "CloseCode", "Request", "Response", "Data", "__version__"):
        expect(hasattr(websockets, name), name)
    expect(websockets.__version__ == "17.0", websockets.__version__)


@check
async def a_handshake_slower_than_open_timeout_is_a_timeout_error():
    # The server answers the handshake 5 s late; the client gives up at 0.3 s.
    # asyncio.TimeoutError is the builtin TimeoutError in CPython 3.11+, and
    # MicroPython's only one.
    try:
        await connect(SERVER + "/slow?handshake_ms=5000", open_timeout=0.3)
    except asyncio.TimeoutError as exc:
        expect(str(exc) == "timed out during opening handshake", str(exc))
        return
    raise AssertionError("no TimeoutError")


async def main():
    for fn in checks:
        try:
            await fn()
        except Exception as exc:
            print("FAIL %s: %s: %s" % (fn.__name__, type(exc).__name__, exc))
        else:
            print("ok %s" % fn.__name__)


asyncio.run(main())
