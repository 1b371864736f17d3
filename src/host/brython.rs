//! Brython: the adapter in `brython.js` defines the `websocket` builtin and
//! its types inside `__BRYTHON__`, with the names and messages of `api.rs`.

use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;

/// The Python-visible API's names and messages (`api.rs`), as `build.rs`
/// wrote them.
const API: &str = include_str!(concat!(env!("OUT_DIR"), "/api.json"));

#[wasm_bindgen(module = "/src/host/brython.js")]
extern "C" {
    #[wasm_bindgen(js_name = installBrython, catch)]
    fn install_brython(
        brython: &JsValue,
        open: &Function,
        api: &str,
        modules: &str,
        source: &JsValue,
    ) -> Result<(), JsValue>;
}

/// Whether `runtime` is Brython's `__BRYTHON__` object.
pub fn is_brython(runtime: &JsValue) -> bool {
    let has = |key: &str| {
        Reflect::get(runtime, &key.into())
            .map(|v| !v.is_undefined())
            .unwrap_or(false)
    };
    runtime.is_object() && has("builtins") && has("make_builtin_class") && has("$call")
}

/// Puts `websocket` into Brython's builtins, sets
/// `__BRYTHON__.has_websocket`, and adds the Python packages (`websockets`,
/// `asyncio`) to Brython's virtual file system, their sources to come from
/// `source` at their first import.
pub fn install(brython: &JsValue, open: &Function, source: &JsValue) -> Result<(), JsValue> {
    install_brython(brython, open, API, super::MODULES, source)
}
