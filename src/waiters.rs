//! What the async API waits on: received messages nobody has read yet, and
//! the promises `recv()`, `readable()`, `opened()`, `wait_closed()` and
//! `drain()` return.
//!
//! Every promise is settled with a value, never rejected: with `true` when
//! what it waited for happened, with the message for `recv()`, and with the
//! close event when the socket closed first. (MicroPython cannot catch a JS
//! exception, so adapters turn that close event into the Python exception.)

use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Function, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::cell::RefCell;

/// A new promise and the function that resolves it.
pub(crate) fn promise() -> (Promise, Function) {
    let mut resolve: Function = JsValue::UNDEFINED.unchecked_into();
    // The executor runs before `Promise::new` returns.
    let promise = Promise::new(&mut |res, _reject| resolve = res);
    (promise, resolve)
}

/// Resolves a promise made by [`promise`].
pub(crate) fn settle(resolve: &Function, value: &JsValue) {
    // Resolving only queues the promise's reactions; it cannot throw.
    let _ = resolve.call1(&JsValue::UNDEFINED, value);
}

/// Calls `then` with the outcome of `promise` once it settles: `Ok` with
/// the value it resolved with, `Err` with the reason it was rejected with.
///
/// The two callbacks handed to `promise.then` own each other until one of
/// them runs, which frees both; so nothing is freed while the promise may
/// still call it, and a promise that never settles keeps them, as an
/// awaited `JsFuture` would.
pub(crate) fn when_settled(promise: &Promise, then: impl FnOnce(Outcome) + 'static) {
    let pending = Rc::new(RefCell::new(Pending {
        then: Some(Box::new(then)),
        callbacks: None,
    }));
    let callback = |fulfilled: bool| {
        let pending = pending.clone();
        Closure::new(move |value: JsValue| {
            let (then, callbacks) = {
                let mut pending = pending.borrow_mut();
                (pending.then.take(), pending.callbacks.take())
            };
            if let Some(then) = then {
                then(if fulfilled { Ok(value) } else { Err(value) });
            }
            // Freed here, inside one of them: wasm-bindgen defers that
            // until this call returns.
            drop(callbacks);
        })
    };
    let callbacks = (callback(true), callback(false));
    let _ = promise.then2(&callbacks.0, &callbacks.1);
    pending.borrow_mut().callbacks = Some(callbacks);
}

/// How a promise settled: fulfilled with a value, or rejected with a reason.
pub(crate) type Outcome = Result<JsValue, JsValue>;

/// A callback handed to `promise.then`.
type Callback = Closure<dyn FnMut(JsValue)>;

/// What [`when_settled`] keeps until the promise settles.
struct Pending {
    then: Option<Box<dyn FnOnce(Outcome)>>,
    callbacks: Option<(Callback, Callback)>,
}

/// The socket's readers and waiters.
#[derive(Debug, Default)]
pub(crate) struct Waiters {
    /// Received messages, as the browser gave them, that `recv()` has not
    /// returned yet; oldest first.
    pub unread: VecDeque<JsValue>,
    /// Set once `recv()` has been used: from then on every message is kept
    /// for it, even when handlers take it too. Before, only messages no
    /// handler takes are kept.
    pub reading: bool,
    /// `recv()` calls waiting for a message, oldest first.
    pub recv: VecDeque<Function>,
    /// `readable()` calls, woken together when a message is unread or the
    /// socket has closed. Adapters use these, then `poll()`: a caller that
    /// gives up waiting (an asyncio cancellation) takes nothing with it.
    pub readable: Vec<Function>,
    /// `opened()` calls waiting for the connection.
    pub opened: Vec<Function>,
    /// `wait_closed()` calls.
    pub closed: Vec<Function>,
    /// `drain(limit)` calls, with their limits.
    pub drain: Vec<(f64, Function)>,
}

impl Waiters {
    /// Wakes every `readable()` call.
    pub fn wake_readers(&mut self) {
        for resolve in std::mem::take(&mut self.readable) {
            settle(&resolve, &JsValue::TRUE);
        }
    }

    /// Settles every waiter with `value` (the close event).
    pub fn settle_all(&mut self, value: &JsValue) {
        // Taken whole rather than drained: `drain(..)` brings range checks
        // and their panics into the wasm. One loop each, in this order:
        // chained iterators cost more code.
        for resolve in std::mem::take(&mut self.recv) {
            settle(&resolve, value);
        }
        let settle_each = |resolvers: Vec<Function>| {
            for resolve in resolvers {
                settle(&resolve, value);
            }
        };
        settle_each(std::mem::take(&mut self.readable));
        settle_each(std::mem::take(&mut self.opened));
        settle_each(std::mem::take(&mut self.closed));
        for (_, resolve) in std::mem::take(&mut self.drain) {
            settle(&resolve, value);
        }
    }
}
