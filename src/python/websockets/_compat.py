# What pyws's websockets needs that differs between the interpreters it runs
# in (Pyodide's CPython, MicroPython): an enum, the exception bases, and the
# async primitives. MicroPython has no enum module, no class with two
# exception bases, no builtin TimeoutError and no asyncio.run.

import asyncio
import builtins
import sys

MICROPYTHON = sys.implementation.name == "micropython"

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
