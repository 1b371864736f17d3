//! The socket: one browser connection at a time (a `WebSocket`, or a
//! `WebSocketStream` with `max_queue`), its listeners, its handlers, the
//! messages waiting for it to open, and what the async API waits on.
//!
//! Everything a socket registers with the browser is owned by it: the event
//! listeners are `gloo_events::EventListener`s and the timers
//! `gloo_timers` ones, held in the socket and removed when the connection has
//! closed for good or when the socket is dropped (`free()` in JavaScript),
//! whichever comes first. A `WebSocketStream`'s read loop is a future that
//! holds the socket only weakly and ends with the connection.
//!
//! With reconnection on, a lost connection is replaced by a new browser
//! connection after a wait; handlers, unread messages and the send queue
//! carry over, and `close` fires only once, at the very end.

use std::cell::Cell;
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use gloo_timers::callback::{Interval, Timeout};
use js_sys::{Array, Function, JsString, Promise, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{CloseEvent, MessageEvent};

use crate::cell::RefCell;
use crate::events::{EventKind, Handler, Handlers};
use crate::host::{self, console_error, EventFields, Host};
use crate::options::Options;
use crate::reconnect::{self, Reconnect};
use crate::transport::{self, Stream, StreamEnd, Transport, CLOSED, CONNECTING, OPEN};
use crate::waiters::{self, Waiters};
use crate::{rules, Error};

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

/// The state the event listeners and timers reach through a weak reference.
#[derive(Debug)]
struct Shared {
    /// The current browser connection; replaced on each reconnection attempt.
    ws: RefCell<Transport>,
    /// With `max_queue`, reading pauses while this many messages are unread
    /// (on a `WebSocketStream`, which only browsers that have it use).
    max_queue: Option<usize>,
    /// The resolved URL and the subprotocols, for reconnecting.
    url: String,
    protocols: Vec<String>,
    host: Host,
    /// The object handlers see as `event.target`: the host's Python object.
    /// Held only until the socket has closed.
    target: RefCell<JsValue>,
    handlers: RefCell<Handlers>,
    /// Messages sent while not open, sent in order on open.
    pending: RefCell<VecDeque<JsValue>>,
    listeners: RefCell<Option<[EventListener; 4]>>,
    /// Set once an `error` event has been dispatched for the current
    /// connection, so a failure that the browser reports only as an unclean
    /// `close` still gets one `error` first.
    error_dispatched: Cell<bool>,
    reconnect: Option<Reconnect>,
    /// Reconnection attempts since the connection was last open.
    attempt: Cell<u32>,
    /// The wait before the next reconnection attempt, while there is one.
    retry: RefCell<Option<Timeout>>,
    /// After an `error` on a connection the browser already reports CLOSED:
    /// the `close` the standard says follows, made here if the browser never
    /// fires it (WebKit, for a socket over its limit of open sockets).
    close_fallback: RefCell<Option<Timeout>>,
    /// Set when the page calls `close()`: no reconnecting after that.
    closed_by_page: Cell<bool>,
    waiters: RefCell<Waiters>,
    /// Polls `bufferedAmount` while `drain()` calls wait.
    drain_timer: RefCell<Option<Interval>>,
    /// The close event, once the socket has closed for good.
    close_event: RefCell<Option<JsValue>>,
}

/// How often `drain()` looks at `bufferedAmount`: the browser fires no event
/// when it falls.
const DRAIN_POLL_MS: u32 = 4;

/// How long after an `error` on a CLOSED browser socket its `close` may
/// take before pyws closes the connection itself. Chromium and Firefox fire
/// it in the same task as the `error` or the next.
const CLOSE_AFTER_ERROR_MS: u32 = 100;

/// The code of a connection that ended without a close frame.
const CLOSE_ABNORMAL: u16 = 1006;

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
        options: Options,
    ) -> Result<Socket, Error> {
        let global = transport::global();
        let has_websocket = Reflect::get(&global, &"WebSocket".into())
            .map(|c| c.is_function())
            .unwrap_or(false);
        if !has_websocket {
            return Err(Error::NotSupported);
        }
        let resolved = resolve_url(&global, url)?;
        rules::protocols_are_valid(protocols)?;
        let max_queue = options.max_queue.filter(|_| transport::has_stream());
        let ws = Transport::connect(&resolved, protocols, max_queue.is_some())?;
        let shared = Rc::new(Shared {
            ws: RefCell::new(ws),
            max_queue,
            url: resolved,
            protocols: protocols.to_vec(),
            host,
            target: RefCell::new(target),
            handlers: RefCell::default(),
            pending: RefCell::default(),
            listeners: RefCell::default(),
            error_dispatched: Cell::new(false),
            reconnect: options.reconnect,
            attempt: Cell::new(0),
            retry: RefCell::default(),
            close_fallback: RefCell::default(),
            closed_by_page: Cell::new(false),
            waiters: RefCell::default(),
            drain_timer: RefCell::default(),
            close_event: RefCell::default(),
        });
        shared.listen();
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
    let scheme = rules::split_at_first(&resolved, b':').map_or("", |(scheme, _)| scheme);
    if secure_context && rules::blocked_as_mixed_content(scheme, &parsed.hostname()) {
        return Err(Error::Insecure {
            url: url.to_owned(),
        });
    }
    Ok(resolved)
}

impl Shared {
    /// Registers the browser listeners on the current `WebSocket`, each
    /// holding this state weakly so a listener never keeps it alive; or
    /// starts the read loop of the current `WebSocketStream`.
    fn listen(self: &Rc<Self>) {
        let ws = match &*self.ws.borrow() {
            Transport::Events(ws) => ws.clone(),
            Transport::Stream(stream) => {
                run_stream(Rc::downgrade(self), stream.clone());
                return;
            }
        };
        let listeners = EventKind::BROWSER.map(|kind| {
            let weak: Weak<Shared> = Rc::downgrade(self);
            EventListener::new(&ws, kind.name(), move |event| {
                if let Some(shared) = weak.upgrade() {
                    shared.on_browser_event(kind, event);
                }
            })
        });
        *self.listeners.borrow_mut() = Some(listeners);
    }

    fn on_browser_event(self: &Rc<Self>, kind: EventKind, event: &web_sys::Event) {
        match kind {
            EventKind::Open => self.on_open(),
            EventKind::Message => {
                let event: &MessageEvent = event.unchecked_ref();
                self.on_message(event.data());
            }
            EventKind::Error => {
                self.expect_close();
                // A failed reconnection attempt is reported by the
                // `reconnect` event that follows, not by an `error` for
                // each attempt.
                if self.attempt.get() == 0 {
                    self.error_dispatched.set(true);
                    self.dispatch(EventKind::Error, EventFields::default());
                }
            }
            EventKind::Close => {
                drop(self.close_fallback.borrow_mut().take());
                let event: &CloseEvent = event.unchecked_ref();
                self.on_closed(event.code(), event.reason().into(), event.was_clean());
            }
            EventKind::Reconnect => {}
        }
    }

    /// After an `error`: if the browser socket is already CLOSED, its
    /// `close` must follow; should it not come within
    /// [`CLOSE_AFTER_ERROR_MS`], the connection is closed here as the
    /// standard's failure path closes it (1006, not clean), and a `close`
    /// the browser fires later is not heard.
    fn expect_close(self: &Rc<Self>) {
        let Transport::Events(ws) = &*self.ws.borrow() else {
            return;
        };
        if ws.ready_state() != web_sys::WebSocket::CLOSED {
            return;
        }
        let weak = Rc::downgrade(self);
        let timeout = Timeout::new(CLOSE_AFTER_ERROR_MS, move || {
            if let Some(shared) = weak.upgrade() {
                // This runs inside the timeout's own callback: keep it
                // until the end.
                let _fired = shared.close_fallback.borrow_mut().take();
                drop(std::mem::take(&mut *shared.listeners.borrow_mut()));
                shared.on_closed(CLOSE_ABNORMAL, JsValue::from_str(""), false);
            }
        });
        *self.close_fallback.borrow_mut() = Some(timeout);
    }

    fn on_open(&self) {
        self.attempt.set(0);
        self.error_dispatched.set(false);
        self.flush_pending();
        let opened = std::mem::take(&mut self.waiters.borrow_mut().opened);
        for resolve in &opened {
            waiters::settle(resolve, &JsValue::TRUE);
        }
        self.dispatch(EventKind::Open, EventFields::default());
    }

    /// Hands a message to the handlers, and keeps it for `recv()` when no
    /// handler takes it or once `recv()` is in use.
    fn on_message(&self, data: JsValue) {
        let handlers = self.handlers.borrow().for_dispatch(EventKind::Message);
        let keep = handlers.is_empty() || self.waiters.borrow().reading;
        let mut event = None;
        if !handlers.is_empty() {
            event = self.event(EventKind::Message, data.clone());
            if let Some(event) = &event {
                self.call_handlers(EventKind::Message, &handlers, event);
            }
        }
        if !keep {
            return;
        }
        let reader = self.waiters.borrow_mut().recv.pop_front();
        match reader {
            Some(resolve) => {
                let event = event.or_else(|| self.event(EventKind::Message, data));
                waiters::settle(&resolve, &event.unwrap_or_default());
            }
            None => {
                let mut waiters = self.waiters.borrow_mut();
                waiters.unread.push_back(data);
                waiters.wake_readers();
            }
        }
    }

    /// The current connection has closed: reconnects, or finishes.
    fn on_closed(self: &Rc<Self>, code: u16, reason: JsValue, clean: bool) {
        // The standard's failure path fires `error` before `close`, but a
        // connection dropped after opening closes with 1006 and no `error`.
        if !clean && !self.error_dispatched.get() && self.attempt.get() == 0 {
            self.error_dispatched.set(true);
            self.dispatch(EventKind::Error, EventFields::default());
        }
        if let Some(settings) = &self.reconnect {
            let attempt = self.attempt.get() + 1;
            if !self.closed_by_page.get()
                && reconnect::reconnects_after(code, clean)
                && !settings.gives_up_before(attempt)
            {
                let delay = settings.delay_before(attempt, js_sys::Math::random());
                self.schedule_reconnect(attempt, delay);
                self.dispatch(
                    EventKind::Reconnect,
                    EventFields {
                        code: Some(code),
                        reason,
                        attempt: Some(attempt),
                        delay: Some(delay),
                        ..EventFields::default()
                    },
                );
                return;
            }
        }
        self.finish(code, reason, clean);
    }

    /// Waits `delay` seconds, then opens a new browser socket to the same
    /// URL. Until then the socket reports CONNECTING.
    fn schedule_reconnect(self: &Rc<Self>, attempt: u32, delay: f64) {
        self.attempt.set(attempt);
        drop(std::mem::take(&mut *self.listeners.borrow_mut()));
        let weak = Rc::downgrade(self);
        let timeout = Timeout::new((delay * 1000.0).round() as u32, move || {
            if let Some(shared) = weak.upgrade() {
                shared.reconnect_now();
            }
        });
        *self.retry.borrow_mut() = Some(timeout);
    }

    fn reconnect_now(self: &Rc<Self>) {
        // This runs inside the timeout's own callback: keep it until the end.
        let _fired = self.retry.borrow_mut().take();
        if self.close_event.borrow().is_some() {
            return;
        }
        match Transport::connect(&self.url, &self.protocols, self.max_queue.is_some()) {
            Ok(ws) => {
                *self.ws.borrow_mut() = ws;
                self.listen();
            }
            Err(err) => {
                console_error("pyws: cannot reconnect", &err.clone().into());
                self.finish(CLOSE_ABNORMAL, JsValue::from_str(""), false);
            }
        }
    }

    /// The socket has closed for good: fires `close`, settles every waiter
    /// with the close event and lets go of everything.
    fn finish(&self, code: u16, reason: JsValue, was_clean: bool) {
        let unsent = std::mem::take(&mut *self.pending.borrow_mut()).len();
        let fields = EventFields {
            code: Some(code),
            reason,
            was_clean: Some(was_clean),
            unsent: Some(unsent as u32),
            ..EventFields::default()
        };
        // What the socket keeps for later `recv()` calls names no target: an
        // event holding the host's object would tie it to this state, which
        // that object holds, in a cycle the garbage collector cannot see
        // through wasm memory.
        let kept = self
            .host
            .event(EventKind::Close, &JsValue::UNDEFINED, fields.clone())
            .unwrap_or_default();
        *self.close_event.borrow_mut() = Some(kept.clone());
        self.dispatch(EventKind::Close, fields);
        self.waiters.borrow_mut().settle_all(&kept);
        self.release();
    }

    /// The event object for `kind`, as the host builds it; a message's data
    /// is converted for the host here. `None` (reported on the console) if
    /// the adapter failed.
    fn event(&self, kind: EventKind, data_or_fields: impl Into<EventFields>) -> Option<JsValue> {
        let mut fields: EventFields = data_or_fields.into();
        if kind == EventKind::Message {
            fields.data = host::message_data(fields.data);
        }
        let target = self.target.borrow().clone();
        self.host.event(kind, &target, fields)
    }

    /// Calls every handler for `kind` with one event object, built only when
    /// someone listens.
    fn dispatch(&self, kind: EventKind, fields: EventFields) {
        let handlers = self.handlers.borrow().for_dispatch(kind);
        if handlers.is_empty() {
            return;
        }
        let Some(event) = self.event(kind, fields) else {
            return;
        };
        self.call_handlers(kind, &handlers, &event);
    }

    /// Calls `handlers` (a copy taken before the first call) in order. As
    /// in the DOM, a handler removed by an earlier one is not called: the
    /// host may already have released it.
    fn call_handlers(&self, kind: EventKind, handlers: &[Handler], event: &JsValue) {
        let removals = self.handlers.borrow().removals();
        for handler in handlers {
            let current = self.handlers.borrow();
            if current.removals() != removals && !current.contains(kind, &handler.callable) {
                continue;
            }
            drop(current);
            self.host.call(handler, event);
        }
    }

    fn flush_pending(&self) {
        let pending = std::mem::take(&mut *self.pending.borrow_mut());
        let ws = self.ws.borrow();
        for data in pending {
            if let Err(err) = ws.send(&data) {
                console_error("pyws: a queued message could not be sent", &err);
            }
        }
    }

    /// Drops everything the socket holds for its user: listeners, timers,
    /// handlers and the target. Called once the connection has closed for
    /// good, and on drop.
    fn release(&self) {
        drop(std::mem::take(&mut *self.listeners.borrow_mut()));
        if let Transport::Stream(stream) = &*self.ws.borrow() {
            stream.wake(); // lets a paused read loop end
        }
        drop(self.retry.borrow_mut().take());
        drop(self.close_fallback.borrow_mut().take());
        drop(self.drain_timer.borrow_mut().take());
        let handlers = self.handlers.borrow_mut().take_all();
        for handler in &handlers {
            self.host.release(&handler.callable);
        }
        let target = self.target.replace(JsValue::UNDEFINED);
        if !target.is_undefined() {
            self.host.release(&target);
        }
    }

    /// `readyState` as the page sees it: CONNECTING while waiting to
    /// reconnect, CLOSED once closed for good.
    fn ready_state(&self) -> u16 {
        if self.close_event.borrow().is_some() {
            CLOSED
        } else if self.retry.borrow().is_some() {
            CONNECTING
        } else {
            self.ws.borrow().ready_state()
        }
    }

    fn send(&self, data: JsValue) -> Result<(), Error> {
        match self.ready_state() {
            CONNECTING => {
                if let Some(settings) = &self.reconnect {
                    if self.pending.borrow().len() >= settings.queue {
                        return Err(Error::QueueFull {
                            limit: settings.queue,
                        });
                    }
                }
                self.pending
                    .borrow_mut()
                    .push_back(transport::snapshot(data));
                Ok(())
            }
            OPEN => self.ws.borrow().send(&data).map_err(Error::from_browser),
            _ => Err(Error::Closed { action: "send" }),
        }
    }

    /// Whether everything sent so far has left: nothing queued and at most
    /// `limit` bytes in the browser's buffer.
    fn drained(&self, limit: f64) -> bool {
        self.pending.borrow().is_empty()
            && self.retry.borrow().is_none()
            && self.ws.borrow().buffered_amount() <= limit
    }

    /// Whether the read loop should pause: `max_queue` messages unread.
    fn queue_full(&self) -> bool {
        self.max_queue
            .is_some_and(|limit| self.waiters.borrow().unread.len() >= limit)
    }

    /// Wakes a paused read loop once there is room in the queue.
    fn resume_reading(&self) {
        if let Transport::Stream(stream) = &*self.ws.borrow() {
            if !self.queue_full() {
                stream.wake();
            }
        }
    }

    /// Settles the `drain()` calls whose limit is reached; stops polling when
    /// none is left.
    fn check_drain(&self) {
        let mut ready = Vec::new();
        {
            let mut waiters = self.waiters.borrow_mut();
            let mut waiting = Vec::new();
            for (limit, resolve) in std::mem::take(&mut waiters.drain) {
                if self.drained(limit) {
                    ready.push(resolve);
                } else {
                    waiting.push((limit, resolve));
                }
            }
            waiters.drain = waiting;
        }
        for resolve in &ready {
            waiters::settle(resolve, &JsValue::TRUE);
        }
        if self.waiters.borrow().drain.is_empty() {
            // When called from the interval's own callback, the closure is
            // freed once that call returns.
            drop(self.drain_timer.borrow_mut().take());
        }
    }
}

/// Drives one `WebSocketStream` connection: waits for it to open, then
/// reads one message at a time, pausing while the queue is full, and ends
/// with its close. Each step is a callback on the promise it waits for,
/// holding the socket only weakly.
fn run_stream(weak: Weak<Shared>, stream: Rc<Stream>) {
    waiters::when_settled(&stream.wss.opened(), move |opened| {
        let reader = match opened {
            Ok(info) => {
                let Some(shared) = weak.upgrade() else { return };
                *stream.protocol.borrow_mut() = transport::text(&info, "protocol");
                *stream.extensions.borrow_mut() = transport::text(&info, "extensions");
                *stream.writer.borrow_mut() =
                    transport::end(&transport::field(&info, "writable"), "getWriter");
                let reader = transport::end(&transport::field(&info, "readable"), "getReader");
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
            Ok(chunk) if !transport::field(&chunk, "done").is_truthy() => chunk,
            _ => return stream_closed(weak, stream),
        };
        let Some(shared) = weak.upgrade() else { return };
        shared.on_message(transport::field(&chunk, "value"));
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
        let code = transport::field(&info, "closeCode")
            .as_f64()
            .map_or(CLOSE_ABNORMAL, |c| c as u16);
        let reason = transport::text(&info, "reason").into();
        if let Some(shared) = weak.upgrade() {
            shared.on_closed(code, reason, clean && code != CLOSE_ABNORMAL);
        }
    });
}

impl From<JsValue> for EventFields {
    fn from(data: JsValue) -> EventFields {
        EventFields {
            data,
            ..EventFields::default()
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
    /// closed socket does nothing; closing a socket that waits to reconnect
    /// ends it at once, with a `close` event that is not clean. See
    /// [`WebSocket.close()`](https://developer.mozilla.org/en-US/docs/Web/API/WebSocket/close).
    ///
    /// # Errors
    /// [`Error::InvalidCloseCode`] or [`Error::ReasonTooLong`].
    pub fn close(&self, code: Option<f64>, reason: Option<String>) -> Result<(), Error> {
        let code = rules::close_arguments(code, reason.as_deref())?;
        let shared = &self.shared;
        if shared.close_event.borrow().is_some() {
            return Ok(());
        }
        shared.closed_by_page.set(true);
        if shared.retry.borrow().is_some() {
            let reason = JsValue::from_str(reason.as_deref().unwrap_or_default());
            shared.finish(code, reason, false);
            return Ok(());
        }
        let ws = shared.ws.borrow();
        ws.close(code, reason.as_deref())
            .map_err(Error::from_browser)
    }

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

    /// A promise resolved with `true` once a message is unread or the
    /// socket has closed (at once if either is so), after which
    /// [`poll`](Socket::poll) returns it. Unlike [`recv`](Socket::recv), a
    /// caller that stops waiting takes no message with it, so adapters whose
    /// awaits can be cancelled (asyncio) use this.
    pub fn readable(&self) -> Promise {
        let shared = &self.shared;
        let mut waiters = shared.waiters.borrow_mut();
        waiters.reading = true;
        if !waiters.unread.is_empty() || shared.close_event.borrow().is_some() {
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
            None => shared.close_event.borrow().clone().unwrap_or_default(),
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
        if let Some(event) = shared.close_event.borrow().as_ref() {
            return Promise::resolve(event);
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
        if let Some(event) = shared.close_event.borrow().as_ref() {
            return Promise::resolve(event);
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
        let shared = &self.shared;
        if let Some(event) = shared.close_event.borrow().as_ref() {
            return Ok(Promise::resolve(event));
        }
        if shared.drained(limit) {
            return Ok(Promise::resolve(&JsValue::TRUE));
        }
        let (promise, resolve) = waiters::promise();
        shared.waiters.borrow_mut().drain.push((limit, resolve));
        if shared.drain_timer.borrow().is_none() {
            let weak = Rc::downgrade(shared);
            let interval = Interval::new(DRAIN_POLL_MS, move || {
                if let Some(shared) = weak.upgrade() {
                    shared.check_drain();
                }
            });
            *shared.drain_timer.borrow_mut() = Some(interval);
        }
        Ok(promise)
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

    fn set_js_function(&self, kind: EventKind, f: JsValue) -> Result<(), Error> {
        if f.is_null() || f.is_undefined() {
            self.set_handler(kind, None);
            return Ok(());
        }
        if f.dyn_ref::<Function>().is_none() {
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
