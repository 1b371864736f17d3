# The harness of the semantics scripts (sync_semantics.py, wsc_semantics.py),
# which sync.js writes beside them for `from checks import ...`: each check
# a function, run in order by run(), printing "ok NAME" or "FAIL NAME: why".

checks = []


def check(fn):
    checks.append(fn)
    return fn


def expect(condition, what):
    if not condition:
        raise AssertionError(what)


def raises(kind, fn, *args, **kwargs):
    """The exception of kind that fn(*args, **kwargs) raises."""
    try:
        fn(*args, **kwargs)
    except kind as exc:
        return exc
    raise AssertionError("no %s" % kind.__name__)


def run():
    for fn in checks:
        try:
            fn()
        except Exception as exc:
            print("FAIL %s: %s: %s" % (fn.__name__, type(exc).__name__, exc))
        else:
            print("ok %s" % fn.__name__)
