// Python's print() as items of a page's #output, for the e2e runners that
// run unchanged example scripts (websockets.js, gql.js): PRINT_PRELUDE,
// run in Pyodide or MicroPython first, makes every print() one item.
const output = document.getElementById("output");
globalThis.pywsPrint = (line) => {
  const item = document.createElement("li");
  item.textContent = String(line);
  output.append(item);
};

export const PRINT_PRELUDE = `
import builtins, js
def _print(*args, sep=" ", end="\\n", **kwargs):
    js.pywsPrint(sep.join([str(a) for a in args]))
builtins.print = _print
del _print
`;
