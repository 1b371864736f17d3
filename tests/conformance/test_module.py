# The pyws module: the builtins under an import, for code that type checkers
# read (mypy knows no new builtins).


@test
def the_pyws_module_holds_the_builtins_themselves(t):
    # Compared with the builtins by name: MicroPython's builtins module does
    # not list what was added to it.
    import pyws
    from pyws import ConnectionClosed as closed, ConnectionClosedError as closed_error
    from pyws import ConnectionClosedOK as closed_ok, websocket as opener

    t.true(opener is websocket, "websocket")
    t.true(closed is ConnectionClosed, "ConnectionClosed")
    t.true(closed_ok is ConnectionClosedOK, "ConnectionClosedOK")
    t.true(closed_error is ConnectionClosedError, "ConnectionClosedError")
    t.true(pyws.websocket is websocket, "pyws.websocket")
    t.done()


@test
def the_pyws_module_has_the_crate_version(t):
    import pyws

    version = pyws.__version__
    t.eq(type(version).__name__, "str", "type")
    parts = version.split(".")
    t.eq(len(parts), 3, "x.y.z")
    for part in parts:
        t.true(part.isdigit(), "a number: %r" % part)
    t.done()
