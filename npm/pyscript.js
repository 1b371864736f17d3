// pyws's PyScript plugin: `websocket()` and the ConnectionClosed,
// ConnectionClosedOK and ConnectionClosedError exceptions become builtins in
// every <script type="py"> and <script type="mpy">, on the main thread and
// in workers, before their code runs. Load it as a module script before
// PyScript's core.js, with an import map that points `@pyscript/core` at
// that core.js, so that this module and the page share PyScript's one
// instance (and its hooks).
import { hooks } from "@pyscript/core";

import init, { install } from "./pyws_python.js";

// Fetched while the interpreter loads.
const ready = init();

hooks.main.onReady.add(async ({ interpreter }) => {
  await ready;
  install(interpreter);
});

// A worker runs a hook from its source text, so the hook holds the URLs of
// pyws's files as strings (the classic script cannot know its own, so
// install() is given pyws_modules.json's). PyScript does not wait for a worker's onReady
// before the script runs, so the hook loads pyws synchronously, as only a
// worker may: the classic-script build of pyws_python.js and its wasm by
// synchronous requests, then initSync().
const script = new URL("./pyws_python_worker.js", import.meta.url).href;
const wasm = new URL("./pyws_python_bg.wasm", import.meta.url).href;
const modules = new URL("./pyws_modules.json", import.meta.url).href;
const urls = [script, wasm, modules].map((url) => JSON.stringify(url)).join(", ");
hooks.worker.onReady.add(new Function("wrap", `(${installInWorker})(wrap.interpreter, ${urls});`));

function installInWorker(interpreter, script, wasm, modules) {
  const get = (url, type) => {
    const request = new XMLHttpRequest();
    request.open("GET", url, false);
    if (type) request.responseType = type;
    request.send();
    if (request.status !== 200) throw new Error(`pyws: GET ${url} answered ${request.status}`);
    return request.response;
  };
  const pyws = Function(`${get(script)};\nreturn pyws;`)();
  pyws.initSync({ module: new WebAssembly.Module(get(wasm, "arraybuffer")) });
  pyws.install(interpreter, modules);
}
