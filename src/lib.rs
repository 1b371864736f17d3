//! # pyws
//!
//! A `websocket()` builtin for Python running in the browser (Brython,
//! Pyodide, MicroPython), backed by the browser's native
//! [WebSocket](https://developer.mozilla.org/en-US/docs/Web/API/WebSocket).
//!
//! Where things are:
//! - [`socket`]: the [`Socket`] type JavaScript and the adapters see, its
//!   methods and properties. Dropping it closes its connection.
//! - `lifecycle`: a socket's life, one phase at a time (connecting, open,
//!   waiting to reconnect, closed for good), and the listeners, timers,
//!   handlers and send queue it owns. Everything it registers is removed
//!   when the connection closes for good or the socket is dropped.
//! - [`events`]: the events and the handlers registered for each.
//! - [`options`] and [`reconnect`]: what `websocket()` takes beyond the URL,
//!   and the rules of automatic reconnection.
//! - `transport`: the browser connection, a `WebSocket` or (to pause
//!   reading, `max_queue`) a `WebSocketStream` and its read loop, and the
//!   URL it may connect to.
//! - `waiters`: what the async API (`recv()`, `opened()`, `drain()`,
//!   `waitClosed()`) waits on.
//! - [`rules`]: the URL, subprotocol and close-argument rules, as plain
//!   functions with native tests.
//! - [`error`]: the one error type, which becomes a JS `Error` named for the
//!   Python exception to raise.
//! - [`host`]: how the core talks to an interpreter's adapter (or to plain
//!   JavaScript).
#![deny(missing_docs, missing_debug_implementations)]

mod cell;
pub mod error;
pub mod events;
pub mod host;
mod lifecycle;
pub mod options;
pub mod reconnect;
pub mod rules;
pub mod socket;
mod transport;
mod waiters;

pub use error::Error;
pub use socket::Socket;

use wasm_bindgen::prelude::*;

/// Talc instead of std's dlmalloc: a smaller allocator that also merges
/// adjacent free blocks, so a long-running page does not fragment its heap.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// [`websocket_js`] for Rust callers, with the subprotocols as a Rust list.
///
/// # Errors
/// As [`Socket::open`], and [`Error::WrongType`] or
/// [`Error::InvalidSetting`] for bad `options`.
pub fn websocket(
    url: &str,
    protocols: Option<Vec<String>>,
    options: JsValue,
) -> Result<Socket, Error> {
    Socket::open(
        url,
        &protocols.unwrap_or_default(),
        host::Host::Js,
        JsValue::UNDEFINED,
        options::Options::from_js(&options)?,
    )
}

/// Opens a WebSocket to `url` for plain JavaScript use (with the `js`
/// feature, in `pkg/pyws.js` only); handlers are set as
/// properties (`socket.on_message = (event) => …`). `options` may hold
/// `reconnect`: `true` or settings (see [`options::Options::from_js`]).
///
/// # Errors
/// As [`Socket::open`]: a `NotImplementedError`-named error without
/// WebSocket support, a `ValueError`-named one for a bad URL, protocol or
/// reconnection setting.
#[cfg(feature = "js")]
#[wasm_bindgen(js_name = websocket)]
pub fn websocket_js(
    url: &str,
    #[wasm_bindgen(unchecked_param_type = "string[] | null | undefined")] protocols: Option<
        js_sys::Array,
    >,
    options: JsValue,
) -> Result<Socket, JsValue> {
    // The list is read here rather than as a `Vec<String>` parameter, whose
    // conversion costs a kilobyte of wasm; a value that is not a string is
    // refused with wasm-bindgen's own error.
    let mut names = Vec::new();
    let protocols = protocols.unwrap_or_default();
    for name in protocols.iter() {
        let Some(name) = name.as_string() else {
            return Err(js_sys::Error::new("array contains a value of the wrong type").into());
        };
        names.push(name);
    }
    Ok(websocket(url, Some(names), options)?)
}

/// Installs the `websocket` builtin into a Python interpreter running in this
/// page: Brython's `__BRYTHON__` (the default when called with nothing).
/// Installing twice is harmless.
///
/// The Python packages pyws adds (`websockets`) are fetched at their first
/// `import`, synchronously (as `import` is), from `modules`: the URL of
/// `pyws_modules.json`, by default the one beside this module. A bundler
/// that keeps `new URL(…, import.meta.url)` assets (Vite, webpack 5) copies
/// it; give the URL where you serve it otherwise.
///
/// # Errors
/// A JS `TypeError` when `runtime` is not a supported interpreter, or when
/// called without one and Brython is not loaded.
#[wasm_bindgen]
pub fn install(runtime: Option<JsValue>, modules: Option<String>) -> Result<(), JsValue> {
    let runtime = match runtime {
        Some(runtime) if !runtime.is_undefined() && !runtime.is_null() => runtime,
        _ => js_sys::Reflect::get(&transport::global(), &"__BRYTHON__".into())?,
    };
    host::install(&runtime, modules)
}
