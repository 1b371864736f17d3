//! A [`WebSocketStream`](https://developer.mozilla.org/en-US/docs/Web/API/WebSocketStream)
//! connection (Chromium): its bindings, what the socket tracks for it, and
//! its read loop, which pulls one message at a time and pauses while Python
//! has `max_queue` unread.

use std::cell::Cell;
use std::rc::{Rc, Weak};

use js_sys::{Array, Function, JsString, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

use super::{field, global, snapshot, text, CLOSED, CLOSE_ABNORMAL, CLOSING, CONNECTING, OPEN};
use crate::cell::RefCell;
use crate::lifecycle::Shared;
use crate::waiters;

#[wasm_bindgen]
extern "C" {
    /// `WebSocketStream`, which web-sys does not bind yet.
    #[derive(Debug)]
    type WebSocketStream;

    #[wasm_bindgen(constructor, catch)]
    fn new(url: &str, options: &JsValue) -> Result<WebSocketStream, JsValue>;

    #[wasm_bindgen(method, getter)]
    fn opened(this: &WebSocketStream) -> Promise;

    #[wasm_bindgen(method, getter)]
    fn closed(this: &WebSocketStream) -> Promise;

    #[wasm_bindgen(method, catch, js_name = close)]
    fn close_with(this: &WebSocketStream, info: &JsValue) -> Result<(), JsValue>;

    /// A stream's reader or writer: `read()`, `write(chunk)`.
    #[derive(Debug, Clone)]
    type StreamEnd;

    #[wasm_bindgen(method)]
    fn read(this: &StreamEnd) -> Promise;

    #[wasm_bindgen(method, catch)]
    fn write(this: &StreamEnd, chunk: &JsValue) -> Result<Promise, JsValue>;
}

/// Whether this browser has `WebSocketStream`.
pub(crate) fn has_stream() -> bool {
    Reflect::get(&global(), &"WebSocketStream".into())
        .map(|c| c.is_function())
        .unwrap_or(false)
}

/// A `WebSocketStream`'s state, which the stream itself does not expose as
/// `readyState` and `bufferedAmount` do.
#[derive(Debug)]
pub(crate) struct Stream {
    wss: WebSocketStream,
    pub(super) url: JsString,
    pub(super) state: Cell<u16>,
    writer: RefCell<Option<StreamEnd>>,
    pub(super) protocol: RefCell<JsString>,
    pub(super) extensions: RefCell<JsString>,
    /// Bytes given to the writer whose write has not completed.
    pub(super) buffered: Rc<Cell<f64>>,
    /// Resolves the read loop's pause, while it is paused.
    resume: RefCell<Option<Function>>,
}

impl Stream {
    /// Opens a stream to an already checked URL, offering `protocols` (a
    /// JS array of strings, empty for none).
    pub(super) fn connect(url: &str, protocols: &Array) -> Result<Stream, JsValue> {
        let options = Object::new();
        if protocols.length() > 0 {
            let _ = Reflect::set(&options, &"protocols".into(), protocols);
        }
        Ok(Stream {
            wss: WebSocketStream::new(url, &options)?,
            url: url.into(),
            state: Cell::new(CONNECTING),
            writer: RefCell::default(),
            protocol: RefCell::new(JsString::default()),
            extensions: RefCell::new(JsString::default()),
            buffered: Rc::default(),
            resume: RefCell::default(),
        })
    }

    /// Writes a string or byte view, counting it in `bufferedAmount` until
    /// the write completes.
    pub(super) fn send(&self, data: &JsValue) -> Result<(), JsValue> {
        let writer = self.writer.borrow();
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
        let buffered = self.buffered.clone();
        buffered.set(buffered.get() + size);
        // Written or failed, the bytes are no longer waiting.
        waiters::when_settled(&written, move |_| buffered.set(buffered.get() - size));
        Ok(())
    }

    /// Starts the closing handshake.
    pub(super) fn close(&self, code: u16, reason: Option<&str>) -> Result<(), JsValue> {
        let info = Object::new();
        let _ = Reflect::set(&info, &"closeCode".into(), &code.into());
        if let Some(reason) = reason {
            let _ = Reflect::set(&info, &"reason".into(), &reason.into());
        }
        if self.state.get() < CLOSING {
            self.state.set(CLOSING);
        }
        self.wss.close_with(&info)
    }

    /// Wakes the read loop if it is paused.
    pub(crate) fn wake(&self) {
        if let Some(resume) = self.resume.borrow_mut().take() {
            waiters::settle(&resume, &JsValue::UNDEFINED);
        }
    }
}

/// Drives one `WebSocketStream` connection: waits for it to open, then
/// reads one message at a time, pausing while the queue is full, and ends
/// with its close. Each step is a callback on the promise it waits for,
/// holding the socket only weakly.
pub(crate) fn run_stream(weak: Weak<Shared>, stream: Rc<Stream>) {
    waiters::when_settled(&stream.wss.opened(), move |opened| {
        let reader = match opened {
            Ok(info) => {
                let Some(shared) = weak.upgrade() else { return };
                *stream.protocol.borrow_mut() = text(&info, "protocol");
                *stream.extensions.borrow_mut() = text(&info, "extensions");
                *stream.writer.borrow_mut() = end(&field(&info, "writable"), "getWriter");
                let reader = end(&field(&info, "readable"), "getReader");
                stream.state.set(OPEN.max(stream.state.get()));
                shared.on_open();
                reader
            }
            Err(_) => None,
        };
        let Some(reader) = reader else {
            return stream_closed(weak, stream);
        };
        // Notices a close while the loop is paused, so the rest is read at
        // once: the connection reports CLOSED from then on, as a WebSocket
        // does before its close event.
        let watched = stream.clone();
        waiters::when_settled(&stream.wss.closed(), move |_| {
            watched.state.set(CLOSED);
            watched.wake();
        });
        read_next(weak, stream, reader);
    });
}

/// Reads the stream's next message, first waiting while the queue is full;
/// after the last one, waits for the close.
fn read_next(weak: Weak<Shared>, stream: Rc<Stream>, reader: StreamEnd) {
    let Some(shared) = weak.upgrade() else { return };
    if stream.state.get() != CLOSED && shared.queue_full() {
        let (pause, resume) = waiters::promise();
        *stream.resume.borrow_mut() = Some(resume);
        drop(shared);
        waiters::when_settled(&pause, move |_| read_next(weak, stream, reader));
        return;
    }
    drop(shared);
    let read = reader.read();
    waiters::when_settled(&read, move |chunk| {
        let chunk = match chunk {
            Ok(chunk) if !field(&chunk, "done").is_truthy() => chunk,
            _ => return stream_closed(weak, stream),
        };
        let Some(shared) = weak.upgrade() else { return };
        shared.on_message(field(&chunk, "value"));
        drop(shared);
        read_next(weak, stream, reader);
    });
}

/// Waits for the stream's close and reports it.
fn stream_closed(weak: Weak<Shared>, stream: Rc<Stream>) {
    // Resolved {closeCode, reason} for a clean close; rejected with a
    // WebSocketError carrying them (or nothing: 1006) otherwise.
    waiters::when_settled(&stream.wss.closed(), move |closed| {
        let (info, clean) = match closed {
            Ok(info) => (info, true),
            Err(error) => (error, false),
        };
        stream.state.set(CLOSED);
        let code = field(&info, "closeCode")
            .as_f64()
            .map_or(CLOSE_ABNORMAL, |c| c as u16);
        let reason = text(&info, "reason").into();
        if let Some(shared) = weak.upgrade() {
            shared.on_closed(code, reason, clean && code != CLOSE_ABNORMAL);
        }
    });
}

/// Calls `object.method()` and returns the result as a reader or writer.
fn end(object: &JsValue, method: &str) -> Option<StreamEnd> {
    let function: Function = field(object, method).dyn_into().ok()?;
    function.call0(object).ok().map(JsCast::unchecked_into)
}
