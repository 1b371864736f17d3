"""pyws for Pyodide: importing this package installs the builtins websocket,
ConnectionClosed, ConnectionClosedOK and ConnectionClosedError (a WebSocket
backed by the browser's), and this module holds the same names.

The package carries pyws's wasm and its JS glue as a classic script (not an
ES module, which cannot be run synchronously), and the sources of the
packages pyws adds; all are read from Pyodide's file system, the glue is run with js.Function and the wasm instantiated with
initSync, so `import pyws` needs no script tag and no await.
"""


def _install():
    import builtins

    if hasattr(builtins, "websocket"):
        return
    import os

    import js
    import pyodide_js
    from pyodide.ffi import to_js

    here = os.path.dirname(__file__)
    with open(os.path.join(here, "pyws_python.js"), encoding="utf-8") as file:
        glue = js.Function(file.read() + "\nreturn pyws;")()
    with open(os.path.join(here, "pyws_python_bg.wasm"), "rb") as file:
        wasm = to_js(file.read())
    glue.initSync(to_js({"module": wasm}, dict_converter=js.Object.fromEntries))
    # The sources of the packages pyws adds (websockets), which it fetches at
    # their first import: from this package's copy, as a blob: URL.
    with open(os.path.join(here, "pyws_modules.json"), "rb") as file:
        modules = js.URL.createObjectURL(js.Blob.new(to_js([file.read()])))
    # Runs install.py, which gives this module its names (sys.modules["pyws"]
    # is this module while it is being imported).
    glue.install(pyodide_js, modules)


_install()
