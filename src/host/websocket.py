# The Python side of pyws for Pyodide and MicroPython: the `websocket`
# builtin and the WebSocket and WebSocketEvent classes, over the Rust core.
#
# The interpreter's adapter (src/host/pyodide.js, src/host/micropython.js)
# runs this with these names already defined:
#   _pyws             the adapter's JS module: open, send, close, handlers
#   _proxy(fn)        fn made into a value the core can keep and call
#   _js_text(s)       a str as the adapter passes it to JavaScript
#   _js_list(items)   a list of str as a JS array
#   _bytes_from_js(x) a received binary message as bytes
#   _send_bytes(socket, data)  sends bytes-like data; None or an error
#   _report(exc)      prints exc as a Python traceback
#   _ConnectionError  the exception for a closed socket
# Conversions live in the adapters; validation, state and dispatch in the core.

import builtins

try:
    import asyncio
except ImportError:  # pragma: no cover - both interpreters have it
    asyncio = None

_ERRORS = {
    "ValueError": ValueError,
    "TypeError": TypeError,
    "ConnectionError": _ConnectionError,
    "NotImplementedError": NotImplementedError,
}
_UNKNOWN_ARITY = 2
_STATES = ("CONNECTING", "OPEN", "CLOSING", "CLOSED")


def _raise(error):
    """Raises the [name, message] error the adapter returned."""
    raise _ERRORS.get(error[0], RuntimeError)(error[1])


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


def _trampoline(ws, handler, arity):
    """What the core keeps and calls for one handler: a Python function
    taking the event's fields, so each event costs the core one call into
    Python with plain values. It never raises: a failure is printed as a
    traceback and the other handlers still run."""

    def call(type, text=None, binary=None, code=None, reason=None, was_clean=None, unsent=None):
        try:
            if arity == 1:
                result = handler(_make_event(ws, type, text, binary, code, reason, was_clean, unsent))
            elif arity == 0:
                result = handler()
            else:
                try:
                    result = handler(_make_event(ws, type, text, binary, code, reason, was_clean, unsent))
                except TypeError as exc:
                    # Raised by the call itself (before any of the body ran)
                    # when the handler takes no argument; async def handlers
                    # check their arguments at the call too.
                    if not _wrong_arity(exc):
                        raise
                    result = handler()
            if _is_coroutine(result):
                asyncio.create_task(_run_coroutine(result))
        except BaseException as exc:
            _report(exc)

    return call


def _is_coroutine(value):
    return type(value).__name__ in ("coroutine", "generator")


async def _run_coroutine(coroutine):
    try:
        await coroutine
    except BaseException as exc:
        _report(exc)


class WebSocketEvent:
    """What handlers receive: type and target, data for messages, and code,
    reason, was_clean and unsent for close events."""

    def __init__(self, type, target):
        self.type = type
        self.target = target

    def __getattr__(self, name):
        raise AttributeError("'%s' events have no attribute '%s'" % (self.type, name))

    def __repr__(self):
        return "<WebSocketEvent type='%s'>" % self.type


def _make_event(ws, type, text, binary, code, reason, was_clean, unsent):
    event = WebSocketEvent(type, ws)
    if type == "message":
        event.data = text if binary is None else _bytes_from_js(binary)
    elif type == "close":
        event.code = code
        event.reason = reason
        event.was_clean = was_clean
        event.unsent = unsent
    return event


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
            _pyws.setHandler(self._socket, kind, _proxy(_trampoline(self, handler, arity)), arity)

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
    ready_state = _read_only("ready_state")
    url = _read_only("url")
    protocol = _read_only("protocol")
    extensions = _read_only("extensions")
    buffered_amount = _read_only("buffered_amount")

    def __init__(self, socket):
        self._socket = socket
        self._slots = {}  # kind -> the handler set as on_<kind>
        self._bound = {}  # kind -> [(handler, its trampoline)] in bind order

    def send(self, data):
        """Sends str as a text frame, bytes-like data as a binary frame."""
        if isinstance(data, str):
            error = _pyws.send(self._socket, _js_text(data))
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
        trampoline = _proxy(_trampoline(self, handler, arity))
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

    def __repr__(self):
        return "<WebSocket url='%s' %s>" % (self.url, _STATES[self.ready_state])


def _event_name(method, event):
    if not isinstance(event, str):
        raise TypeError("%s() event must be a str, not '%s'" % (method, _type_name(event)))
    return event


def websocket(url, protocols=None):
    """websocket(url, protocols=None) -> WebSocket: opens a WebSocket connection (pyws)."""
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
    ws = WebSocket(None)
    # No target: each handler's trampoline knows its socket.
    result = _pyws.open(_js_text(url), _js_list([_js_text(p) for p in protocols]), None)
    if result[0] is not None:
        _raise(result)
    ws._socket = result[1]
    return ws


builtins.websocket = websocket
