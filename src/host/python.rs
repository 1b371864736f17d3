//! Pyodide and MicroPython: the adapters in `pyodide.js` and
//! `micropython.js` run the shared Python shim: `install.py`, which defines
//! the `websocket` builtin, and at its first call `websocket.py`, its
//! classes over the core.

use js_sys::Function;
use wasm_bindgen::prelude::*;

use super::MODULES;

/// The Python half of the Pyodide and MicroPython adapters, as `build.rs`
/// minified it: what install runs, and the rest, which the `websocket`
/// builtin compiles at its first call.
const INSTALL: &str = include_str!(concat!(env!("OUT_DIR"), "/install.py"));
const SHIM: &str = include_str!(concat!(env!("OUT_DIR"), "/websocket.py"));

#[wasm_bindgen(module = "/src/host/python_host.js")]
extern "C" {
    #[wasm_bindgen(js_name = runtimeKind)]
    fn runtime_kind(runtime: &JsValue) -> String;
}

#[wasm_bindgen(module = "/src/host/pyodide.js")]
extern "C" {
    #[wasm_bindgen(js_name = installPyodide, catch)]
    fn install_pyodide(
        pyodide: &JsValue,
        open: &Function,
        install: &str,
        shim: &str,
        modules: &str,
        source: &JsValue,
    ) -> Result<(), JsValue>;
}

#[wasm_bindgen(module = "/src/host/micropython.js")]
extern "C" {
    #[wasm_bindgen(js_name = installMicroPython, catch)]
    fn install_micropython(
        mp: &JsValue,
        open: &Function,
        install: &str,
        shim: &str,
        modules: &str,
        source: &JsValue,
    ) -> Result<(), JsValue>;
}

/// Installs into `runtime` if it is Pyodide or MicroPython, the packages'
/// sources to come from `source` at their first import; `Ok(false)` when it
/// is neither.
pub fn install(runtime: &JsValue, open: &Function, source: &JsValue) -> Result<bool, JsValue> {
    let install = match runtime_kind(runtime).as_str() {
        "pyodide" => install_pyodide,
        "micropython" => install_micropython,
        _ => return Ok(false),
    };
    install(runtime, open, INSTALL, SHIM, MODULES, source).map(|()| true)
}
