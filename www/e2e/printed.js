// Python's print() as items of a page's #output, for the e2e runners that
// run unchanged example scripts (websockets.js, gql.js, sync.js, sgqlc.js): PRINT_PRELUDE,
// run in Pyodide or MicroPython first, makes every print() to stdout one
// item (a print to another file, as traceback formatting does, goes there).
const output = document.getElementById("output");
globalThis.pywsPrint = (line) => {
  const item = document.createElement("li");
  item.textContent = String(line);
  output.append(item);
};

export const PRINT_PRELUDE = `
import builtins, js, sys
def _print(*args, sep=" ", end="\\n", file=None, _print=builtins.print, **kwargs):
    if file is not None and file is not sys.stdout:  # a traceback formatted into a string, say
        return _print(*args, sep=sep, end=end, file=file, **kwargs)
    js.pywsPrint(sep.join([str(a) for a in args]))
builtins.print = _print
del _print
`;
