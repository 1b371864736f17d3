//! How fast data moves: the send queue of a socket that is not open yet,
//! `drain()`'s wait for the browser's buffer to empty, and pausing a
//! `WebSocketStream`'s reads while `max_queue` messages are unread.

use std::rc::Rc;

use gloo_timers::callback::Interval;
use js_sys::Promise;
use wasm_bindgen::JsValue;

use super::phase::Phase;
use super::Shared;
use crate::host::console_error;
use crate::transport::{self, Transport, CONNECTING, OPEN};
use crate::waiters;
use crate::Error;

/// How often `drain()` looks at `bufferedAmount`: the browser fires no event
/// when it falls.
const DRAIN_POLL_MS: u32 = 4;

impl Shared {
    /// Sends `data` (a string or bytes) on an open connection, or queues it
    /// while connecting.
    ///
    /// # Errors
    /// [`Error::Closed`] once closing or closed, [`Error::QueueFull`] when
    /// reconnection's queue limit is reached, [`Error::Browser`] if the
    /// browser refuses the message.
    pub(crate) fn send(&self, data: JsValue) -> Result<(), Error> {
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

    /// Sends what was queued while connecting, in order.
    pub(super) fn flush_pending(&self) {
        let pending = std::mem::take(&mut *self.pending.borrow_mut());
        let ws = self.ws.borrow();
        for data in pending {
            if let Err(err) = ws.send(&data) {
                console_error("pyws: a queued message could not be sent", &err);
            }
        }
    }

    /// A promise resolved with `true` once [`drained`](Self::drained) to
    /// `limit`, or with the close event; polls while any such call waits.
    pub(crate) fn drain(self: &Rc<Self>, limit: f64) -> Promise {
        if let Some(event) = self.close_event() {
            return Promise::resolve(&event);
        }
        if self.drained(limit) {
            return Promise::resolve(&JsValue::TRUE);
        }
        let (promise, resolve) = waiters::promise();
        self.waiters.borrow_mut().drain.push((limit, resolve));
        if self.drain_timer.borrow().is_none() {
            let weak = Rc::downgrade(self);
            let interval = Interval::new(DRAIN_POLL_MS, move || {
                if let Some(shared) = weak.upgrade() {
                    shared.check_drain();
                }
            });
            *self.drain_timer.borrow_mut() = Some(interval);
        }
        promise
    }

    /// Whether everything sent so far has left: nothing queued, no
    /// reconnection pending, and at most `limit` bytes in the browser's
    /// buffer.
    fn drained(&self, limit: f64) -> bool {
        self.pending.borrow().is_empty()
            && !matches!(*self.phase.borrow(), Phase::Backoff { .. })
            && self.ws.borrow().buffered_amount() <= limit
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

    /// Whether the read loop should pause: `max_queue` messages unread.
    pub(crate) fn queue_full(&self) -> bool {
        self.max_queue
            .is_some_and(|limit| self.waiters.borrow().unread.len() >= limit)
    }

    /// Wakes a paused read loop once there is room in the queue.
    pub(crate) fn resume_reading(&self) {
        if let Transport::Stream(stream) = &*self.ws.borrow() {
            if !self.queue_full() {
                stream.wake();
            }
        }
    }
}
