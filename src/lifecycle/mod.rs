//! A socket's life: one browser connection at a time (a `WebSocket`, or a
//! `WebSocketStream` with `max_queue`), the events it reports, reconnection
//! after a loss, and the end. Where the socket is in that life is one
//! [`Phase`].
//!
//! Everything the socket registers with the browser is owned here: the
//! event listeners are `gloo_events::EventListener`s and the timers
//! `gloo_timers` ones, removed when the connection has closed for good or
//! when the socket is dropped (`free()` in JavaScript), whichever comes
//! first. A `WebSocketStream`'s read loop holds this state only weakly and
//! ends with the connection.
//!
//! With reconnection on, a lost connection is replaced by a new browser
//! connection after a wait; handlers, unread messages and the send queue
//! carry over, and `close` fires only once, at the very end.
//!
//! - [`phase`]: the phases and what each holds.
//! - [`dispatch`]: building events and calling handlers.
//! - [`flow`]: the send queue, `drain()`, and pausing reads at `max_queue`.

mod dispatch;
mod flow;
mod phase;

use std::cell::Cell;
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use gloo_timers::callback::{Interval, Timeout};
use wasm_bindgen::prelude::*;
use web_sys::{CloseEvent, MessageEvent};

use crate::cell::RefCell;
use crate::events::{EventKind, Handlers};
use crate::host::{console_error, EventFields, Host};
use crate::options::Options;
use crate::reconnect::{self, Reconnect};
use crate::transport::{self, Transport, CLOSE_ABNORMAL, CLOSE_NORMAL};
use crate::waiters::{self, Waiters};
use crate::Error;

use phase::Phase;

/// The state of one socket, which its listeners and timers reach through a
/// weak reference. Only the [`Socket`](crate::Socket) holds it strongly.
#[derive(Debug)]
pub(crate) struct Shared {
    /// Where the socket is in its life.
    phase: RefCell<Phase>,
    /// The latest browser connection; replaced on each reconnection
    /// attempt. Kept in every phase: `url`, `protocol` and the rest still
    /// describe the last connection once it has closed.
    pub(crate) ws: RefCell<Transport>,
    /// With `max_queue`, reading pauses while this many messages are unread
    /// (on a `WebSocketStream`, which only browsers that have it use).
    max_queue: Option<usize>,
    /// The resolved URL and the subprotocols, for reconnecting.
    url: String,
    protocols: Vec<String>,
    pub(crate) host: Host,
    /// The object handlers see as `event.target`: the host's Python object.
    /// Held only until the socket has closed.
    target: RefCell<JsValue>,
    pub(crate) handlers: RefCell<Handlers>,
    /// Messages sent while not open, sent in order on open.
    pending: RefCell<VecDeque<JsValue>>,
    /// The live `WebSocket`'s listeners.
    listeners: RefCell<Option<[EventListener; 4]>>,
    /// Set once an `error` event has been dispatched for the current
    /// connection, so a failure that the browser reports only as an unclean
    /// `close` still gets one `error` first.
    error_dispatched: Cell<bool>,
    reconnect: Option<Reconnect>,
    /// After an `error` on a connection the browser already reports CLOSED:
    /// the `close` the standard says follows, made here if the browser never
    /// fires it (WebKit, for a socket over its limit of open sockets).
    close_fallback: RefCell<Option<Timeout>>,
    /// Set when the page calls `close()`: no reconnecting after that.
    closed_by_page: Cell<bool>,
    pub(crate) waiters: RefCell<Waiters>,
    /// Polls `bufferedAmount` while `drain()` calls wait.
    drain_timer: RefCell<Option<Interval>>,
}

/// How long after an `error` on a CLOSED browser socket its `close` may
/// take before pyws closes the connection itself. Chromium and Firefox fire
/// it in the same task as the `error` or the next.
const CLOSE_AFTER_ERROR_MS: u32 = 100;

impl Shared {
    /// Opens the first browser connection to `url` (resolved and checked)
    /// and starts listening to it.
    ///
    /// # Errors
    /// [`Error::Browser`] when the browser refuses the connection.
    pub(crate) fn connect(
        url: String,
        protocols: &[String],
        host: Host,
        target: JsValue,
        options: Options,
    ) -> Result<Rc<Shared>, Error> {
        let max_queue = options.max_queue.filter(|_| transport::has_stream());
        let ws = Transport::connect(&url, protocols, max_queue.is_some())?;
        let shared = Rc::new(Shared {
            phase: RefCell::new(Phase::Connecting { attempt: 0 }),
            ws: RefCell::new(ws),
            max_queue,
            url,
            protocols: protocols.to_vec(),
            host,
            target: RefCell::new(target),
            handlers: RefCell::default(),
            pending: RefCell::default(),
            listeners: RefCell::default(),
            error_dispatched: Cell::new(false),
            reconnect: options.reconnect,
            close_fallback: RefCell::default(),
            closed_by_page: Cell::new(false),
            waiters: RefCell::default(),
            drain_timer: RefCell::default(),
        });
        shared.listen();
        Ok(shared)
    }

    /// `readyState` as the page sees it; see [`Phase::ready_state`].
    pub(crate) fn ready_state(&self) -> u16 {
        self.phase
            .borrow()
            .ready_state(|| self.ws.borrow().ready_state())
    }

    /// The close event, once the socket has closed for good.
    pub(crate) fn close_event(&self) -> Option<JsValue> {
        self.phase.borrow().close_event().cloned()
    }

    /// The page's `close()`, its arguments checked: starts the closing
    /// handshake, or, while waiting to reconnect, ends the socket at once
    /// with a `close` that is not clean. Nothing once closed for good.
    ///
    /// # Errors
    /// [`Error::Browser`] if the browser refuses to close.
    pub(crate) fn close(&self, code: u16, reason: Option<&str>) -> Result<(), Error> {
        let waiting = match &*self.phase.borrow() {
            Phase::Closed { .. } => return Ok(()),
            phase => matches!(phase, Phase::Backoff { .. }),
        };
        self.closed_by_page.set(true);
        if waiting {
            self.finish(code, JsValue::from_str(reason.unwrap_or_default()), false);
            return Ok(());
        }
        let ws = self.ws.borrow();
        ws.close(code, reason).map_err(Error::from_browser)
    }

    /// Registers the browser listeners on the current `WebSocket`, each
    /// holding this state weakly so a listener never keeps it alive; or
    /// starts the read loop of the current `WebSocketStream`.
    fn listen(self: &Rc<Self>) {
        let ws = match &*self.ws.borrow() {
            Transport::Events(ws) => ws.clone(),
            Transport::Stream(stream) => {
                transport::run_stream(Rc::downgrade(self), stream.clone());
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
                let retrying = self.phase.borrow().is_retry();
                if !retrying {
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

    /// The connection opened: sends what was queued, then tells the
    /// waiters and the handlers.
    pub(crate) fn on_open(&self) {
        *self.phase.borrow_mut() = Phase::Open;
        self.error_dispatched.set(false);
        self.flush_pending();
        let opened = std::mem::take(&mut self.waiters.borrow_mut().opened);
        for resolve in &opened {
            waiters::settle(resolve, &JsValue::TRUE);
        }
        self.dispatch(EventKind::Open, EventFields::default());
    }

    /// The current connection has closed: reconnects, or finishes.
    pub(crate) fn on_closed(self: &Rc<Self>, code: u16, reason: JsValue, clean: bool) {
        let (retrying, attempt) = {
            let phase = self.phase.borrow();
            (phase.is_retry(), phase.next_attempt())
        };
        // The standard's failure path fires `error` before `close`, but a
        // connection dropped after opening closes with 1006 and no `error`.
        if !clean && !self.error_dispatched.get() && !retrying {
            self.error_dispatched.set(true);
            self.dispatch(EventKind::Error, EventFields::default());
        }
        if let Some(settings) = &self.reconnect {
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
        drop(std::mem::take(&mut *self.listeners.borrow_mut()));
        let weak = Rc::downgrade(self);
        let timer = Timeout::new((delay * 1000.0).round() as u32, move || {
            if let Some(shared) = weak.upgrade() {
                shared.reconnect_now();
            }
        });
        *self.phase.borrow_mut() = Phase::Backoff { attempt, timer };
    }

    fn reconnect_now(self: &Rc<Self>) {
        let attempt = match &*self.phase.borrow() {
            Phase::Backoff { attempt, .. } => *attempt,
            _ => return,
        };
        // This runs inside the timer's own callback: keep it until the end.
        let _fired = self.phase.replace(Phase::Connecting { attempt });
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
        // Replacing a `Backoff` phase clears its timer.
        *self.phase.borrow_mut() = Phase::Closed {
            event: kept.clone(),
        };
        self.dispatch(EventKind::Close, fields);
        self.waiters.borrow_mut().settle_all(&kept);
        self.release();
    }

    /// The socket was dropped (`free()`): nobody can hear from its
    /// connection again, so a live one is closed with 1000, as the page's
    /// own `close()` would (the browser ignores this for a connection
    /// already closing), and everything is let go. A reconnection wait's
    /// timer goes with this state, which only the socket held strongly.
    pub(crate) fn abandon(&self) {
        if self.phase.borrow().is_live() {
            let _ = self.ws.borrow().close(CLOSE_NORMAL, None);
        }
        self.release();
    }

    /// Drops everything the socket holds for its user: listeners, timers,
    /// handlers and the target. Called once the connection has closed for
    /// good, and on drop.
    fn release(&self) {
        drop(std::mem::take(&mut *self.listeners.borrow_mut()));
        if let Transport::Stream(stream) = &*self.ws.borrow() {
            stream.wake(); // lets a paused read loop end
        }
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
}
