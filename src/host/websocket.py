# The Python side of pyws for Pyodide and MicroPython: the WebSocket and
# WebSocketEvent classes, over the Rust core. install.py runs at install and
# defines the `websocket` builtin; its first call runs this file in the same
# namespace, which then holds these names as well as the adapter's:
#   _pyws             the adapter's JS module: open, send, close, handlers,
#                     and the async API's readable, poll, opened, waitClosed, drain
#   _proxy(fn)        fn made into a value the core can keep and call
#   _js_text(s)       a str as the adapter passes it to JavaScript
#   _send_text(socket, s)  sends a str; None or an error
#   _js_list(items)   a list of str as a JS array
#   _bytes_from_js(view) a received binary message (a JS Uint8Array) as bytes
#   _send_bytes(socket, data)  sends bytes-like data; None or an error
#   _report(exc)      prints exc as a Python traceback
#   _ConnectionError  the exception for a closed socket
#   ConnectionClosed, ConnectionClosedOK, ConnectionClosedError (install.py)
# Conversions live in the adapters; validation, state and dispatch in the core.

_ERRORS = {
    "ValueError": ValueError,
    "TypeError": TypeError,
    "ConnectionError": _ConnectionError,
    "NotImplementedError": NotImplementedError,
}
_UNKNOWN_ARITY = 2
_STATES = ("CONNECTING", "OPEN", "CLOSING", "CLOSED")


def _error(error):
    """The exception for a [name, message] error the adapter returned."""
    return _ERRORS.get(error[0], RuntimeError)(error[1])


def _raise(error):
    raise _error(error)


def _type_name(value):
    return type(value).__name__


def _arity(name, handler, or_none=" or None"):
    """1 if handler takes the event, 0 if it takes nothing, read from its
    signature; _UNKNOWN_ARITY where the interpreter keeps no signature
    (MicroPython, builtins), resolved at the first call."""
    if not callable(handler):
        raise TypeError("%s must be callable%s, not '%s'" % (name, or_none, _type_name(handler)))
    target = handler
    bound = 0
    for _ in range(4):
        func = getattr(target, "__func__", None)
        if func is not None:  # a bound method: less its self
            bound += 1
            target = func
            continue
        code = getattr(target, "__code__", None)
        if code is not None:
            if not hasattr(code, "co_argcount"):
                break  # MicroPython's code objects keep no signature
            positional = code.co_argcount - bound
            defaults = getattr(target, "__defaults__", None) or ()
            required = positional - len(defaults)
            if required > 1:
                raise TypeError("%s must take zero or one argument (the event), but %s() requires %d"
                                % (name, target.__name__, required))
            return 1 if positional >= 1 or code.co_flags & 0x04 else 0
        call = getattr(type(target), "__call__", None)
        if call is None or getattr(call, "__code__", None) is None:
            break
        bound += 1  # a callable object: __call__ on its class takes self first
        target = call
    return _UNKNOWN_ARITY


def _wrong_arity(exc):
    message = str(exc)
    return "positional argument" in message and "given" in message


def _trampoline(ws, kind, handler, arity):
    """What the core keeps and calls for one handler of one kind of event: a
    Python function taking the event's fields, so each event costs the core
    one call into Python with plain values. A message handler's takes only
    the data (text, or binary as _bytes_from_js takes it), the others' the
    event's fields in the order the adapter lays them out (text and binary,
    a message's places, stay None). It never raises: a failure is printed as a
    traceback and the other handlers still run."""
    known = [arity]  # _UNKNOWN_ARITY until the first call settles it

    def first_call(event):
        """Calls handler with event, or with nothing if it takes nothing,
        and remembers which."""
        try:
            result = handler(event)
        except TypeError as exc:
            # Raised by the call itself (before any of the body ran) when
            # the handler takes no argument; async def handlers check their
            # arguments at the call too.
            if not _wrong_arity(exc):
                raise
            known[0] = 0
            return handler()
        known[0] = 1
        return result

    if kind == "message":
        # The hot path: one call per message, no event built for a handler
        # that takes none.
        def on_message(text=None, binary=None):
            try:
                if known[0] == 0:
                    result = handler()
                else:
                    event = WebSocketEvent()
                    event.type = "message"
                    event.target = ws
                    event.data = text if binary is None else _bytes_from_js(binary)
                    result = handler(event) if known[0] == 1 else first_call(event)
                if result is not None and _is_coroutine(result):
                    _spawn(result)
            except BaseException as exc:
                _report(exc)

        return on_message

    def on_event(type, text=None, binary=None, code=None, reason=None, was_clean=None, unsent=None,
                 attempt=None, delay=None):
        try:
            if known[0] == 0:
                result = handler()
            else:
                event = _make_event(ws, type, code, reason, was_clean, unsent, attempt, delay)
                result = handler(event) if known[0] == 1 else first_call(event)
            if result is not None and _is_coroutine(result):
                _spawn(result)
        except BaseException as exc:
            _report(exc)

    return on_event


def _is_coroutine(value):
    return type(value).__name__ in ("coroutine", "generator")


def _spawn(coroutine):
    """Runs an async def handler's coroutine as a task."""
    import asyncio  # only when needed: importing it slows start-up

    asyncio.create_task(_run_coroutine(coroutine))


async def _run_coroutine(coroutine):
    try:
        await coroutine
    except BaseException as exc:
        _report(exc)


class WebSocketEvent:
    """What handlers receive: type and target, data for messages, code,
    reason, was_clean and unsent for close events, and code, reason, attempt
    and delay for reconnect events. Made without __init__: a message's is
    made once per message."""

    def __getattr__(self, name):
        raise AttributeError("'%s' events have no attribute '%s'" % (self.type, name))

    def __repr__(self):
        return "<WebSocketEvent type='%s'>" % self.type


def _make_event(ws, type, code, reason, was_clean, unsent, attempt, delay):
    """Any event but a message (on_message builds those)."""
    event = WebSocketEvent()
    event.type = type
    event.target = ws
    if type == "close":
        event.code = code
        event.reason = reason
        event.was_clean = was_clean
        event.unsent = unsent
    elif type == "reconnect":
        event.code = code
        event.reason = reason
        event.attempt = attempt
        event.delay = delay
    return event


def _closed(fields):
    """The exception for a close event's fields."""
    code, reason, was_clean = fields[3], fields[4], fields[5]
    ok = was_clean and code in (1000, 1001, 1005)
    return (ConnectionClosedOK if ok else ConnectionClosedError)(code, reason, was_clean)


def _ended(result):
    """The exception for what an awaited call gave instead of success: the
    fields of the close event, or the [name, message] of a failure."""
    if result[0] == "close":
        return _closed(result)
    return _error(result)


def _received(fields):
    """recv()'s result from the fields of a message or close event."""
    if fields[0] != "message":
        raise _ended(fields)
    if fields.length == 2:
        return fields[1]
    return _bytes_from_js(fields[2])


def _read_only(name):
    def get(self):
        return getattr(self._socket, _JS_NAMES.get(name, name))

    def refuse(self, value):
        raise AttributeError("attribute '%s' of 'WebSocket' objects is not writable" % name)

    return property(get, refuse)


def _handler_property(kind):
    name = "on_" + kind

    def get(self):
        # The core lets go of every handler once the socket has closed.
        if _pyws.getHandler(self._socket, kind) is None:
            return None
        return self._slots.get(kind)

    def set(self, handler):
        if handler is None:
            self._slots.pop(kind, None)
            _pyws.setHandler(self._socket, kind, None, 0)
        else:
            arity = _arity(name, handler)
            self._slots[kind] = handler
            _pyws.setHandler(self._socket, kind, _proxy(_trampoline(self, kind, handler, arity)), arity)

    return property(get, set)


_JS_NAMES = {"ready_state": "readyState", "buffered_amount": "bufferedAmount"}


class WebSocket:
    """A WebSocket connection; see https://developer.mozilla.org/docs/Web/API/WebSocket."""

    CONNECTING = 0
    OPEN = 1
    CLOSING = 2
    CLOSED = 3

    on_open = _handler_property("open")
    on_message = _handler_property("message")
    on_error = _handler_property("error")
    on_close = _handler_property("close")
    on_reconnect = _handler_property("reconnect")
    ready_state = _read_only("ready_state")
    url = _read_only("url")
    protocol = _read_only("protocol")
    extensions = _read_only("extensions")
    buffered_amount = _read_only("buffered_amount")
    unread = _read_only("unread")

    def __init__(self, socket):
        self._socket = socket
        self._slots = {}  # kind -> the handler set as on_<kind>
        self._bound = {}  # kind -> [(handler, its trampoline)] in bind order

    def send(self, data):
        """Sends str as a text frame, bytes-like data as a binary frame."""
        if isinstance(data, str):
            error = _send_text(self._socket, data)
        elif isinstance(data, (bytes, bytearray, memoryview)):
            error = _send_bytes(self._socket, data)
        else:
            raise TypeError("send() takes str or a bytes-like object (bytes, bytearray, memoryview), not '%s'"
                            % _type_name(data))
        if error is not None:
            _raise(error)

    def close(self, code=None, reason=None):
        """Closes with code (1000, or 3000-4999) and reason (at most 123 UTF-8 bytes)."""
        if code is not None and (not isinstance(code, int) or isinstance(code, bool)):
            raise TypeError("close() code must be an int or None, not '%s'" % _type_name(code))
        if reason is not None and not isinstance(reason, str):
            raise TypeError("close() reason must be a str or None, not '%s'" % _type_name(reason))
        if code is not None and not -(2 ** 31) <= code < 2 ** 31:
            code = float(code)  # beyond what every interpreter passes to JS as an int
        error = _pyws.close(self._socket, code, None if reason is None else _js_text(reason))
        if error is not None:
            _raise(error)

    def bind(self, event, handler):
        """Adds handler for event, called after on_<event> and earlier binds."""
        event = _event_name("bind", event)
        arity = _arity("bind() handler", handler, "")
        trampoline = _proxy(_trampoline(self, event, handler, arity))
        error = _pyws.bind(self._socket, event, trampoline, arity)
        if error is not None:
            _raise(error)
        self._bound.setdefault(event, []).append((handler, trampoline))

    def unbind(self, event, handler=None):
        """Removes handler (or every bound handler) from event."""
        event = _event_name("unbind", event)
        bound = self._bound.get(event, [])
        if handler is None:
            error = _pyws.unbind(self._socket, event, None)
            removed = bound
        else:
            # == as Python sees it: bound methods are new objects at each access.
            removed = [pair for pair in bound if pair[0] == handler][:1]
            error = None
            for _, trampoline in removed:
                error = _pyws.unbind(self._socket, event, trampoline) or error
        if error is not None:
            _raise(error)
        self._bound[event] = [pair for pair in bound if pair not in removed]

    # -- the async API ---------------------------------------------------

    async def opened(self):
        """Waits until the connection is open; raises ConnectionClosed if it
        closes first."""
        result = await _pyws.opened(self._socket)
        if result is not True:
            raise _ended(result)

    async def recv(self):
        """The next message, str or bytes. Messages that arrive while nobody
        waits are kept in order; once the socket has closed and every message
        has been read, raises ConnectionClosed."""
        while True:
            fields = _pyws.poll(self._socket)
            if fields is not None:
                return _received(fields)
            # Waits for a message without taking it: cancelled here (say by
            # asyncio.wait_for), recv() leaves the message for the next call.
            woken = await _pyws.readable(self._socket)
            if woken is not True and woken[0] != "close":
                raise _ended(woken)  # the core failed; the close is for poll() to report

    async def drain(self, limit=0):
        """Waits until nothing is queued and at most limit bytes are buffered
        by the browser; raises ConnectionClosed if the socket closes first."""
        if isinstance(limit, bool) or not isinstance(limit, (int, float)):
            raise TypeError("drain() limit must be a number of bytes, not '%s'" % _type_name(limit))
        if not limit >= 0:
            raise ValueError("drain() limit must be 0 or more bytes, not %r" % (limit,))
        result = _pyws.drain(self._socket, float(limit))
        if result[0] is not None:
            _raise(result)
        done = await result[1]
        if done is not True:
            raise _ended(done)

    async def wait_closed(self):
        """Waits until the socket has closed for good."""
        result = await _pyws.waitClosed(self._socket)
        if result[0] != "close":
            raise _ended(result)

    async def __aenter__(self):
        await self.opened()
        return self

    async def __aexit__(self, exc_type, exc, traceback):
        self.close()
        await self.wait_closed()

    def __aiter__(self):
        return self

    async def __anext__(self):
        try:
            return await self.recv()
        except ConnectionClosedOK:
            raise StopAsyncIteration

    def __repr__(self):
        return "<WebSocket url='%s' %s>" % (self.url, _STATES[self.ready_state])


def _event_name(method, event):
    if not isinstance(event, str):
        raise TypeError("%s() event must be a str, not '%s'" % (method, _type_name(event)))
    return event


_RECONNECT_SETTINGS = ("delay", "factor", "max_delay", "jitter", "attempts", "queue")


def _reconnect_settings(reconnect):
    """reconnect=False, True or a dict of settings, as the values _pyws.open
    takes: None to stay closed, else one number or None per setting."""
    if reconnect is None or reconnect is False:
        return None
    if reconnect is True:
        reconnect = {}
    elif not isinstance(reconnect, dict):
        raise TypeError("websocket() reconnect must be True, False or a dict of settings, not '%s'"
                        % _type_name(reconnect))
    for name, value in reconnect.items():
        if name not in _RECONNECT_SETTINGS:
            raise TypeError("websocket() got an unknown reconnect setting %r; expected one of %s"
                            % (name, ", ".join(_RECONNECT_SETTINGS)))
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise TypeError("reconnect setting %s must be a number or None, not '%s'"
                            % (name, _type_name(value)))
    return [None if reconnect.get(name) is None else float(reconnect[name])
            for name in _RECONNECT_SETTINGS]


def _open(url, protocols, reconnect, max_queue):
    """websocket() itself (see install.py)."""
    if not isinstance(url, str):
        raise TypeError("websocket() url must be a str, not '%s'" % _type_name(url))
    if protocols is None:
        protocols = []
    elif isinstance(protocols, str):
        protocols = [protocols]
    elif isinstance(protocols, (list, tuple)):
        for protocol in protocols:
            if not isinstance(protocol, str):
                raise TypeError("websocket() protocols must be str, not '%s'" % _type_name(protocol))
    else:
        raise TypeError("websocket() protocols must be a str, a list of str or None, not '%s'"
                        % _type_name(protocols))
    if max_queue is not None and (isinstance(max_queue, bool) or not isinstance(max_queue, int)):
        raise TypeError("websocket() max_queue must be an int or None, not '%s'" % _type_name(max_queue))
    limit = None if max_queue is None else float(max_queue)
    settings = _reconnect_settings(reconnect)
    ws = WebSocket(None)
    # No target: each handler's trampoline knows its socket.
    protocols = _js_list([_js_text(p) for p in protocols])
    if settings is None:
        result = _pyws.open(_js_text(url), protocols, None, limit, False)
    else:
        result = _pyws.open(_js_text(url), protocols, None, limit, True, *settings)
    if result[0] is not None:
        _raise(result)
    ws._socket = result[1]
    return ws

