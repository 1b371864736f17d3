# Automatic reconnection: websocket(url, reconnect=True or settings). The dev
# server's /drop endpoint drops every connection after a few echoes, and
# /reject refuses every attempt.

FAST = {"delay": 0.05, "jitter": 0}


def record_reconnects(t, ws):
    def on_reconnect(evt):
        t.events.append("reconnect %d %s %d" % (evt.attempt, evt.delay, evt.code))

    ws.on_reconnect = on_reconnect
    return ws


@test
def a_dropped_connection_comes_back_with_its_callbacks_and_queued_sends(t):
    ws = record_reconnects(t, t.record(t.socket(endpoint("/drop?after=2"), reconnect=FAST)))
    state = {"opens": 0}

    def on_open():
        state["opens"] += 1
        if state["opens"] == 1:
            ws.send("a")
            ws.send("b")
        else:
            t.events.append("open again")

    def on_reconnect(evt):
        t.events.append("reconnect %d %s %d" % (evt.attempt, evt.delay, evt.code))
        t.eq(ws.ready_state, ws.CONNECTING, "ready_state while reconnecting")
        ws.send("queued while away")

    ws.bind("open", on_open)
    ws.on_reconnect = on_reconnect

    def check():
        ws.close()
        t.wait_events(9, lambda: (t.eq(t.events, [
            "open", "message str a", "message str b", "error", "reconnect 1 0.05 1006",
            "open", "open again", "message str queued while away", "close 1000 '' True",
        ], "events"), t.done()))

    t.wait(lambda: "message str queued while away" in t.events, check, "the queued message's echo")


@test
def each_failed_attempt_waits_longer_until_the_limit(t):
    settings = {"delay": 0.02, "factor": 3, "jitter": 0, "attempts": 3}
    ws = record_reconnects(t, t.record(t.socket(refusing(t), reconnect=settings)))

    def check():
        t.eq(t.events, [
            "error",
            "reconnect 1 0.02 1006",
            "reconnect 2 0.06 1006",
            "reconnect 3 0.18 1006",
            "close 1006 '' False",
        ], "events")
        t.eq(ws.ready_state, ws.CLOSED, "ready_state after giving up")
        t.done()

    t.wait(lambda: ws.ready_state == ws.CLOSED, lambda: later(50, lambda: t.step(check)), "giving up")


@test
def closing_while_waiting_to_reconnect_ends_at_once(t):
    ws = record_reconnects(t, t.record(t.socket(refusing(t), reconnect={"delay": 30})))

    def close_now():
        t.eq(ws.ready_state, ws.CONNECTING, "ready_state while waiting")
        ws.send("never sent")
        ws.close(4000, "stop")
        t.eq(ws.ready_state, ws.CLOSED, "ready_state after close()")
        t.eq(t.events[-1], "close 4000 'stop' False", "close event")
        t.eq(len([e for e in t.events if e.startswith("reconnect")]), 1, "reconnect events")
        t.true("closing or closed" in t.raises(CLOSED_ERROR, ws.send, "late"), "send after close")
        t.done()

    def unsent(evt):
        t.eq(evt.unsent, 1, "unsent")

    ws.bind("close", unsent)
    t.wait(lambda: any(e.startswith("reconnect") for e in t.events), close_now, "a reconnect event")


@test
def a_clean_close_by_the_server_with_1000_is_final(t):
    ws = record_reconnects(t, t.record(t.socket(endpoint("/close?code=1000"), reconnect=FAST)))
    t.wait_events(2, lambda: later(200, lambda: t.step(lambda: (
        t.eq(t.events, ["open", "close 1000 '' True"], "events"), t.done()))))


@test
def other_server_closes_reconnect(t):
    ws = record_reconnects(t, t.record(t.socket(endpoint("/close?code=1001"), reconnect=FAST)))

    def check():
        ws.close()
        t.eq(t.events[:4], ["open", "reconnect 1 0.05 1001", "open", "reconnect 1 0.05 1001"], "events")
        t.done()

    t.wait_events(4, check)


@test
def the_send_queue_is_bounded_while_not_open(t):
    ws = t.socket(refusing(t), reconnect={"queue": 2})
    ws.send("1")
    ws.send(b"2")
    message = t.raises(CLOSED_ERROR, ws.send, "3")
    t.eq(message, "cannot send: the WebSocket is not open and its send queue is full (2 messages)", "message")
    t.done()


@test
def reconnect_settings_are_checked(t):
    message = t.raises(TypeError, websocket, ECHO_URL, reconnect={"dealy": 1})
    t.true("unknown reconnect setting 'dealy'" in message, message)
    message = t.raises(TypeError, websocket, ECHO_URL, reconnect={"delay": "1"})
    t.eq(message, "reconnect setting delay must be a number or None, not 'str'", "str delay")
    message = t.raises(TypeError, websocket, ECHO_URL, reconnect={"attempts": True})
    t.eq(message, "reconnect setting attempts must be a number or None, not 'bool'", "bool attempts")
    message = t.raises(TypeError, websocket, ECHO_URL, reconnect="yes")
    t.eq(message, "websocket() reconnect must be True, False or a dict of settings, not 'str'", "str")
    message = t.raises(ValueError, websocket, ECHO_URL, reconnect={"factor": 0.5})
    t.eq(message, "invalid reconnect setting factor=0.5: it must be a number, 1 or more", "factor")
    message = t.raises(ValueError, websocket, ECHO_URL, reconnect={"jitter": 2})
    t.eq(message, "invalid reconnect setting jitter=2: it must be a number from 0 to 1", "jitter")
    message = t.raises(ValueError, websocket, ECHO_URL, reconnect={"attempts": 0})
    t.true(message.startswith("invalid reconnect setting attempts=0"), message)
    t.done()


@async_test
async def recv_and_async_for_carry_on_across_a_reconnect(t):
    ws = t.socket(endpoint("/drop?after=2"), reconnect=FAST)
    seen = []
    await ws.opened()
    ws.send("1")
    ws.send("2")
    async for message in ws:
        seen.append(message)
        if len(seen) == 2:
            while ws.ready_state == ws.OPEN:  # the drop comes next
                await sleep(0.01)
            t.eq(ws.ready_state, ws.CONNECTING, "ready_state after the drop")
            await ws.opened()  # waits for the new connection
            ws.send("3")
        if len(seen) == 3:
            ws.close()
    t.eq(seen, ["1", "2", "3"], "messages")
