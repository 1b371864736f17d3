//! The callbacks the socket hands the browser, each owned by a Rust value
//! that takes it back when dropped: an event listener, and a timer.
//!
//! What `gloo-events` and `gloo-timers` offer, cut to what the socket uses:
//! their options objects and their `FnOnce` timeouts cost wasm size.

use wasm_bindgen::prelude::*;
use web_sys::{Event, EventTarget};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &JsValue, millis: i32) -> JsValue;

    #[wasm_bindgen(js_name = setInterval)]
    fn set_interval(handler: &JsValue, millis: i32) -> JsValue;

    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);

    #[wasm_bindgen(js_name = clearInterval)]
    fn clear_interval(id: &JsValue);
}

/// A listener for one event type on a browser object, removed when dropped.
#[derive(Debug)]
pub(crate) struct Listener {
    target: EventTarget,
    kind: &'static str,
    callback: Closure<dyn FnMut(&Event)>,
}

impl Listener {
    /// Calls `callback` with each `kind` event `target` fires.
    pub(crate) fn new(
        target: &EventTarget,
        kind: &'static str,
        callback: impl FnMut(&Event) + 'static,
    ) -> Listener {
        let callback = Closure::<dyn FnMut(&Event)>::new(callback);
        // Adding a listener to a live WebSocket cannot throw.
        let _ = target.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref());
        Listener {
            target: target.clone(),
            kind,
            callback,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        // Dropped from inside its own call (a close listener that ends the
        // socket), the closure is freed once that call returns.
        let function = self.callback.as_ref().unchecked_ref();
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, function);
    }
}

/// A `setTimeout` or `setInterval` timer, cleared when dropped.
#[derive(Debug)]
pub(crate) struct Timer {
    id: JsValue,
    repeats: bool,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    /// Calls `callback` once, after `millis` milliseconds.
    pub(crate) fn once(millis: u32, callback: impl FnMut() + 'static) -> Timer {
        Timer::start(millis, false, callback)
    }

    /// Calls `callback` every `millis` milliseconds.
    pub(crate) fn every(millis: u32, callback: impl FnMut() + 'static) -> Timer {
        Timer::start(millis, true, callback)
    }

    fn start(millis: u32, repeats: bool, callback: impl FnMut() + 'static) -> Timer {
        let callback = Closure::<dyn FnMut()>::new(callback);
        // Wrapping as gloo-timers did, so the same delays reach the browser.
        let millis = millis as i32;
        let id = if repeats {
            set_interval(callback.as_ref(), millis)
        } else {
            set_timeout(callback.as_ref(), millis)
        };
        Timer {
            id,
            repeats,
            _callback: callback,
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        // As for a listener, a timer dropped from its own callback is freed
        // once that call returns.
        if self.repeats {
            clear_interval(&self.id);
        } else {
            clear_timeout(&self.id);
        }
    }
}
