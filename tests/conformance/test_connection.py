# Connection life cycle: the exact event sequence, queued sends, closing rules,
# and the read-only properties.

# Read as the suite loads, before any test opens a socket: pyws finishes
# loading its Python at the first websocket() call (Pyodide, MicroPython)
# and Brython makes the exception classes on first use, so the builtins must
# already be whole before that.
BUILTINS_BEFORE_FIRST_OPEN = (
    callable(websocket),
    websocket.__name__,
    issubclass(ConnectionClosed, CLOSED_ERROR),
    issubclass(ConnectionClosedOK, ConnectionClosed),
    issubclass(ConnectionClosedError, ConnectionClosed),
    ConnectionClosedOK.__name__,
)


@test
def builtins_are_whole_before_the_first_socket(t):
    t.eq(BUILTINS_BEFORE_FIRST_OPEN, (True, "websocket", True, True, True, "ConnectionClosedOK"),
         "the builtins before any socket opened")
    t.done()


@test
def open_message_close_in_order(t):
    ws = t.record(t.socket())

    def opened():
        ws.send("hello")
        t.wait_events(2, echoed)

    def echoed():
        ws.close()
        t.wait_events(3, closed)

    def closed():
        t.eq(t.events, ["open", "message str hello", "close 1000 '' True"], "events")
        t.done()

    t.wait_events(1, opened)


@test
def messages_sent_while_connecting_are_sent_in_order_on_open(t):
    ws = t.record(t.socket())
    t.eq(ws.ready_state, ws.CONNECTING, "ready_state before open")
    for i in range(5):
        ws.send("m%d" % i)
    ws.send(b"\x00\x01")

    def check():
        t.eq(t.events, ["open", "message str m0", "message str m1", "message str m2",
                        "message str m3", "message str m4", "message bytes [0, 1]"], "events")
        t.done()

    t.wait_events(7, check)


@test
def a_queued_bytearray_is_sent_as_it_was_when_send_was_called(t):
    ws = t.record(t.socket())
    buffer = bytearray(b"abc")
    ws.send(buffer)
    buffer[0] = ord("X")
    ws.send(bytes(buffer))

    def check():
        t.eq(t.events[1:], ["message bytes [97, 98, 99]", "message bytes [88, 98, 99]"], "echoes")
        t.done()

    t.wait_events(3, check)


@test
def send_on_a_closing_or_closed_socket_raises_connection_error(t):
    ws = t.record(t.socket())

    def opened():
        ws.close()
        t.eq(ws.ready_state, ws.CLOSING, "ready_state after close()")
        t.eq(CLOSED_ERROR.__name__, "OSError" if INTERPRETER == "micropython" else "ConnectionError",
             "the closed-socket exception")
        message = t.raises(CLOSED_ERROR, ws.send, "late")
        t.eq(message, "cannot send: the WebSocket is closing or closed", "message")
        t.wait_events(2, closed)

    def closed():
        t.eq(ws.ready_state, ws.CLOSED, "ready_state after close")
        t.raises(CLOSED_ERROR, ws.send, b"late")
        t.eq(t.events, ["open", "close 1000 '' True"], "events (nothing was echoed)")
        t.done()

    t.wait_events(1, opened)


@test
def close_with_a_code_and_reason_reaches_the_close_event(t):
    ws = t.record(t.socket())

    def opened():
        ws.close(4001, "bye ☃")
        t.wait_events(2, closed)

    def closed():
        t.eq(t.events[1], "close 4001 'bye ☃' True", "close event")
        t.done()

    t.wait_events(1, opened)


@test
def close_accepts_keyword_arguments_and_a_reason_alone_closes_with_1000(t):
    ws = t.record(t.socket())

    def opened():
        ws.close(reason="done")
        t.wait_events(2, closed)

    def closed():
        t.eq(t.events[1], "close 1000 'done' True", "close event")
        t.done()

    t.wait_events(1, opened)


@test
def closing_twice_does_nothing(t):
    ws = t.record(t.socket())

    def opened():
        ws.close(3000)
        ws.close(3001, "ignored")
        t.wait_events(2, closed)

    def closed():
        ws.close()
        t.eq(t.events, ["open", "close 3000 '' True"], "events")
        t.done()

    t.wait_events(1, opened)


@test
def close_rejects_codes_browsers_reserve(t):
    ws = t.socket()
    for code in (0, 999, 1001, 1005, 1006, 2999, 5000, 65536):
        message = t.raises(ValueError, ws.close, code)
        t.eq(message, "invalid close code %d: it must be 1000 or in the range 3000-4999" % code, "message")
    t.eq(ws.ready_state, ws.CONNECTING, "the socket is untouched")
    t.done()


@test
def close_rejects_a_reason_over_123_utf8_bytes(t):
    ws = t.socket()
    message = t.raises(ValueError, ws.close, 1000, "x" * 124)
    t.eq(message, "close reason is 124 bytes long in UTF-8; it must be at most 123 bytes", "message")
    # 41 three-byte characters fit; 42 do not.
    message = t.raises(ValueError, ws.close, 1000, "€" * 42)
    t.eq(message, "close reason is 126 bytes long in UTF-8; it must be at most 123 bytes", "message")
    ws.close(1000, "€" * 41)
    t.done()


@test
def close_rejects_arguments_of_the_wrong_type(t):
    ws = t.socket()
    t.eq(t.raises(TypeError, ws.close, "1000"), "close() code must be an int or None, not 'str'", "code")
    t.eq(t.raises(TypeError, ws.close, 1000.0), "close() code must be an int or None, not 'float'", "float code")
    t.eq(t.raises(TypeError, ws.close, 1000, b"bye"), "close() reason must be a str or None, not 'bytes'", "reason")
    t.done()


@test
def properties_describe_the_connection(t):
    ws = t.record(t.socket())
    t.eq(ws.url, ECHO_URL, "url")
    t.eq((ws.CONNECTING, ws.OPEN, ws.CLOSING, ws.CLOSED), (0, 1, 2, 3), "constants")
    t.eq(ws.ready_state, 0, "ready_state")
    t.eq(ws.buffered_amount, 0, "buffered_amount")

    def opened():
        t.eq(ws.ready_state, 1, "ready_state when open")
        t.eq(ws.protocol, "", "protocol (none negotiated)")
        t.eq(ws.extensions, "", "extensions")
        message = t.raises(AttributeError, setattr, ws, "ready_state", 3)
        t.eq(message, "attribute 'ready_state' of 'WebSocket' objects is not writable", "message")
        t.raises(AttributeError, setattr, ws, "url", "ws://elsewhere/")
        t.done()

    t.wait_events(1, opened)


@test
def http_and_relative_urls_become_websocket_urls(t):
    http = t.socket(ECHO_URL.replace("ws://", "http://"))
    t.eq(http.url, ECHO_URL, "http URL")
    relative = t.socket("/echo")
    t.eq(relative.url, ECHO_URL, "relative URL")
    t.done()


@test
def subprotocols_may_be_given_as_a_str_or_a_list(t):
    one = t.socket(ECHO_URL, "chat")
    two = t.socket(ECHO_URL, protocols=["chat", "superchat"])
    t.eq(one.ready_state, 0, "opened with one protocol")
    t.eq(two.ready_state, 0, "opened with two protocols")
    t.done()
