//! Events and their handlers: building the event object the host wants,
//! calling the handlers registered for it, and handing each message to its
//! handlers or keeping it for `recv()`.

use wasm_bindgen::JsValue;

use super::Shared;
use crate::events::{EventKind, Handler};
use crate::host::{self, EventFields};
use crate::waiters;

impl Shared {
    /// Hands a message to the handlers, and keeps it for `recv()` when no
    /// handler takes it or once `recv()` is in use.
    pub(crate) fn on_message(&self, data: JsValue) {
        let handlers = self.handlers.borrow_mut().for_dispatch(EventKind::Message);
        let keep = handlers.is_empty() || self.waiters.borrow().reading;
        if !keep {
            // The common case: handlers take it, and nothing keeps it.
            if let Some(argument) = self.message_argument(data) {
                self.call_handlers(EventKind::Message, &handlers, &argument);
            }
            return;
        }
        let mut event = None;
        if !handlers.is_empty() {
            let argument = self.message_argument(data.clone());
            if let Some(argument) = &argument {
                self.call_handlers(EventKind::Message, &handlers, argument);
            }
            // recv() takes the event, built once for both where it is one.
            if self.host.message_argument_is_event() {
                event = argument;
            }
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

    /// The event object for `kind`, as the host builds it; a message's data
    /// is converted for the host here. `None` (reported on the console) if
    /// the adapter failed.
    pub(crate) fn event(
        &self,
        kind: EventKind,
        data_or_fields: impl Into<EventFields>,
    ) -> Option<JsValue> {
        let mut fields: EventFields = data_or_fields.into();
        if kind == EventKind::Message {
            fields.data = host::message_data(fields.data);
        }
        // Borrowed, not cloned, for the call: building an event runs no
        // user code, so nothing replaces the target meanwhile.
        let target = self.target.borrow();
        self.host.event(kind, &target, fields)
    }

    /// What a message's handlers are called with (see
    /// [`host::Host::message_argument`]); `None` (reported on the console)
    /// if the adapter failed to build it.
    fn message_argument(&self, data: JsValue) -> Option<JsValue> {
        // Borrowed, as in `event`.
        let target = self.target.borrow();
        self.host.message_argument(&target, data)
    }

    /// Calls every handler for `kind` with one event object, built only when
    /// someone listens.
    pub(super) fn dispatch(&self, kind: EventKind, fields: EventFields) {
        let handlers = self.handlers.borrow_mut().for_dispatch(kind);
        if handlers.is_empty() {
            return;
        }
        let Some(event) = self.event(kind, fields) else {
            return;
        };
        self.call_handlers(kind, &handlers, &event);
    }

    /// Calls `handlers` (the snapshot taken before the first call) in order. As
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
            self.host.call(kind, handler, event);
        }
    }
}

impl From<JsValue> for EventFields {
    fn from(data: JsValue) -> EventFields {
        EventFields {
            data,
            ..EventFields::default()
        }
    }
}
