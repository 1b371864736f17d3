//! How the core talks to whoever uses it: a Python interpreter's adapter, or
//! plain JavaScript.
//!
//! The core never knows which interpreter it serves. An adapter hands it a
//! [`HostHooks`] object that turns browser data into the interpreter's `str`
//! and `bytes`, builds the event object handlers receive, and calls a
//! handler the way that interpreter calls things (arity, `async def`,
//! tracebacks). Without hooks the core serves plain JavaScript.
//!
//! Which adapters are compiled in is chosen by the crate's features,
//! `brython` and `python` (both by default), so that each interpreter's
//! package carries only its own adapter; with `loader`, the package's JS
//! loader installs its adapter and takes the socket constructor from
//! `adapterOpen()`.

#[cfg(test)]
mod api;
#[cfg(feature = "brython")]
mod brython;
#[cfg(test)]
mod literal;
#[cfg(test)]
mod minify;
#[cfg(test)]
mod modules;
#[cfg(feature = "python")]
mod python;

use std::cell::OnceCell;

use js_sys::{Array, Function, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::events::{EventKind, Handler};
use crate::options::Options;
use crate::Socket;

/// What the adapters need of the Python packages pyws adds (`src/python/`:
/// `websockets`, `websocket`; `src/brython/`: Brython's `asyncio`) before their first
/// import, as JSON: their top-level names and the `.dist-info` (see
/// `modules.rs`). Their sources are in `pyws_modules.json`, fetched at that
/// import (see `modules.js`). One constant, so a package with both adapters
/// carries it once.
#[cfg(any(feature = "brython", feature = "python"))]
const MODULES: &str = include_str!(concat!(env!("OUT_DIR"), "/modules.json"));

#[cfg(any(feature = "brython", feature = "python"))]
#[wasm_bindgen(module = "/src/host/modules.js")]
extern "C" {
    /// Where the adapters get the packages' sources: `pyws_modules.json`
    /// at `url`, or beside this module.
    #[wasm_bindgen(js_name = moduleSource)]
    fn module_source(url: Option<String>) -> JsValue;
}

#[wasm_bindgen]
extern "C" {
    /// The hooks a host adapter supplies; see the module documentation.
    ///
    /// In JavaScript: an object with methods `event(type, target, data,
    /// code, reason, wasClean, unsent, attempt, delay)`, `call(handler,
    /// arity, event)` and `release(value)` (for each handler and target the
    /// core lets go of), and optionally `takesData: true`. A message's
    /// `data` is a JS string or a `Uint8Array`, which the adapter turns into
    /// the interpreter's `str` or `bytes` (in `event`, or in the Python its
    /// `call` runs): no separate conversion hook, one call into JS a message
    /// fewer. With `takesData: true` the core calls a message's handlers
    /// itself with the data ([`Host::DataHooks`]) and uses `event` and
    /// `call` for the other events only. `call` (and a handler the core
    /// calls itself) must report a failing handler itself and return
    /// normally.
    #[derive(Debug, Clone)]
    pub type HostHooks;

    #[wasm_bindgen(method, catch)]
    #[allow(clippy::too_many_arguments)]
    fn event(
        this: &HostHooks,
        kind: &JsValue,
        target: &JsValue,
        data: &JsValue,
        code: Option<u16>,
        reason: &JsValue,
        was_clean: Option<bool>,
        unsent: Option<u32>,
        attempt: Option<u32>,
        delay: Option<f64>,
    ) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch)]
    fn call(this: &HostHooks, handler: &JsValue, arity: u8, event: &JsValue)
        -> Result<(), JsValue>;

    #[wasm_bindgen(method)]
    fn release(this: &HostHooks, value: &JsValue);

    /// Whether the adapter's message handlers take the message's data
    /// itself (see [`Host::message_argument`]): `true` in `takesData`.
    #[wasm_bindgen(method, getter, js_name = takesData)]
    fn takes_data(this: &HostHooks) -> Option<bool>;

    /// `console.error(message, error)`.
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    pub(crate) fn console_error(message: &str, error: &JsValue);
}

#[wasm_bindgen(inline_js = r#"
export function plain_hooks() {
  return {
    event(type, target, data, code, reason, wasClean, unsent, attempt, delay) {
      const event = { type, target };
      if (type === "message") event.data = data;
      if (type === "close" || type === "reconnect") Object.assign(event, { code, reason });
      if (type === "close") Object.assign(event, { wasClean, unsent });
      if (type === "reconnect") Object.assign(event, { attempt, delay });
      return event;
    },
  };
}
"#)]
extern "C" {
    /// Plain JavaScript's hooks, of which only `event` is used: `type` and
    /// `target`, `data` for messages, `code` and `reason` for close and
    /// reconnect events, `wasClean` and `unsent` for close events, `attempt`
    /// and `delay` for reconnect events. Built in JS: setting each field
    /// from Rust decoded its name (`TextDecoder`) at every event, which cost
    /// more than the rest of the dispatch.
    fn plain_hooks() -> HostHooks;
}

thread_local! {
    static PLAIN: HostHooks = plain_hooks();
}

/// What an event carries besides its kind and target.
#[derive(Debug, Default, Clone)]
pub struct EventFields {
    /// The message: as the browser gave it, then a string or a `Uint8Array`
    /// (see [`message_data`]), which the host's `event` hook converts.
    pub data: JsValue,
    /// The close code.
    pub code: Option<u16>,
    /// The close reason.
    pub reason: JsValue,
    /// Whether the closing handshake completed.
    pub was_clean: Option<bool>,
    /// How many queued messages were never sent.
    pub unsent: Option<u32>,
    /// Which reconnection attempt comes next (1 for the first).
    pub attempt: Option<u32>,
    /// Seconds until that attempt.
    pub delay: Option<f64>,
}

/// A message's data as hosts receive it: a text frame arrives as a JS
/// string and stays one, a binary frame as an `ArrayBuffer` (the core sets
/// `binaryType`) or, from a `WebSocketStream`, as bytes, and becomes a
/// `Uint8Array` over them.
pub fn message_data(data: JsValue) -> JsValue {
    if data.is_string() {
        data
    } else {
        Uint8Array::new(&data).into()
    }
}

/// The user of a socket.
#[derive(Debug, Clone)]
pub enum Host {
    /// Plain JavaScript: data stays a `string` or `Uint8Array`, events are
    /// plain objects and handlers are functions called with the event.
    Js,
    /// A Python interpreter, through its adapter's hooks.
    Hooks(HostHooks),
    /// A Python interpreter whose adapter's message handlers are functions
    /// the core calls itself with the data: `handler(text)` for a text
    /// message, `handler(undefined, bytes)` for a binary one (a
    /// `Uint8Array`), and that never throw. One call from the core into the
    /// interpreter per handler and message, where [`Host::Hooks`] makes two
    /// calls into JS (`event`, then `call`) and an event object; its other
    /// events go through the hooks as [`Host::Hooks`]'s do.
    DataHooks(HostHooks),
}

impl Host {
    /// The host for an adapter's `hooks`: [`Host::DataHooks`] if they say
    /// `takesData: true`.
    pub fn of(hooks: HostHooks) -> Host {
        if hooks.takes_data() == Some(true) {
            Host::DataHooks(hooks)
        } else {
            Host::Hooks(hooks)
        }
    }

    /// Whether [`Host::message_argument`] is the message's event.
    pub fn message_argument_is_event(&self) -> bool {
        !matches!(self, Host::DataHooks(_))
    }

    /// What a message's handlers are called with: its event, or for
    /// [`Host::DataHooks`] its data (converted by [`message_data`]).
    pub fn message_argument(&self, target: &JsValue, data: JsValue) -> Option<JsValue> {
        match self {
            Host::DataHooks(_) => Some(message_data(data)),
            _ => self.event(
                EventKind::Message,
                target,
                EventFields::from(message_data(data)),
            ),
        }
    }

    /// Builds the event object handlers receive; `None` (reported on the
    /// console) if the adapter failed to.
    pub fn event(&self, kind: EventKind, target: &JsValue, fields: EventFields) -> Option<JsValue> {
        let build = |hooks: &HostHooks| {
            kind.with_js_name(|name| {
                hooks.event(
                    name,
                    target,
                    &fields.data,
                    fields.code,
                    &fields.reason,
                    fields.was_clean,
                    fields.unsent,
                    fields.attempt,
                    fields.delay,
                )
            })
        };
        match self {
            Host::Hooks(hooks) | Host::DataHooks(hooks) => build(hooks),
            Host::Js => PLAIN.with(build),
        }
        .map_err(|err| console_error("pyws: the adapter could not build an event", &err))
        .ok()
    }

    /// Calls one handler of `kind` with `event` (for a message, what
    /// [`Host::message_argument`] gave). A handler (or adapter) that throws
    /// is reported on the console and does not stop the others.
    pub fn call(&self, kind: EventKind, handler: &Handler, event: &JsValue) {
        match self {
            Host::DataHooks(_) if kind == EventKind::Message => {
                let function: &Function = handler.callable.unchecked_ref();
                let called = if event.is_string() {
                    function.call1(&JsValue::UNDEFINED, event)
                } else {
                    function.call2(&JsValue::UNDEFINED, &JsValue::UNDEFINED, event)
                };
                if let Err(err) = called {
                    console_error("pyws: the adapter failed to call a handler", &err);
                }
            }
            Host::Hooks(hooks) | Host::DataHooks(hooks) => {
                if let Err(err) = hooks.call(&handler.callable, handler.arity, event) {
                    console_error("pyws: the adapter failed to call a handler", &err);
                }
            }
            Host::Js => {
                let function: &Function = handler.callable.unchecked_ref();
                if let Err(error) = function.call1(&JsValue::UNDEFINED, event) {
                    console_error("pyws: an event handler threw", &error);
                }
            }
        }
    }

    /// Tells the host the core no longer holds `value` (a handler's
    /// callable, or the socket's target).
    pub fn release(&self, value: &JsValue) {
        if let Host::Hooks(hooks) | Host::DataHooks(hooks) = self {
            hooks.release(value);
        }
    }
}

type OpenFn = dyn Fn(String, Array, HostHooks, JsValue, JsValue) -> Result<JsValue, JsValue>;

thread_local! {
    /// The socket constructor handed to adapters. Adapters are JS snippets
    /// that cannot import the generated glue, so they get this function
    /// instead; made at the first install, it lives as long as the module,
    /// owned here. (A `const`-initialised cell: a lazily initialised thread
    /// local brings std's initialisation checks and their panics.)
    static OPEN: OnceCell<Closure<OpenFn>> = const { OnceCell::new() };
}

/// The socket constructor for adapters, made at the first install.
#[cfg_attr(
    not(any(feature = "brython", feature = "python", feature = "loader")),
    allow(dead_code)
)]
fn adapter_open() -> Function {
    OPEN.with(|open| {
        let open = open.get_or_init(|| Closure::new(open_for_adapter));
        open.as_ref().unchecked_ref::<Function>().clone()
    })
}

/// The socket constructor adapters call, `open(url, protocols, hooks,
/// target, options)`, for a JS loader that installs its adapter itself (the
/// `loader` feature: `pkg/pyws_brython.js`, which passes it to Brython's
/// adapter and instantiates this module at the first `websocket()` call).
#[cfg(feature = "loader")]
#[wasm_bindgen(js_name = adapterOpen, skip_typescript)]
pub fn adapter_open_for_loader() -> Function {
    adapter_open()
}

fn open_for_adapter(
    url: String,
    protocols: Array,
    hooks: HostHooks,
    target: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let mut names = Vec::new();
    for protocol in protocols.iter() {
        names.extend(protocol.as_string());
    }
    Options::from_js(&options)
        .and_then(|options| Socket::open(&url, &names, Host::of(hooks), target, options))
        .map(JsValue::from)
        .map_err(JsValue::from)
}

/// Installs `websocket` into `runtime`'s builtins, the packages' sources
/// to come from `modules` (a URL of `pyws_modules.json`) or beside this
/// module; see [`crate::install`].
///
/// # Errors
/// A JS `TypeError` naming what this build accepts when `runtime` is not
/// one of the interpreters compiled in.
pub fn install(runtime: &JsValue, modules: Option<String>) -> Result<(), JsValue> {
    #[cfg(any(feature = "brython", feature = "python"))]
    let source = module_source(modules);
    #[cfg(feature = "brython")]
    if brython::is_brython(runtime) {
        return brython::install(runtime, &adapter_open(), &source);
    }
    #[cfg(feature = "python")]
    if python::install(runtime, &adapter_open(), &source)? {
        return Ok(());
    }
    #[cfg(not(any(feature = "brython", feature = "python")))]
    let _ = modules;
    let _ = runtime;
    Err(js_sys::TypeError::new(EXPECTED).into())
}

/// What [`install`] says it expected, by the adapters compiled in.
const EXPECTED: &str = if cfg!(all(feature = "brython", feature = "python")) {
    "pyws install(): expected a Python runtime: Brython's __BRYTHON__, \
     the object loadPyodide() returns, or the one loadMicroPython() returns"
} else if cfg!(feature = "brython") {
    "pyws install(): expected Brython's __BRYTHON__ \
     (this is pyws for Brython; Pyodide and MicroPython load pyws_python.js)"
} else if cfg!(feature = "python") {
    "pyws install(): expected the object loadPyodide() or loadMicroPython() \
     returns (this is pyws for Pyodide and MicroPython; Brython loads pyws_brython.js)"
} else {
    "pyws install(): this build of pyws has no interpreter adapter"
};
