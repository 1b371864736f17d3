# The Python side of pyws for Pyodide and MicroPython: the WebSocket and
# WebSocketEvent classes, over the Rust core. install.py runs at install and
# defines the `websocket` builtin; its first call runs this file in the same
# namespace, which then holds these names as well as the adapter's:
#   _pyws             the adapter's JS module (python_host.js): open, send,
#                     close, handlers, and the async API's readable, poll,
#                     opened, waitClosed, drain. Each call, and each promise
#                     one returns, gives [None, value], None for no value,
#                     or [name, message] for a failure: _ok() reads it, the
#                     one place that does.
#   _proxy(fn)        fn made into a value the core can keep and call
#   _js_text(s)       a str as the adapter passes it to JavaScript
#   _send_text(socket, s)  sends a str, as _pyws.send returns
#   _js_list(items)   a list of str as a JS array
#   _bytes_from_js(view) a received binary message (a JS Uint8Array) as bytes
#   _send_bytes(socket, data)  sends bytes-like data, as _pyws.send returns
#   _report(exc)      prints exc as a Python traceback
#   _ConnectionError  the exception for a closed socket
#   ConnectionClosed, ConnectionClosedOK, ConnectionClosedError (install.py)
# and, before this file's own code, the API's names and messages as build.rs
# writes them from src/host/api.rs (_API_MESSAGES, _API_STATES, ...).
# Conversions live in the adapters; validation, state and dispatch in the core.

import builtins as _builtins

# The exception each of the core's error names stands for.
_EXCEPTIONS = {}
for _name in _API_ERRORS:
    _EXCEPTIONS[_name] = _ConnectionError if _name == "ConnectionError" else getattr(_builtins, _name)


def _message(key, **values):
    """The API's message `key` with its {names} filled in."""
    return _API_MESSAGES[key].format(**values)


def _error(error):
    """The exception for a [name, message] failure: the one the core's error
    names, or a RuntimeError for anything else (a bug)."""
    kind = _EXCEPTIONS.get(error[0])
    if kind is None:
        return RuntimeError(_message("internal", error="%s: %s" % (error[0], error[1])))
    return kind(error[1])


def _ok(result):
    """The value of what a _pyws call returned or its promise gave: [None,
    value], None (no value), or [name, message], which is raised."""
    if result is None:
        return None
    if result[0] is not None:
        raise _error(result)
    return result[1]


def _type_name(value):
    return type(value).__name__


def _arity(name, handler, or_none=" or None"):
    """1 if handler takes the event, 0 if it takes nothing, read from its
    signature; _API_UNKNOWN_ARITY where the interpreter keeps no signature
    (MicroPython, builtins), resolved at the first call."""
    if not callable(handler):
        raise TypeError(_message("callable", name=name, or_none=or_none, type=_type_name(handler)))
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
                raise TypeError(_message("arity", name=name, function=target.__name__, required=required))
            return 1 if positional >= 1 or code.co_flags & _API_CO_VARARGS else 0
        call = getattr(type(target), "__call__", None)
        if call is None or getattr(call, "__code__", None) is None:
            break
        bound += 1  # a callable object: __call__ on its class takes self first
        target = call
    return _API_UNKNOWN_ARITY


def _refused_by_the_call(exc):
    """Whether a TypeError from calling a handler with the event was raised
    by the call itself, for a handler that takes no argument: its traceback
    then ends in the caller's frame. One raised in the handler's body has a
    frame of the handler's too, and is the handler's own failure."""
    message = str(exc)
    if "positional argument" not in message or "given" not in message:
        return False
    traceback = getattr(exc, "__traceback__", None)
    if traceback is not None:
        return traceback.tb_next is None
    import io  # MicroPython keeps the frames only for print_exception
    import sys

    text = io.StringIO()
    sys.print_exception(exc, text)
    return text.getvalue().count('\n  File "') == 1


def _trampoline(ws, kind, handler, arity):
    """What the core keeps and calls for one handler of one kind of event: a
    Python function taking the event's fields, so each event costs the core
    one call into Python with plain values. A message handler's takes only
    the data (text, or binary as _bytes_from_js takes it), the others' the
    event's fields in the order the adapter lays them out (text and binary,
    a message's places, stay None). It never raises: a failure is printed as a
    traceback and the other handlers still run."""
    known = [arity]  # _API_UNKNOWN_ARITY until the first call settles it

    def first_call(event):
        """Calls handler with event, or with nothing if it takes nothing,
        and remembers which."""
        try:
            result = handler(event)
        except TypeError as exc:
            # Refused by the call itself (before any of the body ran): the
            # handler takes no argument. async def handlers check their
            # arguments at the call too.
            if not _refused_by_the_call(exc):
                known[0] = 1
                raise
            known[0] = 0
            return handler()
        known[0] = 1
        return result

    if kind == "message":
        # The hot path: one call per message, no event built for a handler
        # that takes none, and one attribute set on the event: its type and
        # target are its class's.
        event_class = type("WebSocketEvent", (WebSocketEvent,), {"type": "message", "target": ws})

        def on_message(text=None, binary=None):
            try:
                if known[0] == 0:
                    result = handler()
                else:
                    event = event_class()
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
                event = _make_event(ws, type, {"code": code, "reason": reason, "was_clean": was_clean,
                                               "unsent": unsent, "attempt": attempt, "delay": delay})
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
    """What handlers receive: type and target, and the fields of its kind
    of event (data for messages; code, reason, was_clean and unsent for close
    events; code, reason, attempt and delay for reconnect events). Made
    without __init__: a message's is made once per message."""

    def __getattr__(self, name):
        raise AttributeError(_message("no_attribute", type=self.type, name=name))

    def __repr__(self):
        return _message("event_repr", type=self.type)


def _make_event(ws, type, values):
    """Any event but a message (on_message builds those), with the fields
    its kind has, taken from values."""
    event = WebSocketEvent()
    event.type = type
    event.target = ws
    for name in _API_EVENT_FIELDS[type]:
        setattr(event, name, values[name])
    return event


def _closed(fields):
    """The exception for a close event's fields."""
    code, reason, was_clean = fields[3], fields[4], fields[5]
    ok = was_clean and code in _API_OK_CLOSE_CODES
    return (ConnectionClosedOK if ok else ConnectionClosedError)(code, reason, was_clean)


def _received(fields):
    """recv()'s result from the fields of a message or close event."""
    if fields[0] != "message":
        raise _closed(fields)
    if fields.length == 2:
        return fields[1]
    return _bytes_from_js(fields[2])


def _read_only(name, core_name):
    def get(self):
        return getattr(self._socket, core_name)

    def refuse(self, value):
        raise AttributeError(_message("read_only", name=name, type="WebSocket"))

    return property(get, refuse)


def _handler_property(kind):
    name = "on_" + kind

    def get(self):
        # The core lets go of every handler once the socket has closed.
        if _ok(_pyws.getHandler(self._socket, kind)) is None:
            return None
        return self._slots.get(kind)

    def set(self, handler):
        if handler is None:
            self._slots.pop(kind, None)
            _ok(_pyws.setHandler(self._socket, kind, None, 0))
        else:
            arity = _arity(name, handler)
            self._slots[kind] = handler
            _ok(_pyws.setHandler(self._socket, kind, _proxy(_trampoline(self, kind, handler, arity)), arity))

    return property(get, set)


class WebSocket:
    """A WebSocket connection; see https://developer.mozilla.org/docs/Web/API/WebSocket.
    Its on_<kind> handler attributes, read-only properties and state
    constants are added below, from the API's lists."""

    def __init__(self, socket):
        self._socket = socket
        self._slots = {}  # kind -> the handler set as on_<kind>
        self._bound = {}  # kind -> [(handler, its trampoline)] in bind order

    def send(self, data):
        """Sends str as a text frame, bytes-like data as a binary frame."""
        if isinstance(data, str):
            result = _send_text(self._socket, data)
        elif isinstance(data, (bytes, bytearray, memoryview)):
            result = _send_bytes(self._socket, data)
        else:
            raise TypeError(_message("send_type", type=_type_name(data)))
        if result is not None:  # a failure: _ok raises it
            _ok(result)

    def close(self, code=None, reason=None):
        """Closes the connection with code (None for the browser's default)
        and reason; see the README for which codes and reasons a page may
        send."""
        if code is not None and (not isinstance(code, int) or isinstance(code, bool)):
            raise TypeError(_message("close_code_type", type=_type_name(code)))
        if reason is not None and not isinstance(reason, str):
            raise TypeError(_message("close_reason_type", type=_type_name(reason)))
        if code is not None and not -(2 ** 31) <= code < 2 ** 31:
            code = float(code)  # beyond what every interpreter passes to JS as an int
        _ok(_pyws.close(self._socket, code, None if reason is None else _js_text(reason)))

    def bind(self, event, handler):
        """Adds handler for event, called after on_<event> and earlier binds."""
        event = _event_name("bind", event)
        arity = _arity("bind() handler", handler, "")
        trampoline = _proxy(_trampoline(self, event, handler, arity))
        _ok(_pyws.bind(self._socket, event, trampoline, arity))
        self._bound.setdefault(event, []).append((handler, trampoline))

    def unbind(self, event, handler=None):
        """Removes handler (or every bound handler) from event."""
        event = _event_name("unbind", event)
        bound = self._bound.get(event, [])
        if handler is None:
            _ok(_pyws.unbind(self._socket, event, None))
            removed = bound
        else:
            # == as Python sees it: bound methods are new objects at each access.
            removed = [pair for pair in bound if pair[0] == handler][:1]
            for _, trampoline in removed:
                _ok(_pyws.unbind(self._socket, event, trampoline))
        self._bound[event] = [pair for pair in bound if pair not in removed]

    # -- the async API ---------------------------------------------------

    async def opened(self):
        """Waits until the connection is open; raises ConnectionClosed if it
        closes first."""
        fields = _ok(await _pyws.opened(self._socket))
        if fields is not True:
            raise _closed(fields)

    async def recv(self):
        """The next message, str or bytes. Messages that arrive while nobody
        waits are kept in order; once the socket has closed and every message
        has been read, raises ConnectionClosed."""
        while True:
            fields = _ok(_pyws.poll(self._socket))
            if fields is not None:
                return _received(fields)
            # Waits for a message without taking it: cancelled here (say by
            # asyncio.wait_for), recv() leaves the message for the next call.
            # Woken by a close too: poll() then reports it.
            _ok(await _pyws.readable(self._socket))

    async def drain(self, limit=0):
        """Waits until nothing is queued and at most limit bytes are buffered
        by the browser; raises ConnectionClosed if the socket closes first."""
        if isinstance(limit, bool) or not isinstance(limit, (int, float)):
            raise TypeError(_message("drain_type", type=_type_name(limit)))
        if not limit >= 0:
            raise ValueError(_message("drain_value", value=repr(limit)))
        fields = _ok(await _ok(_pyws.drain(self._socket, float(limit))))
        if fields is not True:
            raise _closed(fields)

    async def wait_closed(self):
        """Waits until the socket has closed for good."""
        _ok(await _pyws.waitClosed(self._socket))

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
        return _message("socket_repr", url=self.url, state=_API_STATES[self.ready_state])


for _kind in _API_KINDS:
    setattr(WebSocket, "on_" + _kind, _handler_property(_kind))
for _name, _core_name in _API_PROPERTIES:
    setattr(WebSocket, _name, _read_only(_name, _core_name))
for _value, _name in enumerate(_API_STATES):
    setattr(WebSocket, _name, _value)


def _event_name(method, event):
    if not isinstance(event, str):
        raise TypeError(_message("event_type", method=method, type=_type_name(event)))
    return event


def _reconnect_settings(reconnect):
    """reconnect=False, True or a dict of settings, as the values _pyws.open
    takes after the URL, protocols, target and max_queue: nothing to stay
    closed, else True and the name and value of each setting given."""
    if reconnect is None or reconnect is False:
        return []
    if reconnect is True:
        reconnect = {}
    elif not isinstance(reconnect, dict):
        raise TypeError(_message("reconnect_type", type=_type_name(reconnect)))
    settings = [True]
    for name, value in reconnect.items():
        if name not in _API_RECONNECT_SETTINGS:
            raise TypeError(_message("reconnect_unknown", name=repr(name),
                                     settings=", ".join(_API_RECONNECT_SETTINGS)))
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(_message("reconnect_value", name=name, type=_type_name(value)))
        settings.append(name)
        settings.append(float(value))
    return settings


def _open(url, protocols, reconnect, max_queue):
    """websocket() itself (see install.py)."""
    if not isinstance(url, str):
        raise TypeError(_message("url_type", type=_type_name(url)))
    if protocols is None:
        protocols = []
    elif isinstance(protocols, str):
        protocols = [protocols]
    elif isinstance(protocols, (list, tuple)):
        for protocol in protocols:
            if not isinstance(protocol, str):
                raise TypeError(_message("protocol_type", type=_type_name(protocol)))
    else:
        raise TypeError(_message("protocols_type", type=_type_name(protocols)))
    if max_queue is not None and (isinstance(max_queue, bool) or not isinstance(max_queue, int)):
        raise TypeError(_message("max_queue_type", type=_type_name(max_queue)))
    limit = None if max_queue is None else float(max_queue)
    settings = _reconnect_settings(reconnect)
    ws = WebSocket(None)
    # No target: each handler's trampoline knows its socket.
    protocols = _js_list([_js_text(p) for p in protocols])
    ws._socket = _ok(_pyws.open(_js_text(url), protocols, None, limit, *settings))
    return ws
