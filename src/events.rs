//! The socket's events and the handlers registered for each: the four the
//! browser fires, and `reconnect`, which pyws fires itself.
//!
//! Each event has one attribute slot (`on_open`, …) and a list of handlers
//! added with `bind`. Dispatch calls the slot first, then the bound handlers in
//! the order they were added.

use std::rc::Rc;

use wasm_bindgen::JsValue;

use crate::Error;

/// An event a socket dispatches to its handlers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// The connection is established.
    Open,
    /// A message arrived.
    Message,
    /// The connection failed or was dropped.
    Error,
    /// The connection is closed.
    Close,
    /// The connection was lost and pyws will try again (only with
    /// reconnection turned on).
    Reconnect,
}

impl EventKind {
    /// All kinds, in the order their slots are stored.
    pub const ALL: [EventKind; 5] = [
        EventKind::Open,
        EventKind::Message,
        EventKind::Error,
        EventKind::Close,
        EventKind::Reconnect,
    ];

    /// The kinds the browser fires, which the socket listens for.
    pub const BROWSER: [EventKind; 4] = [
        EventKind::Open,
        EventKind::Message,
        EventKind::Error,
        EventKind::Close,
    ];

    /// The event type: `"open"`, `"message"`, `"error"`, `"close"` or
    /// `"reconnect"`.
    pub fn name(self) -> &'static str {
        match self {
            EventKind::Open => "open",
            EventKind::Message => "message",
            EventKind::Error => "error",
            EventKind::Close => "close",
            EventKind::Reconnect => "reconnect",
        }
    }

    /// Calls `f` with [`name`](Self::name) as a JS string, made once per
    /// kind: a `&str` handed to JS is decoded (`TextDecoder`) at every
    /// call, which cost more per message than the rest of the core's
    /// dispatch (and a clone of it would take a slot of the externref
    /// table each time).
    pub fn with_js_name<R>(self, f: impl FnOnce(&JsValue) -> R) -> R {
        NAMES.with(|names| f(&names[self.index()]))
    }

    /// Parses an event type name, as given to `bind` and `unbind`.
    ///
    /// # Errors
    /// [`Error::InvalidEvent`] for any other name.
    pub fn from_name(name: &str) -> Result<EventKind, Error> {
        for kind in EventKind::ALL {
            if kind.name() == name {
                return Ok(kind);
            }
        }
        Err(Error::InvalidEvent(name.to_owned()))
    }

    fn index(self) -> usize {
        self as usize
    }
}

thread_local! {
    static NAMES: [JsValue; 5] = EventKind::ALL.map(|kind| JsValue::from_str(kind.name()));
}

/// A handler and how many arguments it takes (0 or 1), decided by the host
/// when the handler is registered.
#[derive(Debug, Clone)]
pub struct Handler {
    /// The host's callable.
    pub callable: JsValue,
    /// 1 if the callable takes the event, 0 if it takes nothing.
    pub arity: u8,
}

/// The handlers registered on one socket.
#[derive(Debug, Default)]
pub struct Handlers {
    slots: [Option<Handler>; 5],
    bound: [Vec<Handler>; 5],
    /// Counts every handler replaced or removed, so dispatch knows when it
    /// must check that the next handler is still registered.
    removals: u64,
    /// What [`for_dispatch`](Self::for_dispatch) gives for each kind, made
    /// at the first dispatch after the kind's handlers changed: a message
    /// costs no copy of them.
    snapshots: [Option<Rc<[Handler]>>; 5],
}

impl Handlers {
    /// The attribute handler (`on_open`, …) for `kind`, if set.
    pub fn slot(&self, kind: EventKind) -> Option<&Handler> {
        self.slots[kind.index()].as_ref()
    }

    /// Sets or clears the attribute handler, returning the one it replaces.
    pub fn set_slot(&mut self, kind: EventKind, handler: Option<Handler>) -> Option<Handler> {
        self.snapshots[kind.index()] = None;
        let old = std::mem::replace(&mut self.slots[kind.index()], handler);
        self.removals += u64::from(old.is_some());
        old
    }

    /// How many handlers have been replaced or removed so far.
    pub fn removals(&self) -> u64 {
        self.removals
    }

    /// Whether `callable` is registered for `kind`, as the slot or bound.
    pub fn contains(&self, kind: EventKind, callable: &JsValue) -> bool {
        let same = |h: &Handler| js_sys::Object::is(&h.callable, callable);
        self.slots[kind.index()].as_ref().is_some_and(same)
            || self.bound[kind.index()].iter().any(same)
    }

    /// The handlers added with `bind` for `kind`, in order.
    pub fn bound(&self, kind: EventKind) -> &[Handler] {
        &self.bound[kind.index()]
    }

    /// Adds a handler called after the attribute handler and earlier binds.
    pub fn bind(&mut self, kind: EventKind, handler: Handler) {
        self.snapshots[kind.index()] = None;
        self.bound[kind.index()].push(handler);
    }

    /// Removes the bound handlers equal to `callable` (all of them when
    /// `None`), returning what was removed so the host can release it.
    pub fn unbind(&mut self, kind: EventKind, callable: Option<&JsValue>) -> Vec<Handler> {
        let removed = self.unbind_inner(kind, callable);
        self.removals += removed.len() as u64;
        removed
    }

    fn unbind_inner(&mut self, kind: EventKind, callable: Option<&JsValue>) -> Vec<Handler> {
        self.snapshots[kind.index()] = None;
        let list = &mut self.bound[kind.index()];
        match callable {
            None => std::mem::take(list),
            Some(callable) => {
                let (removed, kept) = std::mem::take(list)
                    .into_iter()
                    .partition(|h| js_sys::Object::is(&h.callable, callable));
                *list = kept;
                removed
            }
        }
    }

    /// The handlers to call for `kind`, in order: a snapshot, so handlers
    /// may change the registrations while they run. Made once per change of
    /// `kind`'s handlers and shared by every dispatch until the next.
    pub fn for_dispatch(&mut self, kind: EventKind) -> Rc<[Handler]> {
        let (slot, bound) = (&self.slots[kind.index()], &self.bound[kind.index()]);
        self.snapshots[kind.index()]
            .get_or_insert_with(|| slot.iter().chain(bound).cloned().collect())
            .clone()
    }

    /// Removes every handler, returning them so the host can release them.
    pub fn take_all(&mut self) -> Vec<Handler> {
        self.snapshots = Default::default();
        let mut all = Vec::new();
        for slot in &mut self.slots {
            all.extend(slot.take());
        }
        for list in &mut self.bound {
            all.append(list);
        }
        self.removals += all.len() as u64;
        all
    }
}
