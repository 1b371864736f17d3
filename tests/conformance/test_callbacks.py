# Callbacks: any callable taking zero or one argument, readable and
# replaceable at any time, bind/unbind for more handlers, and failures that
# never stop other handlers or later events.


@test
def callbacks_may_take_the_event_or_nothing(t):
    ws = t.socket()

    def on_open():
        t.events.append("open()")
        ws.close()

    def on_close(evt):
        t.events.append("close(%d)" % evt.code)

    ws.on_open = on_open
    ws.on_close = on_close

    def check():
        t.eq(t.events, ["open()", "close(1000)"], "events")
        t.done()

    t.wait_events(2, check)


@test
def every_message_reaches_each_handler_the_way_it_takes_it(t):
    # Where the interpreter keeps no signature (MicroPython), how a handler
    # is called is settled by its first call: a TypeError from its body is
    # not mistaken for one that takes nothing.
    ws = t.socket()
    calls = [0]

    def takes_nothing():
        calls[0] += 1

    def fails_once(evt):
        if not t.events:
            t.events.append("failed " + evt.data)
            raise TypeError("pyws-deliberate-failure")
        t.events.append("got " + evt.data)

    ws.on_message = takes_nothing
    ws.bind("message", fails_once)
    ws.on_open = lambda: [ws.send(m) for m in ("a", "b", "c")]

    def check():
        t.eq(t.events, ["failed a", "got b", "got c"], "events")
        t.eq(calls[0], 3, "calls of the handler taking nothing")
        t.done()

    t.wait_events(3, check)


@test
def a_type_error_from_inside_a_handler_never_gets_it_called_again(t):
    # A handler whose body raises the TypeError that calling with one
    # argument too many raises (here from an inner call) is not taken for
    # one that takes nothing: it runs once per message, always with the
    # event, and its failure is reported.
    ws = t.socket()

    def takes_nothing():
        pass

    def on_message(evt=None):
        t.events.append("no event" if evt is None else evt.data)
        if len(t.events) == 1:
            takes_nothing(evt)

    ws.on_message = on_message
    ws.on_open = lambda: [ws.send(m) for m in ("a", "b")]

    def check():
        t.eq(t.events, ["a", "b"], "calls of the handler")
        t.done()

    t.wait_events(2, check)


@test
def lambdas_bound_methods_and_callable_objects_work(t):
    ws = t.socket()

    class Listener:
        def opened(self):
            t.events.append("method()")

        def closed(self, evt):
            t.events.append("method(evt) %s" % evt.type)

    class Callable:
        def __call__(self, evt):
            t.events.append("object(evt) %s" % evt.data)
            ws.close()

    listener = Listener()
    ws.on_open = listener.opened
    ws.on_message = Callable()
    ws.on_close = listener.closed
    ws.on_error = lambda: t.events.append("lambda")
    ws.bind("open", lambda evt: ws.send("via lambda"))

    def check():
        t.eq(t.events, ["method()", "object(evt) via lambda", "method(evt) close"], "events")
        t.done()

    t.wait_events(3, check)


@test
def async_def_callbacks_run_on_the_event_loop(t):
    ws = t.socket()

    async def on_open():
        t.events.append("async open()")
        ws.send("ping")

    async def on_message(evt):
        t.events.append("async message(%s)" % evt.data)

    ws.on_open = on_open
    ws.on_message = on_message

    def check():
        t.eq(t.events, ["async open()", "async message(ping)"], "events")
        t.done()

    t.wait_events(2, check)


@test
def callbacks_are_readable_and_none_clears_them(t):
    ws = t.socket()
    t.eq(ws.on_open, None, "on_open before assignment")

    def handler(evt):
        t.events.append("should not run")

    ws.on_message = handler
    t.true(ws.on_message is handler, "on_message reads back the same function")
    ws.on_message = None
    t.eq(ws.on_message, None, "on_message after clearing")
    ws.on_open = lambda: ws.send("unheard")

    def later_check():
        t.eq(t.events, [], "no message handler ran")
        t.done()

    t.wait(lambda: ws.ready_state == ws.OPEN, lambda: later(200, lambda: t.step(later_check)), "open")


@test
def a_non_callable_callback_is_a_type_error(t):
    ws = t.socket()
    message = t.raises(TypeError, setattr, ws, "on_message", "not a function")
    t.eq(message, "on_message must be callable or None, not 'str'", "message")
    message = t.raises(TypeError, setattr, ws, "on_close", 42)
    t.eq(message, "on_close must be callable or None, not 'int'", "message")
    t.eq(ws.on_message, None, "the failed assignment changed nothing")
    t.done()


@test
def a_callback_needing_two_arguments_is_a_type_error(t):
    ws = t.socket()

    def two(a, b):
        pass

    if INTERPRETER == "micropython":
        # MicroPython keeps no signatures: the assignment is accepted, and the
        # TypeError is printed as a traceback when the event comes.
        ws.on_open = two
        t.true(ws.on_open is two, "on_open is set")
        t.done()
        return
    message = t.raises(TypeError, setattr, ws, "on_open", two)
    t.eq(message, "on_open must take zero or one argument (the event), but two() requires 2", "message")
    t.done()


@test
def the_event_carries_type_target_data_and_close_details(t):
    ws = t.socket()
    seen = {}

    def on_open(evt):
        seen["open"] = (evt.type, evt.target is ws)
        ws.send("x")

    def on_message(evt):
        seen["message"] = (evt.type, evt.data, evt.target is ws)
        ws.close(4000, "because")

    def on_close(evt):
        seen["close"] = (evt.type, evt.code, evt.reason, evt.was_clean, evt.target is ws)

    ws.on_open = on_open
    ws.on_message = on_message
    ws.on_close = on_close

    def check():
        t.eq(seen["open"], ("open", True), "open event")
        t.eq(seen["message"], ("message", "x", True), "message event")
        t.eq(seen["close"], ("close", 4000, "because", True, True), "close event")
        t.done()

    t.wait(lambda: "close" in seen, check, "close")


@test
def bound_handlers_run_after_the_attribute_in_registration_order(t):
    ws = t.socket()

    class Counter:
        def on(self, evt):
            t.events.append("method")

    counter = Counter()
    ws.on_message = lambda evt: t.events.append("attribute")
    ws.bind("message", lambda evt: t.events.append("first"))
    ws.bind("message", counter.on)
    ws.bind("message", lambda: t.events.append("third, no argument"))
    ws.on_open = lambda: ws.send("go")

    def unbind_and_resend():
        t.eq(t.events, ["attribute", "first", "method", "third, no argument"], "first message")
        ws.unbind("message", counter.on)  # a new bound-method object, equal to the one bound
        del t.events[:]
        ws.send("again")
        t.wait_events(3, after_unbind)

    def after_unbind():
        t.eq(t.events, ["attribute", "first", "third, no argument"], "after unbinding the method")
        ws.unbind("message")
        del t.events[:]
        ws.send("last")
        t.wait_events(1, after_unbind_all)

    def after_unbind_all():
        later(100, lambda: t.step(final))

    def final():
        t.eq(t.events, ["attribute"], "after unbinding all")
        t.done()

    t.wait_events(4, unbind_and_resend)


@test
def bind_rejects_unknown_events_and_non_callables(t):
    ws = t.socket()
    message = t.raises(ValueError, ws.bind, "msg", lambda evt: None)
    t.eq(message, "unknown event \"msg\": expected 'open', 'message', 'error', 'close' or 'reconnect'", "unknown event")
    message = t.raises(TypeError, ws.bind, "open", 3)
    t.eq(message, "bind() handler must be callable, not 'int'", "non-callable")
    t.raises(TypeError, ws.bind, 1, lambda: None)
    t.done()


@test
def an_exception_in_a_callback_stops_neither_other_handlers_nor_later_events(t):
    ws = t.socket()

    def failing(evt):
        t.events.append("failing " + evt.data)
        raise RuntimeError("pyws-deliberate-failure")

    ws.on_message = failing
    ws.bind("message", lambda evt: t.events.append("bound " + evt.data))
    ws.on_open = lambda: (ws.send("one"), ws.send("two"))

    def check():
        t.eq(t.events, ["failing one", "bound one", "failing two", "bound two"], "events")
        t.done()

    t.wait_events(4, check)


@test
def a_callback_may_replace_itself(t):
    ws = t.socket()

    def first(evt):
        t.events.append("first " + evt.data)
        ws.on_message = second

    def second(evt):
        t.events.append("second " + evt.data)

    ws.on_message = first
    ws.on_open = lambda: (ws.send("a"), ws.send("b"))

    def check():
        t.eq(t.events, ["first a", "second b"], "events")
        t.done()

    t.wait_events(2, check)


@test
def a_close_handler_may_clear_every_handler_and_removed_ones_are_not_called(t):
    ws = t.socket()

    def on_close(evt):
        ws.on_close = None
        ws.on_message = None
        ws.unbind("close")
        t.events.append("close %d" % evt.code)

    ws.on_close = on_close
    ws.bind("close", lambda: t.events.append("bound close"))
    ws.on_open = lambda: ws.close()

    def check():
        # As in the DOM, a handler removed during dispatch is not called.
        t.eq(t.events, ["close 1000"], "events")
        t.eq(ws.on_close, None, "on_close after the close")
        t.done()

    t.wait_events(1, lambda: later(100, lambda: t.step(check)))
