# Reliability: nothing lost, duplicated or reordered under load, large and odd
# messages intact, every failure reported as events in the standard's order,
# and callbacks that misbehave kept from hurting anything else. Uses the dev
# server's fault endpoints (/drop, /close, /reject, /flood, /greet, /slow).


@slow_test(300000)
def a_hundred_thousand_numbered_messages_round_trip_once_and_in_order(t):
    total = 100000
    ws = t.socket()
    state = {"next": 0, "sent": 0, "problem": None}

    def send_some():
        if state["sent"] >= total or ws.ready_state != ws.OPEN:
            return
        stop = min(total, state["sent"] + 5000)
        for i in range(state["sent"], stop):
            ws.send(str(i))
        state["sent"] = stop
        later(0, send_some)

    def on_message(evt):
        if evt.data != str(state["next"]) and state["problem"] is None:
            state["problem"] = "expected message %d, got %r" % (state["next"], evt.data)
        state["next"] += 1

    ws.on_open = send_some
    ws.on_message = on_message

    def check():
        t.eq(state["problem"], None, "order")
        t.eq(state["next"], total, "messages received")
        t.done()

    t.wait(lambda: state["next"] >= total or state["problem"], check, "100000 echoes", 290000)


@slow_test(60000)
def a_flood_of_ten_thousand_messages_arrives_complete_and_in_order(t):
    ws = t.socket(endpoint("/flood?count=10000&size=64"))
    state = {"count": 0, "problem": None}

    def on_message(evt):
        expected = "%08d" % state["count"]
        data = evt.data
        if (data[:8] != expected or len(data) != 64) and state["problem"] is None:
            state["problem"] = "message %d was %r" % (state["count"], data[:16])
        state["count"] += 1

    ws.on_message = on_message

    def check():
        later(200, lambda: t.step(final))

    def final():
        t.eq(state["problem"], None, "content")
        t.eq(state["count"], 10000, "messages received")
        t.done()

    t.wait(lambda: state["count"] >= 10000 or state["problem"], check, "10000 messages", 55000)


def round_trip_large(t, payload, length):
    ws = t.socket()
    received = []
    ws.on_open = lambda: ws.send(payload)
    ws.on_message = lambda evt: received.append(evt.data)

    def check():
        data = received[0]
        t.eq(type(data), type(payload), "type")
        t.eq(len(data), length, "length")
        t.true(data == payload, "the echo differs from what was sent")
        t.done()

    t.wait(lambda: received, check, "the echo", 110000)


@slow_test(120000)
def a_16_mib_binary_message_arrives_intact(t):
    round_trip_large(t, bytes(range(256)) * (16 * 4096), 16 * 1024 * 1024)


@slow_test(120000)
def a_16_mib_text_message_arrives_intact(t):
    # 2, 3 and 4-byte UTF-8 characters, 16 MiB in all. (The length is given:
    # Brython's len() of a str made by * counts a 4-byte character twice.)
    repeats = 16 * 1024 * 1024 // 16
    round_trip_large(t, ("é☃😀" + "x" * 7) * repeats, 10 * repeats)


@test
def a_lone_surrogate_is_sent_as_the_replacement_character(t):
    received = []
    ws = t.socket()
    ws.on_open = lambda: ws.send("a" + chr(0xD800) + "b")
    ws.on_message = lambda evt: received.append(evt.data)

    def check():
        # The browser sends text as UTF-8, replacing what UTF-8 cannot hold.
        t.eq(received[0], "a\ufffdb", "echo")
        t.done()

    t.wait(lambda: received, check, "the echo")


@slow_test(60000)
def two_hundred_sockets_open_at_once_each_get_their_own_echo(t):
    # WebKit lets a page hold at most 199 WebSockets (fewer while it still
    # counts sockets that earlier tests closed): the next ones fail at once,
    # and pyws reports each as any failed connection, error then close 1006
    # (WebKit fires no close for them; pyws makes one). Chromium and Firefox
    # open all 200. Every socket gets its echo or fails so, none is silent.
    count = 200
    echoes = {}
    failures = {}

    def opener(ws, i):
        return lambda: ws.send("socket %d" % i)

    def receiver(i):
        def on_message(evt):
            echoes[i] = evt.data
        return on_message

    def failure(i, what):
        def record(evt):
            failures.setdefault(i, []).append(what(evt))
        return record

    for i in range(count):
        ws = t.socket()
        ws.on_open = opener(ws, i)
        ws.on_message = receiver(i)
        ws.on_error = failure(i, lambda evt: "error")
        ws.on_close = failure(i, lambda evt: "close %d %s" % (evt.code, evt.was_clean))
        sockets_opened = i + 1
    t.eq(sockets_opened, count, "sockets made")

    def check():
        if ENGINE == "webkit":
            t.true(150 <= len(echoes) <= 199, "%d echoes: WebKit opens up to 199" % len(echoes))
        else:
            t.eq(len(echoes), count, "echoes")
        for i in echoes:
            t.eq(echoes[i], "socket %d" % i, "echo of socket %d" % i)
        t.eq(len(failures), count - len(echoes), "sockets that failed")
        for i in failures:
            t.true(i not in echoes, "socket %d both echoed and failed" % i)
            t.eq(failures[i], ["error", "close 1006 False"], "events of failed socket %d" % i)
        t.done()

    def finished():
        return len(echoes) + len([f for f in failures.values() if len(f) == 2]) >= count

    t.wait(finished, lambda: later(200, lambda: t.step(check)), "200 echoes or failures", 55000)


@test
def a_connection_dropped_without_a_close_frame_gives_error_then_close_1006(t):
    # /drop closes the TCP connection right after the handshake. When the
    # drop comes on the heels of the handshake's answer, an engine may report
    # a connection that never opened (Firefox often, its own WebSocket too in
    # plain JS; WebKit seen once in a full run; Chromium not seen): then it is
    # the sequence of a refused connection. Either way error comes first,
    # then close 1006.
    ws = t.record(t.socket(endpoint("/drop")))
    opened = ["open", "error", "close 1006 '' False"]
    never_opened = ["error", "close 1006 '' False"]

    def check():
        if ENGINE != "chromium" and t.events == never_opened:
            t.eq(ws.ready_state, ws.CLOSED, "ready_state")
        else:
            t.eq(t.events, opened, "events")
        t.done()

    # A little after the close, so that an event after it would be seen.
    t.wait(lambda: t.events and t.events[-1].startswith("close"), lambda: later(50, lambda: t.step(check)), "the close event")


@test
def a_drop_mid_stream_delivers_what_came_before(t):
    ws = t.record(t.socket(endpoint("/drop?after=2")))
    ws.on_open = lambda: (ws.send("one"), ws.send("two"), t.events.append("open"))

    def check():
        t.eq(t.events, ["open", "message str one", "message str two", "error", "close 1006 '' False"], "events")
        t.done()

    t.wait_events(5, check)


@test
def a_refused_handshake_gives_error_then_close_1006_and_counts_unsent_messages(t):
    ws = t.socket(refusing(t))
    t.record(ws)
    ws.send("queued 1")
    ws.send(b"queued 2")
    ws.send("queued 3")
    unsent = []
    ws.bind("close", lambda evt: unsent.append(evt.unsent))

    def check():
        t.eq(t.events, ["error", "close 1006 '' False"], "events")
        t.eq(unsent, [3], "messages that were never sent")
        t.done()

    t.wait_events(2, check)


@test
def the_server_close_code_and_reason_arrive_exactly(t):
    ws = t.record(t.socket(endpoint("/close?code=4321&reason=server%20says%20bye%20%E2%98%83")))

    def check():
        t.eq(t.events, ["open", "close 4321 'server says bye ☃' True"], "events")
        t.done()

    t.wait_events(2, check)


@test
def the_subprotocol_the_server_chose_is_reported(t):
    ws = t.socket(ECHO_URL, ["pyws.v1", "chat"])
    t.wait(lambda: ws.ready_state == ws.OPEN, lambda: (t.eq(ws.protocol, "pyws.v1", "protocol"), t.done()), "open")


@test
def a_greeting_sent_on_open_arrives_first(t):
    ws = t.record(t.socket(endpoint("/greet")))
    ws.on_open = lambda: (t.events.append("open"), ws.send("after"))

    def check():
        t.eq(t.events, ["open", "message str hello from pyws-server", "message str after"], "events")
        t.done()

    t.wait_events(3, check)


@test
def slow_echoes_keep_their_order(t):
    ws = t.record(t.socket(endpoint("/slow?ms=50")))
    ws.on_open = lambda: (t.events.append("open"), ws.send("1"), ws.send("2"), ws.send("3"))

    def check():
        t.eq(t.events, ["open", "message str 1", "message str 2", "message str 3"], "events")
        t.done()

    t.wait_events(4, check)


@test
def a_callback_that_closes_the_socket_stops_further_messages(t):
    ws = t.socket(endpoint("/flood?count=100&size=16"))
    seen = []

    def on_message(evt):
        seen.append(evt.data)
        ws.close()

    ws.on_message = on_message
    ws.on_close = lambda evt: seen.append("closed %d" % evt.code)

    def check():
        t.eq(seen[0][:8], "00000000", "the first message")
        t.eq(seen[-1], "closed 1000", "the close")
        t.true(len(seen) < 100, "messages kept coming after close(): %d" % len(seen))
        t.done()

    t.wait(lambda: seen and seen[-1] == "closed 1000", check, "close")


@test
def sending_from_on_close_raises_the_closed_socket_exception(t):
    ws = t.socket()
    outcome = []

    def on_close(evt):
        try:
            ws.send("too late")
            outcome.append("sent")
        except CLOSED_ERROR as exc:
            outcome.append("%s: %s" % (type(exc).__name__, exc))

    ws.on_open = lambda: ws.close()
    ws.on_close = on_close

    def check():
        t.eq(outcome, ["%s: cannot send: the WebSocket is closing or closed" % CLOSED_ERROR.__name__], "outcome")
        t.done()

    t.wait(lambda: outcome, check, "close")


@test
def received_data_is_never_evaluated(t):
    payloads = ["__import__('os').system('x')", "1/0", "<img src=x onerror=alert(1)>", "${7*7}"]
    echo_each(t, payloads, ["message str " + p for p in payloads])


@test
def an_internal_failure_is_a_runtime_error_and_pyws_keeps_working(t):
    broken = t.socket()
    core_of(broken).free()  # what a bug in the core could leave behind
    message = t.raises(RuntimeError, broken.send, "x")
    t.true(message.startswith("pyws internal error: "), "message: " + message)
    ws = t.record(t.socket())
    ws.on_open = lambda: (t.events.append("open"), ws.send("still working"))

    def check():
        t.eq(t.events, ["open", "message str still working"], "a new socket")
        t.done()

    t.wait_events(2, check)
