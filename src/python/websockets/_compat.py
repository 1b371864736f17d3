# What pyws's websockets needs that differs between the interpreters it runs
# in (Pyodide's CPython, MicroPython, Brython): an enum, the exception bases,
# random numbers and the async primitives. MicroPython has no enum module, no
# class with two exception bases, no builtin TimeoutError and no asyncio.run.
# Brython's asyncio is a placeholder: there `import asyncio` finds the one
# pyws's Brython adapter adds (src/brython/asyncio.py, over browser.aio).
# Brython's standard library (sys and random included) is a separate file a
# page may not load: nothing here imports from it in Brython. Its await
# calls the async function an __await__ returns (see brython.js).

import asyncio
import builtins

BRYTHON = hasattr(builtins, "__BRYTHON__")
if BRYTHON:
    MICROPYTHON = False
else:
    import sys

    MICROPYTHON = sys.implementation.name == "micropython"

# pyws's builtin ConnectionClosed (code, reason, was_clean), which the
# websockets exception of the same name hides in the modules that import it.
# Named here, where nothing binds the name: in Brython a module-level name
# the module binds later is not looked up in builtins before, and MicroPython
# keeps builtins added at run time where only name lookup finds them.
PywsClosed = ConnectionClosed

if BRYTHON:
    from browser import window

    class random:
        """What websockets uses of the random module, from the page's
        Math.random."""

        @staticmethod
        def random():
            return window.Math.random()

        @staticmethod
        def getrandbits(k):
            return int(window.Math.random() * (1 << k))
else:
    import random

TimeoutError = getattr(builtins, "TimeoutError", None) or asyncio.TimeoutError


class _Member:
    """One member of an _Enum: compares and hashes as its value."""

    def __init__(self, enum, name, value):
        self._enum = enum
        self.name = name
        self.value = value

    def __eq__(self, other):
        return self.value == (other.value if isinstance(other, _Member) else other)

    def __ne__(self, other):
        return not self == other

    def __lt__(self, other):
        return self.value < (other.value if isinstance(other, _Member) else other)

    def __hash__(self):
        return hash(self.value)

    def __int__(self):
        return self.value

    def __index__(self):
        return self.value

    def __repr__(self):
        return "<%s.%s: %r>" % (self._enum.__name__, self.name, self.value)

    def __str__(self):
        return "%s.%s" % (self._enum.__name__, self.name)


class _Enum:
    """An IntEnum-like class: each member is a class attribute; Enum(value)
    is done with _Enum.of(value)."""

    @classmethod
    def _add(cls, members):
        cls._members = {}
        for name, value in members.items():
            member = _Member(cls, name, value)
            setattr(cls, name, member)
            cls._members[value] = member

    @classmethod
    def of(cls, value):
        return cls._members[value]


def run(main):
    """asyncio.run(main) where the page's event loop already runs: starts
    main as a task (its result is not waited for) and returns the task."""
    return asyncio.create_task(main)


# The websockets examples end with asyncio.run(main()); MicroPython's asyncio
# has no run. Where the page's event loop already runs, starting main as a
# task is what that line can do.
if not hasattr(asyncio, "run"):
    asyncio.run = run
