# pyws's websocket (the websocket-client API), blocking in Pyodide over
# JSPI: WebSocket's accessors and exceptions, WebSocketApp's callbacks,
# close() from a callback and reconnection, and what a browser cannot do.
# Each check prints "ok NAME" or "FAIL NAME: why" (checks.py).

import websocket
from websocket import ABNF, WebSocketApp, create_connection

from checks import check, expect, raises, run

SERVER = "ws://pyws.test"


@check
def a_connection_answers_what_a_browser_can():
    ws = create_connection(SERVER + "/echo", subprotocols=["chat"], header=[])
    expect(ws.connected and ws.getstatus() == 101, "connected, status %r" % ws.getstatus())
    expect(ws.getsubprotocol() == "chat", repr(ws.getsubprotocol()))
    expect(ws.getheaders()["sec-websocket-protocol"] == "chat", repr(ws.getheaders()))
    expect(ws.send("text") == 10, "the frame's length")
    expect(ws.recv_data() == (ABNF.OPCODE_TEXT, b"text"), "recv_data")
    ws.send_binary(b"\x00\x01")
    expect(ws.recv() == b"\x00\x01", "binary")
    ws.close()
    expect(not ws.connected, "not connected after close()")
    raises(websocket.WebSocketConnectionClosedException, ws.send, "late")


@check
def a_recv_past_the_timeout_is_a_timeout_exception():
    ws = create_connection(SERVER + "/echo", timeout=0.2)
    expect(ws.gettimeout() == 0.2, repr(ws.gettimeout()))
    raises(websocket.WebSocketTimeoutException, ws.recv)
    exc = raises(ValueError, ws.settimeout, -1)
    expect(str(exc) == "timeout=-1: a number of seconds must be 0 or more", str(exc))
    ws.settimeout(None)
    ws.send("next")
    expect(ws.recv() == "next", "the next message")
    ws.close()


@check
def the_server_s_close_is_an_empty_recv_then_closed():
    ws = create_connection(SERVER + "/close?code=4000&reason=bye")
    opcode, data = ws.recv_data()
    expect(opcode == ABNF.OPCODE_CLOSE and data == b"\x0f\xa0bye", repr((opcode, data)))
    raises(websocket.WebSocketConnectionClosedException, ws.recv)


@check
def a_refused_handshake_is_a_bad_status_without_a_status():
    exc = raises(websocket.WebSocketBadStatusException, create_connection, SERVER + "/reject")
    expect(exc.status_code is None, repr(exc.status_code))
    expect(isinstance(exc, websocket.WebSocketException), "a WebSocketException")


@check
def what_a_browser_cannot_do_is_refused_by_name():
    for name, value in (("header", ["X-Token: 1"]), ("cookie", "a=1"), ("sslopt", {"cert_reqs": 0}),
                        ("http_proxy_host", "proxy"), ("origin", "http://elsewhere")):
        exc = raises(ValueError, create_connection, SERVER + "/echo", **{name: value})
        expect(str(exc).startswith(name + "="), str(exc))
    exc = raises(ValueError, create_connection, "http://pyws.test/echo")
    expect(str(exc) == "scheme http is invalid", str(exc))
    exc = raises(TypeError, create_connection, SERVER + "/echo", headers=["X: 1"])
    expect("headers" in str(exc), str(exc))
    exc = raises(NotImplementedError, websocket.recv_line, None)
    expect(str(exc).startswith("websocket.recv_line: a page has no socket"), str(exc))
    ws = create_connection(SERVER + "/echo")
    raises(ValueError, ws.set_mask_key, lambda length: b"\0" * length)
    raises(ValueError, ws.send, "ping", websocket.ABNF.OPCODE_PING)
    ws.close()


@check
def an_app_closed_from_its_callback_ends_run_forever():
    seen = []

    def on_open(app):
        seen.append("open")
        app.send("hi")

    def on_message(app, message):
        seen.append(message)
        app.close()

    def on_close(app, code, reason):
        seen.append(("close", code, reason))

    app = WebSocketApp(SERVER + "/echo", on_open=on_open, on_message=on_message, on_close=on_close,
                       on_data=lambda app, data, opcode, fin: seen.append((data, opcode, fin)))
    expect(app.run_forever() is False, "no error")
    expect(seen == ["open", ("hi", ABNF.OPCODE_TEXT, True), "hi", ("close", None, None)], repr(seen))


@check
def an_app_reconnects_after_each_close_until_close():
    opens = []
    closes = []

    def on_open(app):
        opens.append(1)
        if len(opens) == 3:
            app.close()

    app = WebSocketApp(SERVER + "/close?code=1000&reason=bye", on_open=on_open,
                       on_close=lambda app, code, reason: closes.append((code, reason)))
    app.run_forever(reconnect=0.1)
    expect(len(opens) == 3 and len(closes) == 1, "%d opens, closes %r" % (len(opens), closes))


@check
def an_app_that_cannot_connect_reports_it_to_on_error():
    errors = []
    closes = []
    app = WebSocketApp(SERVER + "/reject", on_error=lambda app, exc: errors.append(type(exc).__name__),
                       on_close=lambda app, code, reason: closes.append((code, reason)))
    expect(app.run_forever() is True, "an error")
    expect(errors == ["WebSocketBadStatusException"] and closes == [(None, None)], repr((errors, closes)))


@check
def an_app_refuses_what_a_browser_cannot_do():
    app = WebSocketApp(SERVER + "/echo", header={"X-Token": "1"})
    exc = raises(ValueError, app.run_forever)
    expect(str(exc).startswith("header="), str(exc))
    exc = raises(ValueError, WebSocketApp(SERVER + "/echo").run_forever, ping_interval=10)
    expect(str(exc).startswith("ping_interval="), str(exc))
    raises(TypeError, WebSocketApp(SERVER + "/echo").run_forever, reconnect="5")


run()
