//! Pyodide and MicroPython: the adapters in `pyodide.js` and
//! `micropython.js` run the shared Python shim `websocket.py`, which defines
//! the `websocket` builtin and its classes over the core.

use js_sys::Function;
use wasm_bindgen::prelude::*;

/// The Python half of the Pyodide and MicroPython adapters, as `build.rs`
/// minified it.
const SHIM: &str = include_str!(concat!(env!("OUT_DIR"), "/websocket.py"));

#[wasm_bindgen(module = "/src/host/python_host.js")]
extern "C" {
    #[wasm_bindgen(js_name = runtimeKind)]
    fn runtime_kind(runtime: &JsValue) -> String;
}

#[wasm_bindgen(module = "/src/host/pyodide.js")]
extern "C" {
    #[wasm_bindgen(js_name = installPyodide, catch)]
    fn install_pyodide(pyodide: &JsValue, open: &Function, shim: &str) -> Result<(), JsValue>;
}

#[wasm_bindgen(module = "/src/host/micropython.js")]
extern "C" {
    #[wasm_bindgen(js_name = installMicroPython, catch)]
    fn install_micropython(mp: &JsValue, open: &Function, shim: &str) -> Result<(), JsValue>;
}

/// Installs into `runtime` if it is Pyodide or MicroPython; `Ok(false)` when
/// it is neither.
pub fn install(runtime: &JsValue, open: &Function) -> Result<bool, JsValue> {
    match runtime_kind(runtime).as_str() {
        "pyodide" => install_pyodide(runtime, open, SHIM).map(|()| true),
        "micropython" => install_micropython(runtime, open, SHIM).map(|()| true),
        _ => Ok(false),
    }
}
