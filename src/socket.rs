//! The [`Socket`] JavaScript and the adapters see: what `websocket(url)`
//! returns, its methods and properties. Each call is handed to the socket's
//! lifecycle (`src/lifecycle/`), which owns the browser connection.

use std::rc::Rc;

use js_sys::{Array, JsString, Promise};
use wasm_bindgen::prelude::*;

use crate::events::{EventKind, Handler};
use crate::host::Host;
use crate::lifecycle::Shared;
use crate::options::Options;
use crate::transport::{self, OPEN};
use crate::waiters;
use crate::{rules, Error};

/// A WebSocket connection, the value `websocket(url)` returns.
///
/// Created with [`websocket`](crate::websocket) from JavaScript, or by a host
/// adapter's `websocket()` builtin. See
/// [WebSocket on MDN](https://developer.mozilla.org/en-US/docs/Web/API/WebSocket).
///
/// Dropping it (`free()` in JavaScript) closes a connection that is open or
/// connecting, with code 1000, cancels a pending reconnection, and removes
/// everything it registered with the browser; no handler is called after.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Socket {
    shared: Rc<Shared>,
}

impl Socket {
    /// Opens a connection to `url` with the given subprotocols.
    ///
    /// A relative URL is resolved against the page's (or worker's) location;
    /// `http`/`https` become `ws`/`wss`.
    ///
    /// # Errors
    /// [`Error::NotSupported`] without a `WebSocket` in this environment,
    /// [`Error::InvalidUrl`] or [`Error::InvalidProtocol`] for bad arguments,
    /// [`Error::Insecure`] for a `ws://` URL from an `https://` page, and
    /// [`Error::Browser`] when the browser refuses the connection.
    pub fn open(
        url: &str,
        protocols: &[String],
        host: Host,
        target: JsValue,
        options: Options,
    ) -> Result<Socket, Error> {
        if !transport::has_websocket() {
            return Err(Error::NotSupported);
        }
        let resolved = transport::resolve_url(url)?;
        rules::protocols_are_valid(protocols)?;
        let shared = Shared::connect(resolved, protocols, host, target, options)?;
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

impl Drop for Socket {
    fn drop(&mut self) {
        self.shared.abandon();
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

    /// Starts the closing handshake with `code` (1000 by default) and
    /// `reason`, as [`rules::close_arguments`] checks them. Closing a
    /// closing or closed socket does nothing; closing a socket that waits to reconnect
    /// ends it at once, with a `close` event that is not clean. See
    /// [`WebSocket.close()`](https://developer.mozilla.org/en-US/docs/Web/API/WebSocket/close).
    ///
    /// # Errors
    /// [`Error::InvalidCloseCode`] or [`Error::ReasonTooLong`].
    pub fn close(&self, code: Option<f64>, reason: Option<String>) -> Result<(), Error> {
        let code = rules::close_arguments(code, reason.as_deref())?;
        self.shared.close(code, reason.as_deref())
    }

    /// A promise resolved with `true` once a message is unread or the
    /// socket has closed (at once if either is so), after which
    /// [`poll`](Socket::poll) returns it. Unlike [`recv`](Socket::recv), a
    /// caller that stops waiting takes no message with it, so adapters whose
    /// awaits can be cancelled (asyncio) use this.
    pub fn readable(&self) -> Promise {
        let shared = &self.shared;
        let mut waiters = shared.waiters.borrow_mut();
        waiters.reading = true;
        if !waiters.unread.is_empty() || shared.close_event().is_some() {
            return Promise::resolve(&JsValue::TRUE);
        }
        let (promise, resolve) = waiters::promise();
        waiters.readable.push(resolve);
        promise
    }

    /// What [`recv`](Socket::recv) would resolve with if it can without
    /// waiting (an unread message, or the close event), else `undefined`.
    pub fn poll(&self) -> JsValue {
        let shared = &self.shared;
        let data = {
            let mut waiters = shared.waiters.borrow_mut();
            waiters.reading = true;
            waiters.unread.pop_front()
        };
        if data.is_some() {
            shared.resume_reading();
        }
        match data {
            Some(data) => shared.event(EventKind::Message, data).unwrap_or_default(),
            None => shared.close_event().unwrap_or_default(),
        }
    }

    /// How many received messages wait for `recv()`.
    #[wasm_bindgen(getter)]
    pub fn unread(&self) -> u32 {
        self.shared.waiters.borrow().unread.len() as u32
    }

    /// A promise resolved with `true` once the socket is open (at once if it
    /// is), or with the `close` event if it closes first.
    pub fn opened(&self) -> Promise {
        let shared = &self.shared;
        if let Some(event) = shared.close_event() {
            return Promise::resolve(&event);
        }
        if shared.ready_state() == OPEN {
            return Promise::resolve(&JsValue::TRUE);
        }
        let (promise, resolve) = waiters::promise();
        shared.waiters.borrow_mut().opened.push(resolve);
        promise
    }

    /// A promise resolved with the `close` event once the socket has closed
    /// for good.
    #[wasm_bindgen(js_name = waitClosed)]
    pub fn wait_closed(&self) -> Promise {
        let shared = &self.shared;
        if let Some(event) = shared.close_event() {
            return Promise::resolve(&event);
        }
        let (promise, resolve) = waiters::promise();
        shared.waiters.borrow_mut().closed.push(resolve);
        promise
    }

    /// A promise resolved with `true` once nothing is queued and the
    /// browser's `bufferedAmount` is at most `limit` bytes, or with the
    /// `close` event if the socket closes first. Lets a producer send no
    /// faster than the network takes data.
    ///
    /// # Errors
    /// [`Error::WrongType`] when `limit` is negative or not a number.
    pub fn drain(&self, limit: f64) -> Result<Promise, Error> {
        if limit.is_nan() || limit < 0.0 {
            return Err(Error::WrongType(
                "drain() limit must be a number of bytes, 0 or more".into(),
            ));
        }
        Ok(self.shared.drain(limit))
    }

    /// Sets a handler for `kind` (`"open"`, `"message"`, `"error"`,
    /// `"close"` or `"reconnect"`), called with the event when `arity` is 1
    /// and with nothing when it is 0. `null` or `undefined` clears it.
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
        let list = Array::new();
        for handler in self.shared.handlers.borrow().bound(kind) {
            list.push(&handler.callable);
        }
        Ok(list)
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

    /// `0` CONNECTING, `1` OPEN, `2` CLOSING or `3` CLOSED. A socket
    /// waiting to reconnect is CONNECTING.
    #[wasm_bindgen(getter, js_name = readyState)]
    pub fn ready_state(&self) -> u16 {
        self.shared.ready_state()
    }

    /// The absolute URL the socket connected to.
    #[wasm_bindgen(getter)]
    pub fn url(&self) -> JsString {
        self.shared.ws.borrow().url()
    }

    /// The subprotocol the server chose, or `""`.
    #[wasm_bindgen(getter)]
    pub fn protocol(&self) -> JsString {
        self.shared.ws.borrow().protocol()
    }

    /// The extensions the server chose, or `""`.
    #[wasm_bindgen(getter)]
    pub fn extensions(&self) -> JsString {
        self.shared.ws.borrow().extensions()
    }

    /// Bytes queued by `send` but not yet transmitted.
    #[wasm_bindgen(getter, js_name = bufferedAmount)]
    pub fn buffered_amount(&self) -> f64 {
        self.shared.ws.borrow().buffered_amount()
    }
}

/// What only plain JavaScript uses (the `js` feature): the adapters read
/// messages with [`poll`](Socket::poll) and [`readable`](Socket::readable)
/// and set handlers with [`setHandler`](Socket::set_handler_js), so the
/// interpreters' packages leave these out.
#[cfg(feature = "js")]
#[wasm_bindgen]
impl Socket {
    /// The next message, as the `message` event handlers receive it. A
    /// promise: it waits for a message when none is unread, and resolves
    /// with the `close` event instead once the socket has closed and every
    /// message has been read. Never rejects.
    ///
    /// From the first call on, every message is kept for `recv()` (before,
    /// only those no handler takes), so none is lost between two calls.
    pub fn recv(&self) -> Promise {
        let next = self.poll();
        if !next.is_undefined() {
            return Promise::resolve(&next);
        }
        let (promise, resolve) = waiters::promise();
        self.shared.waiters.borrow_mut().recv.push_back(resolve);
        promise
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

    /// The reconnect handler, called before each reconnection attempt
    /// (only with reconnection turned on) with an event holding the lost
    /// connection's `code` and `reason`, the `attempt` number and the
    /// `delay` in seconds before it.
    #[wasm_bindgen(getter)]
    pub fn on_reconnect(&self) -> JsValue {
        self.handler(EventKind::Reconnect)
    }

    /// Sets the reconnect handler; `null` clears it.
    ///
    /// # Errors
    /// [`Error::WrongType`] when the value is not a function.
    #[wasm_bindgen(setter)]
    pub fn set_on_reconnect(&self, f: JsValue) -> Result<(), Error> {
        self.set_js_function(EventKind::Reconnect, f)
    }

    fn set_js_function(&self, kind: EventKind, f: JsValue) -> Result<(), Error> {
        if f.is_null() || f.is_undefined() {
            self.set_handler(kind, None);
            return Ok(());
        }
        if f.dyn_ref::<js_sys::Function>().is_none() {
            return Err(Error::WrongType(crate::error::join(&[
                "on_",
                kind.name(),
                " must be a function or null",
            ])));
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
