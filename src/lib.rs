//! # pyws
//!
//! A `websocket()` builtin for Python running in the browser (Brython,
//! Pyodide, MicroPython), backed by the browser's native
//! [WebSocket](https://developer.mozilla.org/en-US/docs/Web/API/WebSocket).
//!
//! Where things are:
//! - [`socket`]: the [`Socket`] type: one browser WebSocket, its listeners,
//!   handlers and send queue. Everything it registers is removed when the
//!   connection closes or the socket is dropped.
//! - [`events`]: the events and the handlers registered for each.
//! - [`options`] and [`reconnect`]: what `websocket()` takes beyond the URL,
//!   and the rules of automatic reconnection.
//! - `transport`: the browser connection, a `WebSocket` or (to pause
//!   reading, `max_queue`) a `WebSocketStream`.
//! - `waiters`: what the async API (`recv()`, `opened()`, `drain()`,
//!   `waitClosed()`) waits on.
//! - [`rules`]: the URL, subprotocol and close-argument rules, as plain
//!   functions with native tests.
//! - [`error`]: the one error type, which becomes a JS `Error` named for the
//!   Python exception to raise.
//! - [`host`]: how the core talks to an interpreter's adapter (or to plain
//!   JavaScript).
#![deny(missing_docs, missing_debug_implementations)]

mod callbacks;
mod cell;
pub mod error;
pub mod events;
pub mod host;
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

/// Opens a WebSocket to `url` for plain JavaScript use; handlers are set as
/// properties (`socket.on_message = (event) => …`). `options` may hold
/// `reconnect`: `true` or settings (see [`options::Options::from_js`]).
///
/// # Errors
/// As [`Socket::open`]: a `NotImplementedError`-named error without
/// WebSocket support, a `ValueError`-named one for a bad URL, protocol or
/// reconnection setting.
#[wasm_bindgen]
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

/// Installs the `websocket` builtin into a Python interpreter running in this
/// page: Brython's `__BRYTHON__` (the default when called with nothing).
/// Installing twice is harmless.
///
/// # Errors
/// A JS `TypeError` when `runtime` is not a supported interpreter, or when
/// called without one and Brython is not loaded.
#[wasm_bindgen]
pub fn install(runtime: Option<JsValue>) -> Result<(), JsValue> {
    let runtime = match runtime {
        Some(runtime) if !runtime.is_undefined() && !runtime.is_null() => runtime,
        _ => js_sys::Reflect::get(&transport::global(), &"__BRYTHON__".into())?,
    };
    host::install(&runtime)
}
