# The conformance harness: a small callback-driven test runner that runs
# unchanged in every interpreter pyws supports.
#
# WebSocket tests are event-driven, so a test is a function taking a Case; it
# sets callbacks and ends by calling case.done() (or fails by raising inside
# case.step / case.check callbacks, or by timing out). Tests run one at a time.
#
# An async test is an `async def` taking the Case, registered with
# @async_test: it passes when it returns and fails when it raises.
#
# The runner page defines, before this file runs:
#   later(ms, fn)  call fn() after ms milliseconds
#   spawn(coro)    run a coroutine on the interpreter's event loop
#   sleep(s)       the event loop's sleep, to await
#   emit(line)     hand one result line to the page
#   ECHO_URL       the dev server's echo endpoint
#   INTERPRETER    "brython", "pyodide" or "micropython"
#   ENGINE         "chromium", "firefox" or "webkit"
#   HAS_WEBSOCKET_STREAM  whether this browser has WebSocketStream
#   RUN_ID         a string no other run of the suite in this browser has
# and only the pyws API and the standard library subset all three share are used.

TIMEOUT_MS = 10000
_tests = []

# The exception for sending on a closed socket: ConnectionError, or OSError
# where the interpreter has no ConnectionError (MicroPython).
try:
    CLOSED_ERROR = ConnectionError
except NameError:
    CLOSED_ERROR = OSError


def test(fn):
    _tests.append((fn.__name__, fn, TIMEOUT_MS))
    return fn


def slow_test(timeout_ms):
    """@slow_test(ms): a test allowed more time than TIMEOUT_MS."""
    def register(fn):
        _tests.append((fn.__name__, fn, timeout_ms))
        return fn
    return register


def async_test(fn):
    """@async_test: an async def test, run on the event loop."""
    def run(case):
        async def body():
            try:
                await fn(case)
            except Exception as exc:
                case.fail("%s: %s" % (type(exc).__name__, exc))
                return
            case.done()

        spawn(body())

    _tests.append((fn.__name__, run, TIMEOUT_MS))
    return fn


def endpoint(path):
    """A URL on the dev server: endpoint("/drop") is ws://host:port/drop."""
    return ECHO_URL[: -len("/echo")] + path


def refusing(t):
    """A URL on the dev server that refuses the handshake, on a path of this
    test's own in this run: Firefox delays each new connection to a path
    that failed in the last minute (by 0.2-0.4 s, growing 1.5 times a
    failure, up to 60 s), and a test must not inherit the delays that
    earlier tests' (or earlier runs') failures built up.
    """
    return endpoint("/reject/%s/%s" % (RUN_ID, t.name))


def core_of(ws):
    """The core object behind a socket (Brython keeps it out of Python's reach)."""
    core = getattr(ws, "_socket", None)
    return core if core is not None else window.pywsCoreOf(ws)


class Failed(Exception):
    pass


class Case:
    def __init__(self, name, on_finish):
        self.name = name
        self.events = []
        self.sockets = []
        self._finished = False
        self._on_finish = on_finish

    # -- sockets and events -------------------------------------------------

    def socket(self, *args, **kwargs):
        """websocket(ECHO_URL) (or the given arguments), closed after the test."""
        if not args:
            args = (ECHO_URL,)
        ws = websocket(*args, **kwargs)
        self.sockets.append(ws)
        return ws

    def record(self, ws, prefix=""):
        """Sets all four callbacks to log what they see into self.events."""
        def on_open(evt):
            self.events.append(prefix + "open")

        def on_message(evt):
            self.events.append(prefix + "message " + describe(evt.data))

        def on_error(evt):
            self.events.append(prefix + "error")

        def on_close(evt):
            # Quoted by hand: MicroPython's repr() escapes non-ASCII characters.
            self.events.append(prefix + "close %d '%s' %s" % (evt.code, evt.reason, evt.was_clean))

        ws.on_open = on_open
        ws.on_message = on_message
        ws.on_error = on_error
        ws.on_close = on_close
        return ws

    # -- checks ---------------------------------------------------------------

    def eq(self, actual, expected, what="value"):
        if actual != expected:
            raise Failed("%s: expected %r, got %r" % (what, expected, actual))

    def true(self, condition, what):
        if not condition:
            raise Failed(what)

    def raises(self, exc_type, fn, *args, **kwargs):
        """Calls fn and returns the message of the exc_type it must raise."""
        try:
            fn(*args, **kwargs)
        except exc_type as exc:
            return str(exc)
        except Exception as exc:
            raise Failed("expected %s, got %s: %s" % (exc_type.__name__, type(exc).__name__, exc))
        raise Failed("expected %s, but nothing was raised" % exc_type.__name__)

    async def raises_async(self, exc_type, awaitable):
        """Awaits and returns the exc_type exception it must raise."""
        try:
            await awaitable
        except exc_type as exc:
            return exc
        except Exception as exc:
            raise Failed("expected %s, got %s: %s" % (exc_type.__name__, type(exc).__name__, exc))
        raise Failed("expected %s, but nothing was raised" % exc_type.__name__)

    # -- flow -----------------------------------------------------------------

    def step(self, fn):
        """Runs fn(); a failure in it fails the case."""
        if self._finished:
            return
        try:
            fn()
        except Exception as exc:
            self.fail("%s: %s" % (type(exc).__name__, exc))

    def wait(self, condition, then, what, timeout_ms=5000):
        """Polls condition() every 10 ms, then runs then() as a step."""
        deadline = [timeout_ms]

        def poll():
            if self._finished:
                return
            try:
                ready = condition()
            except Exception as exc:
                self.fail("%s: %s" % (type(exc).__name__, exc))
                return
            if ready:
                self.step(then)
            elif deadline[0] <= 0:
                self.fail("timed out waiting for %s; events: %r" % (what, self.events))
            else:
                deadline[0] -= 10
                later(10, poll)

        later(0, poll)

    def wait_events(self, count, then, timeout_ms=5000):
        self.wait(lambda: len(self.events) >= count, then, "%d events" % count, timeout_ms)

    def done(self):
        self._finish(None)

    def fail(self, message):
        self._finish(message)

    def _finish(self, message):
        if self._finished:
            return
        self._finished = True
        for ws in self.sockets:
            try:
                ws.close()
            except Exception:
                pass
        self._on_finish(self, message)


def describe(data):
    """A message's data as the tests compare it: its type and content."""
    if isinstance(data, str):
        return "str " + data
    if isinstance(data, bytes):
        return "bytes " + repr(list(data))
    return "other " + type(data).__name__


def run_all():
    results = [0, 0]
    queue = list(_tests)

    def finish(case, message):
        if message is None:
            results[0] += 1
            emit("PASS " + case.name)
        else:
            results[1] += 1
            emit("FAIL " + case.name + ": " + message)
        later(0, next_test)

    def next_test():
        if not queue:
            emit("DONE %d passed, %d failed" % (results[0], results[1]))
            return
        name, fn, timeout_ms = queue.pop(0)
        case = Case(name, finish)
        later(timeout_ms, lambda: case.fail("timed out after %d ms; events: %r" % (timeout_ms, case.events[-20:])))
        case.step(lambda: fn(case))

    next_test()
