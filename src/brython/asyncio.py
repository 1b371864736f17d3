# asyncio for Brython, as pyws provides it (the Brython adapter puts it in
# Brython's virtual file system as `asyncio`). Brython's own asyncio is a
# placeholder: it prints that it implements nothing and points to
# browser.aio. This one is the part of asyncio that websockets' client
# examples and pyws's websockets use, over browser.aio and the page's event
# loop, which already runs: run() starts a coroutine as a task and returns
# the task at once.
#
# What differs from asyncio (docs/websockets.md): a Brython coroutine cannot
# be interrupted, so cancel() (and wait_for's timeout) finishes the task with
# CancelledError at once while the coroutine runs on, its result dropped.

from browser import aio, window

__all__ = ["CancelledError", "InvalidStateError", "Task", "TimeoutError", "create_task", "ensure_future",
           "gather", "iscoroutine", "run", "sleep", "wait_for"]

TimeoutError = TimeoutError


class CancelledError(BaseException):
    """The task was cancelled."""


class InvalidStateError(Exception):
    """The task has no result yet."""


def iscoroutine(obj):
    return aio.iscoroutine(obj)


class Task:
    """A coroutine running on the page's event loop: await it for its result."""

    def __init__(self, coro, _report=False):
        self._coro = coro
        self._done = False
        self._result = None
        self._exception = None
        self._callbacks = []
        self._waiter = None  # an aio.Future, once something awaits the task
        self._report = _report
        aio.run(self._run())

    async def _run(self):
        try:
            result = await self._coro
        except BaseException as exc:
            if self._done:  # cancelled meanwhile
                return
            self._exception = exc
            self._finish()
            if self._report:
                raise  # aio.run prints the traceback
            return
        if not self._done:
            self._result = result
            self._finish()

    def _finish(self):
        self._done = True
        if self._waiter is not None:
            self._waiter.set_result(None)
        for callback in self._callbacks:
            callback(self)
        self._callbacks = []

    def done(self):
        return self._done

    def cancelled(self):
        return isinstance(self._exception, CancelledError)

    def cancel(self, msg=None):
        """Finishes the task with CancelledError; the coroutine itself runs on
        (Brython cannot interrupt it) and its result is dropped."""
        if self._done:
            return False
        self._exception = CancelledError() if msg is None else CancelledError(msg)
        self._finish()
        return True

    def result(self):
        if not self._done:
            raise InvalidStateError("Result is not set.")
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self):
        if not self._done:
            raise InvalidStateError("Exception is not set.")
        if self.cancelled():
            raise self._exception
        return self._exception

    def add_done_callback(self, callback):
        if self._done:
            callback(self)
        else:
            self._callbacks.append(callback)

    def get_coro(self):
        return self._coro

    async def _wait(self):
        if not self._done:
            if self._waiter is None:
                self._waiter = aio.Future()
            await self._waiter
        return self.result()

    def __await__(self):
        # Brython calls the async function __await__ returns and awaits the
        # coroutine (pyws's hook in brython.js), where CPython wants an
        # iterator.
        return self._wait

    def __repr__(self):
        state = "done" if self._done else "pending"
        return "<Task %s coro=%r>" % (state, self._coro)


def create_task(coro, *, name=None):
    """Runs coro concurrently: the Task, to await for its result."""
    if not iscoroutine(coro):
        raise TypeError("a coroutine was expected, got %r" % (coro,))
    return Task(coro)


async def _awaited(awaitable):
    return await awaitable


def ensure_future(awaitable):
    """A Task for a coroutine or any awaitable (a JS promise included); a Task
    as it is."""
    if isinstance(awaitable, Task):
        return awaitable
    return Task(awaitable if iscoroutine(awaitable) else _awaited(awaitable))


async def sleep(delay, result=None):
    await aio.sleep(delay)
    return result


async def wait_for(awaitable, timeout):
    """awaitable's result, or TimeoutError after timeout seconds (None: no
    limit); on the timeout the task is cancelled as cancel() says."""
    task = ensure_future(awaitable)
    if timeout is not None and not task.done():
        first = aio.Future()

        def settle(*args):
            if not first.done():
                first.set_result(None)

        task.add_done_callback(settle)
        timer = window.setTimeout(settle, max(0, timeout) * 1000)
        await first
        window.clearTimeout(timer)
        if not task.done():
            task.cancel()
            raise TimeoutError()
    return await task


async def gather(*awaitables, return_exceptions=False):
    """The awaitables' results, in order, run concurrently."""
    tasks = [ensure_future(a) for a in awaitables]
    results = []
    for task in tasks:
        try:
            results.append(await task)
        except Exception as exc:
            if not return_exceptions:
                raise
            results.append(exc)
    return results


def run(main):
    """asyncio.run(main) where the page's event loop already runs: starts
    main as a task, whose traceback is printed if it fails, and returns the
    task at once."""
    if not iscoroutine(main):
        raise ValueError("a coroutine was expected, got %r" % (main,))
    return Task(main, True)
