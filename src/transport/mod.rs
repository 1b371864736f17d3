//! The two ways a socket talks to the browser:
//! [`WebSocket`](https://developer.mozilla.org/en-US/docs/Web/API/WebSocket),
//! which pushes every message as an event, and
//! [`WebSocketStream`](https://developer.mozilla.org/en-US/docs/Web/API/WebSocketStream)
//! (Chromium), whose messages are pulled, so that reading can pause while
//! Python has enough unread messages (`max_queue`).
//!
//! This module holds what each needs to send, close and describe itself,
//! and [`url`] what a socket may connect to. The lifecycle listens to a
//! `WebSocket`'s events; a `WebSocketStream` is driven by its read loop, in
//! [`stream`].

mod stream;
mod url;

use std::rc::Rc;

use js_sys::{Array, ArrayBuffer, JsString, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::Error;

pub(crate) use stream::{has_stream, run_stream, Stream};
pub(crate) use url::{has_websocket, resolve_url};

#[wasm_bindgen]
extern "C" {
    /// The browser WebSocket seen through bindings of pyws's own, one for
    /// each call where web-sys has several.
    #[wasm_bindgen(js_name = WebSocket)]
    type Untyped;

    /// `new WebSocket(url, protocols)`: an empty list asks for no
    /// subprotocol, as leaving it out does.
    #[wasm_bindgen(constructor, catch, js_class = "WebSocket")]
    fn new(url: &str, protocols: &Array) -> Result<Untyped, JsValue>;

    /// A `send` that takes any JS value, so strings and byte views are
    /// passed as they are instead of being copied through wasm memory as
    /// web-sys's typed `send_with_*` would.
    #[wasm_bindgen(method, catch, js_class = "WebSocket")]
    fn send(this: &Untyped, data: &JsValue) -> Result<(), JsValue>;

    /// `close(code, reason)`: a reason of `undefined` is no reason, as
    /// leaving it out is.
    #[wasm_bindgen(method, catch, js_class = "WebSocket")]
    fn close(this: &Untyped, code: u16, reason: Option<&str>) -> Result<(), JsValue>;

    /// `globalThis`: the window, or a worker's global scope. Read directly
    /// rather than with `js_sys::global()`, whose fallbacks for engines
    /// without `globalThis` (`self`, `window`, `global`) cost four imports.
    #[wasm_bindgen(thread_local_v2, js_name = globalThis)]
    static GLOBAL_THIS: Object;
}

/// The global object.
pub(crate) fn global() -> Object {
    GLOBAL_THIS.with(Object::clone)
}

/// `readyState` values, as the standard numbers them.
pub(crate) const CONNECTING: u16 = 0;
pub(crate) const OPEN: u16 = 1;
pub(crate) const CLOSING: u16 = 2;
pub(crate) const CLOSED: u16 = 3;

/// The code of a normal close, the only one below 3000 a page may send.
pub(crate) const CLOSE_NORMAL: u16 = 1000;

/// The code of a connection that ended without a close frame.
pub(crate) const CLOSE_ABNORMAL: u16 = 1006;

/// One browser connection.
#[derive(Debug)]
pub(crate) enum Transport {
    /// A `WebSocket`, `binaryType` set to `arraybuffer`.
    Events(web_sys::WebSocket),
    /// A `WebSocketStream` and what the socket tracks for it.
    Stream(Rc<Stream>),
}

impl Transport {
    /// Opens a connection to an already checked URL: a `WebSocketStream`
    /// when `pulled` (the caller checked [`has_stream`]), else a `WebSocket`.
    pub(crate) fn connect(url: &str, protocols: &[String], pulled: bool) -> Result<Self, Error> {
        let list = Array::new();
        for protocol in protocols {
            list.push(&JsValue::from_str(protocol));
        }
        if pulled {
            let stream = Stream::connect(url, &list).map_err(Error::from_browser)?;
            return Ok(Transport::Stream(Rc::new(stream)));
        }
        let ws: web_sys::WebSocket = Untyped::new(url, &list)
            .map_err(Error::from_browser)?
            .unchecked_into();
        ws.set_binary_type(web_sys::BinaryType::Arraybuffer);
        Ok(Transport::Events(ws))
    }

    /// Sends a string or byte view on an open connection.
    pub(crate) fn send(&self, data: &JsValue) -> Result<(), JsValue> {
        match self {
            Transport::Events(ws) => ws.unchecked_ref::<Untyped>().send(data),
            Transport::Stream(stream) => stream.send(data),
        }
    }

    /// Starts the closing handshake.
    pub(crate) fn close(&self, code: u16, reason: Option<&str>) -> Result<(), JsValue> {
        match self {
            Transport::Events(ws) => ws.unchecked_ref::<Untyped>().close(code, reason),
            Transport::Stream(stream) => stream.close(code, reason),
        }
    }

    /// `readyState`.
    pub(crate) fn ready_state(&self) -> u16 {
        match self {
            Transport::Events(ws) => ws.ready_state(),
            Transport::Stream(stream) => stream.state.get(),
        }
    }

    /// `bufferedAmount`: bytes sent but not yet on the network.
    pub(crate) fn buffered_amount(&self) -> f64 {
        match self {
            Transport::Events(ws) => f64::from(ws.buffered_amount()),
            Transport::Stream(stream) => stream.buffered.get(),
        }
    }

    /// The connection's URL.
    pub(crate) fn url(&self) -> JsString {
        match self {
            Transport::Events(ws) => text(ws, "url"),
            Transport::Stream(stream) => stream.url.clone(),
        }
    }

    /// The subprotocol the server chose.
    pub(crate) fn protocol(&self) -> JsString {
        match self {
            Transport::Events(ws) => text(ws, "protocol"),
            Transport::Stream(stream) => stream.protocol.borrow().clone(),
        }
    }

    /// The extensions the server chose.
    pub(crate) fn extensions(&self) -> JsString {
        match self {
            Transport::Events(ws) => text(ws, "extensions"),
            Transport::Stream(stream) => stream.extensions.borrow().clone(),
        }
    }
}

/// A string property of a JS object (`""` when it is not a string), kept a
/// JS string: the getters pass it on without copying it through wasm
/// memory twice, as a Rust `String` would.
pub(crate) fn text(object: &JsValue, key: &str) -> JsString {
    field(object, key).dyn_into().unwrap_or_default()
}

/// Binary `data`'s bytes as a new `ArrayBuffer`; text as it is. A message
/// that is not sent at once (queued while connecting, or behind a stream's
/// earlier writes) must not change if the caller reuses its buffer, since
/// [`WebSocket.send()`](https://developer.mozilla.org/en-US/docs/Web/API/WebSocket/send)
/// takes the bytes at the call.
pub(crate) fn snapshot(data: JsValue) -> JsValue {
    if let Some(buffer) = data.dyn_ref::<ArrayBuffer>() {
        return buffer.slice(0).into();
    }
    if ArrayBuffer::is_view(&data) {
        // Every view, typed array or DataView, has these three.
        let view = data.unchecked_ref::<Uint8Array>();
        let start = view.byte_offset();
        return view
            .buffer()
            .slice_with_end(start, start + view.byte_length())
            .into();
    }
    data
}

/// Reads `key` of a JS object, `undefined` when missing.
pub(crate) fn field(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}
