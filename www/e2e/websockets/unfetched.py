# Not a documentation example: `import websockets` when its sources cannot
# be fetched (the page gives install() a URL with nothing there) is an
# ImportError saying what failed, from where, and what to do; and a second
# try fails the same way rather than finding a half-made package.
for attempt in (1, 2):
    try:
        import websockets
    except ImportError as exc:
        print("ImportError: " + str(exc))
