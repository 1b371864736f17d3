// Loads one of the Python interpreters pyws supports, with pyws installed,
// for pages that let the user (or a test) choose: the demo and the
// conformance runner. Each interpreter comes with a prelude defining the same
// few names in its own terms, so the Python code after it is identical:
//   document, window   the page's DOM objects
//   on(element, event, fn)   adds a DOM event listener
//   later(ms, fn)      calls fn() after ms milliseconds
//   spawn(coro)        runs a coroutine on the interpreter's event loop
//   sleep(seconds)     the event loop's sleep, to await
//   INTERPRETER        "brython", "pyodide" or "micropython"
// Each interpreter loads its own pyws package, as a page would: Brython
// pkg/pyws_brython.js, Pyodide and MicroPython pkg/pyws_python.js.

export const INTERPRETERS = {
  brython: "Brython",
  pyodide: "Pyodide",
  micropython: "MicroPython",
};

/** Where each interpreter's releases are served: the newest, and for
 * Pyodide and MicroPython the oldest supported (the dev server serves both;
 * npm has one Brython 3.14 release). A page picks one with ?release=. */
export const RELEASES = {
  brython: { newest: "/vendor/brython/" },
  pyodide: { newest: "/vendor/pyodide/", oldest: "/vendor/pyodide-314.0.7/" },
  micropython: { newest: "/vendor/micropython/", oldest: "/vendor/micropython-1.27.0/" },
};

// MicroPython 1.29 on its default heap fails to allocate any one object of
// about 1 MB or more (MemoryError) until smaller ones have grown the heap;
// 1.27 grows it to fit. The suite's own 1-16 MiB messages need a heap set
// up front there, as a page with such messages would (README, Loading).
// (An absent key, not undefined: loadMicroPython's Object.assign would copy
// undefined over its default.)
const MICROPYTHON_OPTIONS = { oldest: {}, newest: { heapsize: 64 << 20 } };

const loaders = {
  async brython(dir) {
    await loadScript(`${dir}brython.js`);
    // Installs the builtin as it is evaluated, as on a page that has it as
    // a module script after brython.js.
    await import("/pkg/pyws_brython.js");
    // Brython starts by itself only on the load event of a page that had it
    // from the start; loaded later, it is started by hand.
    globalThis.brython({ debug: 1 });
    return {
      version: `Brython ${globalThis.__BRYTHON__.implementation.slice(0, 3).join(".")}`,
      run: (source) => globalThis.__BRYTHON__.runPythonSource(source),
      prelude: `
from browser import document, window

def on(element, event, fn):
    element.addEventListener(event, fn)

def later(ms, fn):
    window.setTimeout(fn, ms)

from browser import aio
spawn = aio.run
sleep = aio.sleep

INTERPRETER = "brython"
`,
    };
  },

  async pyodide(dir) {
    const { loadPyodide } = await import(`${dir}pyodide.mjs`);
    const [pyodide, { install }] = await Promise.all([loadPyodide({ indexURL: dir }), pyws()]);
    install(pyodide, MODULES);
    return {
      runtime: pyodide,
      version: `Pyodide ${pyodide.version}`,
      run: (source) => pyodide.runPython(source),
      prelude: `
from js import document, window
from pyodide.ffi import create_proxy, create_once_callable

def on(element, event, fn):
    element.addEventListener(event, create_proxy(fn))

def later(ms, fn):
    window.setTimeout(create_once_callable(fn), ms)

import asyncio
spawn = asyncio.ensure_future
sleep = asyncio.sleep

INTERPRETER = "pyodide"
`,
    };
  },

  async micropython(dir, release) {
    const { loadMicroPython } = await import(`${dir}micropython.mjs`);
    const [mp, { install }] = await Promise.all([
      loadMicroPython({ stderr: (line) => console.error(line), ...MICROPYTHON_OPTIONS[release] }),
      pyws(),
    ]);
    install(mp, MODULES);
    return {
      runtime: mp,
      version: /MicroPython v[\d.]+/.exec(mp.pyimport("sys").version)?.[0].replace(" v", " "),
      run: (source) => mp.runPython(source),
      prelude: `
import js
from js import document, window

def on(element, event, fn):
    element.addEventListener(event, fn)

def later(ms, fn):
    js.setTimeout(fn, ms)  # window.setTimeout would be called without its this

import asyncio
spawn = asyncio.create_task
sleep = asyncio.sleep

INTERPRETER = "micropython"
`,
    };
  },
};

/** Where Pyodide's and MicroPython's pyws fetch the sources of websockets
 * from: ?modules=URL, or beside pkg/pyws_python.js (undefined). */
const MODULES = new URLSearchParams(globalThis.location?.search).get("modules") ?? undefined;

/** pkg/pyws_python.js with its wasm fetched and compiled. */
async function pyws() {
  const module = await import("/pkg/pyws_python.js");
  await module.default();
  return module;
}

/** Loads `name` ("brython", "pyodide" or "micropython"), the `release`
 * ("newest" or "oldest") of it, with pyws installed. */
export async function loadInterpreter(name, release = requestedRelease()) {
  const load = loaders[name];
  if (!load) throw new Error(`unknown interpreter ${JSON.stringify(name)}; expected one of ${Object.keys(loaders)}`);
  const dir = RELEASES[name][release];
  if (!dir) throw new Error(`no ${release} release of ${name} is served; there is ${Object.keys(RELEASES[name])}`);
  return { name, release, ...(await load(dir, release)) };
}

/** The release a page's URL asks for (?release=oldest), the newest by default. */
export function requestedRelease() {
  return new URLSearchParams(location.search).get("release") ?? "newest";
}

/** The interpreter a page's URL asks for (?interpreter=…), Brython by default. */
export function requestedInterpreter() {
  return new URLSearchParams(location.search).get("interpreter") ?? "brython";
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(script);
  });
}
