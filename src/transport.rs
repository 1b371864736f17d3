//! The two ways a socket talks to the browser:
//! [`WebSocket`](https://developer.mozilla.org/en-US/docs/Web/API/WebSocket),
//! which pushes every message as an event, and
//! [`WebSocketStream`](https://developer.mozilla.org/en-US/docs/Web/API/WebSocketStream)
//! (Chromium), whose messages are pulled, so that reading can pause while
//! Python has enough unread messages (`max_queue`).
//!
//! This module holds what each needs to send, close and describe itself; the
//! socket drives both (listeners for the first, a read loop for the second).

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Array, ArrayBuffer, Function, JsString, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::cell::RefCell;
use crate::waiters;
use crate::Error;

#[wasm_bindgen]
extern "C" {
    /// The browser WebSocket seen through a `send` that takes any JS value,
    /// so strings and byte views are passed as they are instead of being
    /// copied through wasm memory as web-sys's typed `send_with_*` would.
    type UntypedSend;

    #[wasm_bindgen(method, catch, js_name = send)]
    fn send(this: &UntypedSend, data: &JsValue) -> Result<(), JsValue>;

    /// `WebSocketStream`, which web-sys does not bind yet.
    #[derive(Debug)]
    pub(crate) type WebSocketStream;

    #[wasm_bindgen(constructor, catch)]
    fn new(url: &str, options: &JsValue) -> Result<WebSocketStream, JsValue>;

    #[wasm_bindgen(method, getter)]
    pub(crate) fn opened(this: &WebSocketStream) -> Promise;

    #[wasm_bindgen(method, getter)]
    pub(crate) fn closed(this: &WebSocketStream) -> Promise;

    #[wasm_bindgen(method, catch, js_name = close)]
    fn close_with(this: &WebSocketStream, info: &JsValue) -> Result<(), JsValue>;

    /// A stream's reader or writer: `read()`, `write(chunk)`.
    #[derive(Debug, Clone)]
    pub(crate) type StreamEnd;

    #[wasm_bindgen(method)]
    pub(crate) fn read(this: &StreamEnd) -> Promise;

    #[wasm_bindgen(method, catch)]
    fn write(this: &StreamEnd, chunk: &JsValue) -> Result<Promise, JsValue>;

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

/// One browser connection.
#[derive(Debug)]
pub(crate) enum Transport {
    /// A `WebSocket`, `binaryType` set to `arraybuffer`.
    Events(web_sys::WebSocket),
    /// A `WebSocketStream` and what the socket tracks for it.
    Stream(Rc<Stream>),
}

/// A `WebSocketStream`'s state, which the stream itself does not expose as
/// `readyState` and `bufferedAmount` do.
#[derive(Debug)]
pub(crate) struct Stream {
    pub(crate) wss: WebSocketStream,
    url: JsString,
    pub(crate) state: Cell<u16>,
    pub(crate) writer: RefCell<Option<StreamEnd>>,
    pub(crate) protocol: RefCell<JsString>,
    pub(crate) extensions: RefCell<JsString>,
    /// Bytes given to the writer whose write has not completed.
    buffered: Rc<Cell<f64>>,
    /// Resolves the read loop's pause, while it is paused.
    pub(crate) resume: RefCell<Option<Function>>,
}

impl Stream {
    /// Wakes the read loop if it is paused.
    pub(crate) fn wake(&self) {
        if let Some(resume) = self.resume.borrow_mut().take() {
            waiters::settle(&resume, &JsValue::UNDEFINED);
        }
    }
}

/// Whether this browser has `WebSocketStream`.
pub(crate) fn has_stream() -> bool {
    Reflect::get(&global(), &"WebSocketStream".into())
        .map(|c| c.is_function())
        .unwrap_or(false)
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
            let options = Object::new();
            if !protocols.is_empty() {
                let _ = Reflect::set(&options, &"protocols".into(), &list);
            }
            let wss = WebSocketStream::new(url, &options).map_err(Error::from_browser)?;
            return Ok(Transport::Stream(Rc::new(Stream {
                wss,
                url: url.into(),
                state: Cell::new(CONNECTING),
                writer: RefCell::default(),
                protocol: RefCell::new(JsString::default()),
                extensions: RefCell::new(JsString::default()),
                buffered: Rc::default(),
                resume: RefCell::default(),
            })));
        }
        let ws = if protocols.is_empty() {
            web_sys::WebSocket::new(url)
        } else {
            web_sys::WebSocket::new_with_str_sequence(url, &list)
        }
        .map_err(Error::from_browser)?;
        ws.set_binary_type(web_sys::BinaryType::Arraybuffer);
        Ok(Transport::Events(ws))
    }

    /// Sends a string or byte view on an open connection.
    pub(crate) fn send(&self, data: &JsValue) -> Result<(), JsValue> {
        match self {
            Transport::Events(ws) => ws.unchecked_ref::<UntypedSend>().send(data),
            Transport::Stream(stream) => {
                let writer = stream.writer.borrow();
                let Some(writer) = writer.as_ref() else {
                    return Err(js_sys::Error::new("the stream has no writer").into());
                };
                let size = match data.as_string() {
                    Some(text) => text.len() as f64,
                    None => Reflect::get(data, &"byteLength".into())
                        .ok()
                        .and_then(|n| n.as_f64())
                        .unwrap_or(0.0),
                };
                // Written when the writes before it are: the bytes as they are now.
                let written = writer.write(&snapshot(data.clone()))?;
                let buffered = stream.buffered.clone();
                buffered.set(buffered.get() + size);
                // Written or failed, the bytes are no longer waiting.
                waiters::when_settled(&written, move |_| buffered.set(buffered.get() - size));
                Ok(())
            }
        }
    }

    /// Starts the closing handshake.
    pub(crate) fn close(&self, code: u16, reason: Option<&str>) -> Result<(), JsValue> {
        match self {
            Transport::Events(ws) => match reason {
                None => ws.close_with_code(code),
                Some(reason) => ws.close_with_code_and_reason(code, reason),
            },
            Transport::Stream(stream) => {
                let info = Object::new();
                let _ = Reflect::set(&info, &"closeCode".into(), &code.into());
                if let Some(reason) = reason {
                    let _ = Reflect::set(&info, &"reason".into(), &reason.into());
                }
                if stream.state.get() < CLOSING {
                    stream.state.set(CLOSING);
                }
                stream.wss.close_with(&info)
            }
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

/// Calls `object.method()` and returns the result as a reader or writer.
pub(crate) fn end(object: &JsValue, method: &str) -> Option<StreamEnd> {
    let function: Function = field(object, method).dyn_into().ok()?;
    function.call0(object).ok().map(JsCast::unchecked_into)
}
