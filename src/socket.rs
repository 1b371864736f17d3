//! The socket: one browser `WebSocket`, its listeners, its handlers and the
//! messages waiting for it to open.
//!
//! Everything a socket registers with the browser is owned by it: the event
//! listeners are `gloo_events::EventListener`s held in the socket, removed
//! when the connection has closed or when the socket is dropped (`free()`
//! in JavaScript), whichever comes first.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use js_sys::{Array, Function, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{BinaryType, CloseEvent, MessageEvent};

use crate::events::{EventKind, Handler, Handlers};
use crate::host::{console_error, EventFields, Host};
use crate::{rules, Error};

#[wasm_bindgen]
extern "C" {
    /// The browser WebSocket seen through a `send` that takes any JS value,
    /// so strings and byte views are passed as they are instead of being
    /// copied through wasm memory as web-sys's typed `send_with_*` would.
    type UntypedSend;

    #[wasm_bindgen(method, catch, js_name = send)]
    fn send(this: &UntypedSend, data: &JsValue) -> Result<(), JsValue>;
}

fn send_value(ws: &web_sys::WebSocket, data: &JsValue) -> Result<(), JsValue> {
    ws.unchecked_ref::<UntypedSend>().send(data)
}

/// A WebSocket connection, the value `websocket(url)` returns.
///
/// Created with [`websocket`](crate::websocket) from JavaScript, or by a host
/// adapter's `websocket()` builtin. See
/// [WebSocket on MDN](https://developer.mozilla.org/en-US/docs/Web/API/WebSocket).
#[wasm_bindgen]
#[derive(Debug)]
pub struct Socket {
    shared: Rc<Shared>,
}

/// The state the event listeners reach through a weak reference.
#[derive(Debug)]
struct Shared {
    ws: web_sys::WebSocket,
    host: Host,
    /// The object handlers see as `event.target`: the host's Python object.
    /// Held only until the socket has closed.
    target: RefCell<JsValue>,
    handlers: RefCell<Handlers>,
    /// Messages sent while CONNECTING, sent in order on open.
    pending: RefCell<VecDeque<JsValue>>,
    listeners: RefCell<Vec<EventListener>>,
    /// Set once an `error` event has been dispatched, so a failure that the
    /// browser reports only as an unclean `close` still gets one `error` first.
    error_dispatched: Cell<bool>,
}

/// `readyState` values, as the standard numbers them.
const CONNECTING: u16 = 0;
const OPEN: u16 = 1;

impl Socket {
    /// Opens a connection to `url` with the given subprotocols.
    ///
    /// A relative URL is resolved against the page's (or worker's) location;
    /// `http`/`https` become `ws`/`wss`.
    ///
    /// # Errors
    /// [`Error::NotSupported`] without a `WebSocket` in this environment,
    /// [`Error::InvalidUrl`] or [`Error::InvalidProtocol`] for bad arguments,
    /// and [`Error::Browser`] when the browser refuses the connection (for
    /// example a `ws://` URL from an `https://` page).
    pub fn open(
        url: &str,
        protocols: &[String],
        host: Host,
        target: JsValue,
    ) -> Result<Socket, Error> {
        let global = js_sys::global();
        let has_websocket = Reflect::get(&global, &"WebSocket".into())
            .map(|c| c.is_function())
            .unwrap_or(false);
        if !has_websocket {
            return Err(Error::NotSupported);
        }
        let resolved = resolve_url(&global, url)?;
        rules::protocols_are_valid(protocols)?;
        let ws = if protocols.is_empty() {
            web_sys::WebSocket::new(&resolved)
        } else {
            let list: Array = protocols.iter().map(|p| JsValue::from_str(p)).collect();
            web_sys::WebSocket::new_with_str_sequence(&resolved, &list)
        }
        .map_err(Error::from_browser)?;
        ws.set_binary_type(BinaryType::Arraybuffer);

        let shared = Rc::new(Shared {
            ws,
            host,
            target: RefCell::new(target),
            handlers: RefCell::default(),
            pending: RefCell::default(),
            listeners: RefCell::default(),
            error_dispatched: Cell::new(false),
        });
        let listeners = EventKind::ALL
            .into_iter()
            .map(|kind| listen(&shared, kind))
            .collect();
        *shared.listeners.borrow_mut() = listeners;
        Ok(Socket { shared })
    }

    /// Sets (or, with `None`, clears) the attribute handler for `kind`.
    pub fn set_handler(&self, kind: EventKind, handler: Option<Handler>) {
        let old = self.shared.handlers.borrow_mut().set_slot(kind, handler);
        if let Some(old) = old {
            self.shared.host.release(&old.callable);
        }
    }

    /// The attribute handler for `kind`, or `null`.
    pub fn handler(&self, kind: EventKind) -> JsValue {
        let handlers = self.shared.handlers.borrow();
        handlers
            .slot(kind)
            .map_or(JsValue::NULL, |h| h.callable.clone())
    }
}

/// Resolves `url` against the global's location (when there is one) with the
/// browser's URL parser, then applies the WebSocket URL rules and, in a
/// secure context, the mixed-content rule.
fn resolve_url(global: &js_sys::Object, url: &str) -> Result<String, Error> {
    let base = Reflect::get(global, &"location".into())
        .ok()
        .filter(|l| l.is_object())
        .and_then(|l| Reflect::get(&l, &"href".into()).ok())
        .and_then(|href| href.as_string());
    let parsed = match &base {
        Some(base) => web_sys::Url::new_with_base(url, base),
        None => web_sys::Url::new(url),
    };
    let parsed = parsed.map_err(|_| Error::InvalidUrl {
        url: url.to_owned(),
        why: "it cannot be parsed as a URL".into(),
    })?;
    let resolved = rules::websocket_url(&parsed.href()).map_err(|err| match err {
        Error::InvalidUrl { why, .. } => Error::InvalidUrl {
            url: url.to_owned(),
            why,
        },
        other => other,
    })?;
    let secure_context = Reflect::get(global, &"isSecureContext".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let scheme = resolved.split(':').next().unwrap_or_default();
    if secure_context && rules::blocked_as_mixed_content(scheme, &parsed.hostname()) {
        return Err(Error::Insecure {
            url: url.to_owned(),
        });
    }
    Ok(resolved)
}

/// Registers the browser listener for `kind`, holding the socket weakly so
/// the listener never keeps it alive.
fn listen(shared: &Rc<Shared>, kind: EventKind) -> EventListener {
    let weak: Weak<Shared> = Rc::downgrade(shared);
    EventListener::new(&shared.ws, kind.name(), move |event| {
        if let Some(shared) = weak.upgrade() {
            shared.on_browser_event(kind, event);
        }
    })
}

impl Shared {
    fn on_browser_event(&self, kind: EventKind, event: &web_sys::Event) {
        match kind {
            EventKind::Open => {
                self.flush_pending();
                self.dispatch(EventKind::Open, EventFields::default());
            }
            EventKind::Message => {
                let event: &MessageEvent = event.unchecked_ref();
                self.dispatch(
                    EventKind::Message,
                    EventFields {
                        data: event.data(),
                        ..EventFields::default()
                    },
                );
            }
            EventKind::Error => {
                self.error_dispatched.set(true);
                self.dispatch(EventKind::Error, EventFields::default());
            }
            EventKind::Close => self.on_close(event.unchecked_ref()),
        }
    }

    fn on_close(&self, event: &CloseEvent) {
        // The standard's failure path fires `error` before `close`, but a
        // connection dropped after opening closes with 1006 and no `error`.
        if !event.was_clean() && !self.error_dispatched.get() {
            self.error_dispatched.set(true);
            self.dispatch(EventKind::Error, EventFields::default());
        }
        let unsent = self.pending.borrow_mut().drain(..).count();
        self.dispatch(
            EventKind::Close,
            EventFields {
                code: Some(event.code()),
                reason: event.reason().into(),
                was_clean: Some(event.was_clean()),
                unsent: Some(unsent as u32),
                ..EventFields::default()
            },
        );
        self.release();
    }

    /// Calls every handler for `kind` with one event object. A message's
    /// data arrives as the browser gave it and is converted for the host only
    /// when someone listens.
    fn dispatch(&self, kind: EventKind, mut fields: EventFields) {
        let handlers = self.handlers.borrow().for_dispatch(kind);
        if handlers.is_empty() {
            return;
        }
        if kind == EventKind::Message {
            fields.data = self.host.message_data(fields.data);
        }
        let target = self.target.borrow().clone();
        let Some(event) = self.host.event(kind, &target, fields) else {
            return;
        };
        for handler in &handlers {
            self.host.call(handler, &event);
        }
    }

    fn flush_pending(&self) {
        let pending = std::mem::take(&mut *self.pending.borrow_mut());
        for data in pending {
            if let Err(err) = send_value(&self.ws, &data) {
                console_error("pyws: a queued message could not be sent", &err);
            }
        }
    }

    /// Drops everything the socket holds for its user: listeners, handlers
    /// and the target. Called once the connection has closed, and on drop.
    fn release(&self) {
        drop(std::mem::take(&mut *self.listeners.borrow_mut()));
        let handlers = self.handlers.borrow_mut().take_all();
        for handler in &handlers {
            self.host.release(&handler.callable);
        }
        let target = self.target.replace(JsValue::UNDEFINED);
        if !target.is_undefined() {
            self.host.release(&target);
        }
    }

    fn send(&self, data: JsValue) -> Result<(), Error> {
        match self.ws.ready_state() {
            CONNECTING => {
                // The caller may change its buffer before the socket opens:
                // a queued message is a snapshot.
                let data = match data.dyn_ref::<Uint8Array>() {
                    Some(bytes) => bytes.slice(0, bytes.length()).into(),
                    None => data,
                };
                self.pending.borrow_mut().push_back(data);
                Ok(())
            }
            OPEN => send_value(&self.ws, &data).map_err(Error::from_browser),
            _ => Err(Error::Closed { action: "send" }),
        }
    }
}

impl Drop for Socket {
    fn drop(&mut self) {
        self.shared.release();
    }
}

#[wasm_bindgen]
impl Socket {
    /// Sends a message: a string as a text frame, a `Uint8Array` (or any
    /// `ArrayBuffer` view) as a binary frame. While the socket is still
    /// connecting, the message is queued and sent on open, in order.
    ///
    /// # Errors
    /// [`Error::Closed`] once the socket is closing or closed, and
    /// [`Error::WrongType`] for any other value.
    pub fn send(&self, data: JsValue) -> Result<(), Error> {
        if !(data.is_string()
            || js_sys::ArrayBuffer::is_view(&data)
            || data.is_instance_of::<js_sys::ArrayBuffer>())
        {
            return Err(Error::WrongType(
                "send() takes a string or bytes-like data".into(),
            ));
        }
        self.shared.send(data)
    }

    /// Starts the closing handshake. `code` must be 1000 (the default) or
    /// 3000–4999 and `reason` at most 123 UTF-8 bytes. Closing a closing or
    /// closed socket does nothing. See
    /// [`WebSocket.close()`](https://developer.mozilla.org/en-US/docs/Web/API/WebSocket/close).
    ///
    /// # Errors
    /// [`Error::InvalidCloseCode`] or [`Error::ReasonTooLong`].
    pub fn close(&self, code: Option<f64>, reason: Option<String>) -> Result<(), Error> {
        let code = rules::close_arguments(code, reason.as_deref())?;
        let ws = &self.shared.ws;
        match reason {
            None => ws.close_with_code(code),
            Some(reason) => ws.close_with_code_and_reason(code, &reason),
        }
        .map_err(Error::from_browser)
    }

    /// Sets a handler for `kind` (`"open"`, `"message"`, `"error"` or
    /// `"close"`), called with the event when `arity` is 1 and with nothing
    /// when it is 0. `null` or `undefined` clears it.
    ///
    /// # Errors
    /// [`Error::InvalidEvent`] for an unknown event name.
    #[wasm_bindgen(js_name = setHandler)]
    pub fn set_handler_js(&self, kind: &str, handler: JsValue, arity: u8) -> Result<(), Error> {
        let kind = EventKind::from_name(kind)?;
        let handler = (!handler.is_null() && !handler.is_undefined()).then_some(Handler {
            callable: handler,
            arity,
        });
        self.set_handler(kind, handler);
        Ok(())
    }

    /// The handler set for `kind`, or `null`.
    ///
    /// # Errors
    /// [`Error::InvalidEvent`] for an unknown event name.
    #[wasm_bindgen(js_name = getHandler)]
    pub fn handler_js(&self, kind: &str) -> Result<JsValue, Error> {
        Ok(self.handler(EventKind::from_name(kind)?))
    }

    /// Adds a handler for `kind`, called after the attribute handler and
    /// after handlers bound earlier.
    ///
    /// # Errors
    /// [`Error::InvalidEvent`] for an unknown event name.
    pub fn bind(&self, kind: &str, handler: JsValue, arity: u8) -> Result<(), Error> {
        let kind = EventKind::from_name(kind)?;
        self.shared.handlers.borrow_mut().bind(
            kind,
            Handler {
                callable: handler,
                arity,
            },
        );
        Ok(())
    }

    /// The handlers bound to `kind`, in the order they were bound.
    ///
    /// # Errors
    /// [`Error::InvalidEvent`] for an unknown event name.
    #[wasm_bindgen(js_name = boundHandlers)]
    pub fn bound_handlers(&self, kind: &str) -> Result<Array, Error> {
        let kind = EventKind::from_name(kind)?;
        let handlers = self.shared.handlers.borrow();
        Ok(handlers
            .bound(kind)
            .iter()
            .map(|h| h.callable.clone())
            .collect())
    }

    /// Removes `handler` from `kind`'s bound handlers, or all of them when
    /// `handler` is `undefined`. Returns how many were removed.
    ///
    /// # Errors
    /// [`Error::InvalidEvent`] for an unknown event name.
    pub fn unbind(&self, kind: &str, handler: JsValue) -> Result<u32, Error> {
        let kind = EventKind::from_name(kind)?;
        let which = (!handler.is_undefined()).then_some(&handler);
        let removed = self.shared.handlers.borrow_mut().unbind(kind, which);
        for handler in &removed {
            self.shared.host.release(&handler.callable);
        }
        Ok(removed.len() as u32)
    }

    /// The open handler, for plain JavaScript (`socket.on_open = f`).
    #[wasm_bindgen(getter)]
    pub fn on_open(&self) -> JsValue {
        self.handler(EventKind::Open)
    }

    /// Sets the open handler; `null` clears it.
    ///
    /// # Errors
    /// [`Error::WrongType`] when the value is not a function.
    #[wasm_bindgen(setter)]
    pub fn set_on_open(&self, f: JsValue) -> Result<(), Error> {
        self.set_js_function(EventKind::Open, f)
    }

    /// The message handler.
    #[wasm_bindgen(getter)]
    pub fn on_message(&self) -> JsValue {
        self.handler(EventKind::Message)
    }

    /// Sets the message handler; `null` clears it.
    ///
    /// # Errors
    /// [`Error::WrongType`] when the value is not a function.
    #[wasm_bindgen(setter)]
    pub fn set_on_message(&self, f: JsValue) -> Result<(), Error> {
        self.set_js_function(EventKind::Message, f)
    }

    /// The error handler.
    #[wasm_bindgen(getter)]
    pub fn on_error(&self) -> JsValue {
        self.handler(EventKind::Error)
    }

    /// Sets the error handler; `null` clears it.
    ///
    /// # Errors
    /// [`Error::WrongType`] when the value is not a function.
    #[wasm_bindgen(setter)]
    pub fn set_on_error(&self, f: JsValue) -> Result<(), Error> {
        self.set_js_function(EventKind::Error, f)
    }

    /// The close handler.
    #[wasm_bindgen(getter)]
    pub fn on_close(&self) -> JsValue {
        self.handler(EventKind::Close)
    }

    /// Sets the close handler; `null` clears it.
    ///
    /// # Errors
    /// [`Error::WrongType`] when the value is not a function.
    #[wasm_bindgen(setter)]
    pub fn set_on_close(&self, f: JsValue) -> Result<(), Error> {
        self.set_js_function(EventKind::Close, f)
    }

    /// `0` CONNECTING, `1` OPEN, `2` CLOSING or `3` CLOSED.
    #[wasm_bindgen(getter, js_name = readyState)]
    pub fn ready_state(&self) -> u16 {
        self.shared.ws.ready_state()
    }

    /// The absolute URL the socket connected to.
    #[wasm_bindgen(getter)]
    pub fn url(&self) -> String {
        self.shared.ws.url()
    }

    /// The subprotocol the server chose, or `""`.
    #[wasm_bindgen(getter)]
    pub fn protocol(&self) -> String {
        self.shared.ws.protocol()
    }

    /// The extensions the server chose, or `""`.
    #[wasm_bindgen(getter)]
    pub fn extensions(&self) -> String {
        self.shared.ws.extensions()
    }

    /// Bytes queued by `send` but not yet transmitted.
    #[wasm_bindgen(getter, js_name = bufferedAmount)]
    pub fn buffered_amount(&self) -> f64 {
        f64::from(self.shared.ws.buffered_amount())
    }

    fn set_js_function(&self, kind: EventKind, f: JsValue) -> Result<(), Error> {
        if f.is_null() || f.is_undefined() {
            self.set_handler(kind, None);
            return Ok(());
        }
        if f.dyn_ref::<Function>().is_none() {
            return Err(Error::WrongType(format!(
                "on_{} must be a function or null",
                kind.name()
            )));
        }
        self.set_handler(
            kind,
            Some(Handler {
                callable: f,
                arity: 1,
            }),
        );
        Ok(())
    }
}
