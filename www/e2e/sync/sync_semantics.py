# pyws's websockets.sync.client, blocking in Pyodide over JSPI: the asyncio
# client's exceptions and states, timeouts, and what a browser cannot do.
# Each check prints "ok NAME" or "FAIL NAME: why" (checks.py).

from websockets.exceptions import ConnectionClosedError, ConnectionClosedOK, InvalidHandshake
from websockets.protocol import State
from websockets.sync.client import connect

from checks import check, expect, raises, run

SERVER = "ws://pyws.test"


@check
def send_and_recv_with_decode_and_text():
    with connect(SERVER + "/echo") as ws:
        expect(ws.state is State.OPEN or ws.state == State.OPEN, "state %r" % ws.state)
        ws.send(b"binary")
        expect(ws.recv(decode=True) == "binary", "decode=True")
        ws.send("text", text=False)
        expect(ws.recv() == b"text", "text=False sends binary")
        ws.send(["frag", "ments"])
        expect(ws.recv() == "fragments", "fragments as one message")
    expect(ws.state == State.CLOSED, "closed after with: %r" % ws.state)
    expect(ws.close_code == 1000, "close_code %r" % ws.close_code)


@check
def a_recv_timeout_is_a_timeout_error_and_takes_no_message():
    with connect(SERVER + "/echo") as ws:
        raises(TimeoutError, ws.recv, timeout=0.2)
        raises(TimeoutError, ws.recv, timeout=0)
        exc = raises(TypeError, ws.recv, timeout="1")
        expect(str(exc) == "timeout must be a number of seconds or None, not str", str(exc))
        ws.send("after")
        expect(ws.recv(timeout=10) == "after", "the next message")


@check
def iteration_ends_at_a_normal_close():
    with connect(SERVER + "/flood?count=3&size=8&close=1") as ws:
        messages = list(ws)
    expect(messages == ["00000000", "00000001", "00000002"], repr(messages))
    expect(ws.close_reason == "flood done", repr(ws.close_reason))


@check
def an_application_close_is_a_connection_closed_error():
    with connect(SERVER + "/close?code=4000&reason=bye") as ws:
        exc = raises(ConnectionClosedError, ws.recv)
    expect(exc.rcvd.code == 4000 and exc.rcvd.reason == "bye", str(exc))


@check
def recv_after_a_normal_close_is_connection_closed_ok():
    ws = connect(SERVER + "/close?code=1000&reason=bye")
    raises(ConnectionClosedOK, ws.recv)
    ws.close()


@check
def a_refused_handshake_is_invalid_handshake_and_os_error():
    exc = raises(InvalidHandshake, connect, SERVER + "/reject")
    expect(isinstance(exc, OSError), "an OSError")


@check
def a_handshake_slower_than_open_timeout_is_a_timeout_error():
    exc = raises(TimeoutError, connect, SERVER + "/slow?handshake_ms=5000", open_timeout=0.3)
    expect(str(exc) == "timed out during opening handshake", str(exc))


@check
def subprotocols_are_negotiated():
    with connect(SERVER + "/echo", subprotocols=["chat", "superchat"]) as ws:
        expect(ws.subprotocol == "chat", repr(ws.subprotocol))
        expect(ws.response.headers["Sec-WebSocket-Protocol"] == "chat", "in the response")


@check
def what_a_browser_cannot_do_is_refused_by_name():
    for name, value in (("sock", object()), ("additional_headers", {"X-Token": "1"}),
                        ("proxy_server_hostname", "proxy")):
        exc = raises(ValueError, connect, SERVER + "/echo", **{name: value})
        expect(str(exc).startswith(name), str(exc))
    with connect(SERVER + "/echo") as ws:
        raises(NotImplementedError, ws.ping)


@check
def a_blocking_call_from_a_javascript_callback_raises_at_once():
    import js
    from pyodide.ffi import create_once_callable

    seen = []
    with connect(SERVER + "/echo") as ws, connect(SERVER + "/echo") as idle:
        def from_javascript():
            try:
                ws.recv()
            except RuntimeError as exc:
                seen.append(str(exc))

        js.setTimeout(create_once_callable(from_javascript), 0)
        for _ in range(500):  # waits (10 ms at a time) for the callback to have run
            if seen:
                break
            raises(TimeoutError, idle.recv, timeout=0.01)
    expect(seen and seen[0].startswith("recv() cannot block here: Python was entered synchronously"), repr(seen))


@check
def an_exception_in_with_closes_with_the_mirror_of_1011():
    try:
        with connect(SERVER + "/echo") as ws:
            raise KeyError("boom")
    except KeyError:
        pass
    expect(ws.close_code == 4011, "close_code %r" % ws.close_code)


run()
