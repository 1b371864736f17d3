//! The names, messages and settings of the Python-visible API, once for
//! every adapter.
//!
//! Brython's adapter is JavaScript (`brython.js`) and Pyodide's and
//! MicroPython's is Python (`websocket.py`, `install.py`): running the same
//! Python in Brython would cost each page 55–150 ms at its first socket
//! (Brython compiles `websocket.py` to JS) and each message about 5 µs
//! (docs/internals.md). So what both must say the same way lives here, and
//! `build.rs` writes it out for each: `api.py`, Python literals the shim
//! starts with, and `api.json`, which the Brython adapter receives at
//! install. A docstring of the shim that reads `"""pyws:doc:NAME"""` is
//! replaced by [`DOCS`]' `NAME` when the shim is built.
//!
//! A message is a template: each `{name}` in it is replaced by the value the
//! adapter gives for `name` (`{type}` is always the offending value's type
//! name). The rules themselves (which URLs, codes, reasons and settings are
//! valid) and their messages live in the core (`rules.rs`, `error.rs`); these
//! are the checks an adapter makes on Python values before the core sees
//! them.

use super::literal::quote;

/// Each message an adapter raises, by key.
pub const MESSAGES: &[(&str, &str)] = &[
    ("callable", "{name} must be callable{or_none}, not '{type}'"),
    (
        "arity",
        "{name} must take zero or one argument (the event), but {function}() requires {required}",
    ),
    (
        "send_type",
        "send() takes str or a bytes-like object (bytes, bytearray, memoryview), not '{type}'",
    ),
    (
        "close_code_type",
        "close() code must be an int or None, not '{type}'",
    ),
    (
        "close_reason_type",
        "close() reason must be a str or None, not '{type}'",
    ),
    ("event_type", "{method}() event must be a str, not '{type}'"),
    (
        "drain_type",
        "drain() limit must be a number of bytes, not '{type}'",
    ),
    (
        "drain_value",
        "drain() limit must be 0 or more bytes, not {value}",
    ),
    ("url_type", "websocket() url must be a str, not '{type}'"),
    (
        "protocol_type",
        "websocket() protocols must be str, not '{type}'",
    ),
    (
        "protocols_type",
        "websocket() protocols must be a str, a list of str or None, not '{type}'",
    ),
    (
        "max_queue_type",
        "websocket() max_queue must be an int or None, not '{type}'",
    ),
    (
        "reconnect_type",
        "websocket() reconnect must be True, False or a dict of settings, not '{type}'",
    ),
    (
        "reconnect_unknown",
        "websocket() got an unknown reconnect setting {name}; expected one of {settings}",
    ),
    (
        "reconnect_value",
        "reconnect setting {name} must be a number or None, not '{type}'",
    ),
    ("no_attribute", "'{type}' events have no attribute '{name}'"),
    (
        "read_only",
        "attribute '{name}' of '{type}' objects is not writable",
    ),
    ("closed", "WebSocket closed with code {code}"),
    ("closed_reason", " and reason '{reason}'"),
    ("closed_unclean", " (not clean)"),
    ("internal", "pyws internal error: {error}"),
    ("socket_repr", "<WebSocket url='{url}' {state}>"),
    ("event_repr", "<WebSocketEvent type='{type}'>"),
];

/// The docstrings of the builtins, by name.
pub const DOCS: &[(&str, &str)] = &[
    (
        "websocket",
        "websocket(url, protocols=None, reconnect=False, max_queue=None) -> WebSocket\n\n\
         Open a WebSocket connection (pyws). reconnect=True, or a dict of settings (delay, factor,\n\
         max_delay, jitter, attempts, queue), reconnects after a lost connection. max_queue=N\n\
         pauses reading while N received messages wait for recv(), where the browser can.",
    ),
    (
        "ConnectionClosed",
        "Raised by recv(), opened() and drain() once the WebSocket has closed; code, reason \
         and was_clean describe the close. ConnectionClosedOK for a clean close with one of \
         the OK codes, ConnectionClosedError otherwise.",
    ),
    ("ConnectionClosedOK", "The WebSocket closed normally."),
    (
        "ConnectionClosedError",
        "The WebSocket closed with an error, or was dropped.",
    ),
];

/// The close codes of a clean close that `ConnectionClosedOK` stands for:
/// normal closure, going away, and no status given.
pub const OK_CLOSE_CODES: &[u16] = &[1000, 1001, 1005];

/// The names of `ready_state`'s values, in order.
pub const STATES: &[&str] = &["CONNECTING", "OPEN", "CLOSING", "CLOSED"];

/// The kinds of event, each with an `on_<kind>` handler attribute.
pub const KINDS: &[&str] = &["open", "message", "error", "close", "reconnect"];

/// The fields each kind of event carries besides `type` and `target`.
pub const EVENT_FIELDS: &[(&str, &[&str])] = &[
    ("open", &[]),
    ("message", &["data"]),
    ("error", &[]),
    ("close", &["code", "reason", "was_clean", "unsent"]),
    ("reconnect", &["code", "reason", "attempt", "delay"]),
];

/// The socket's read-only attributes: the Python name and the core's.
pub const PROPERTIES: &[(&str, &str)] = &[
    ("ready_state", "readyState"),
    ("url", "url"),
    ("protocol", "protocol"),
    ("extensions", "extensions"),
    ("buffered_amount", "bufferedAmount"),
    ("unread", "unread"),
];

/// The settings `reconnect=` takes in a dict, as the adapters pass them to
/// the core (`options.rs`, where `reconnect.rs` checks their values).
pub const RECONNECT_SETTINGS: &[&str] = &[
    "delay",
    "factor",
    "max_delay",
    "jitter",
    "attempts",
    "queue",
];

/// The Python exceptions the core's errors name (`Error::name`); any other
/// failure is a `RuntimeError` with the `internal` message.
pub const ERRORS: &[&str] = &[
    "ValueError",
    "TypeError",
    "ConnectionError",
    "NotImplementedError",
];

/// `co_flags`' bit for a `*args` parameter: such a handler takes the event.
pub const CO_VARARGS: u32 = 0x04;

/// The arity the Python shim gives a handler whose signature the
/// interpreter does not keep (MicroPython, builtins); it is settled by the
/// first call.
pub const UNKNOWN_ARITY: u32 = 2;

/// pyws's version, Cargo.toml's: `pyws.__version__` in every interpreter,
/// and the Pyodide wheel's.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

fn list(items: impl IntoIterator<Item = String>) -> String {
    format!("[{}]", items.into_iter().collect::<Vec<_>>().join(", "))
}

fn strings(items: &[&str]) -> String {
    list(items.iter().map(|s| quote(s)))
}

fn pairs(items: &[(&str, &str)]) -> String {
    list(items.iter().map(|(a, b)| list([quote(a), quote(b)])))
}

fn object(entries: impl IntoIterator<Item = (String, String)>) -> String {
    let entries: Vec<String> = entries
        .into_iter()
        .map(|(key, value)| format!("{}: {value}", quote(&key)))
        .collect();
    format!("{{{}}}", entries.join(", "))
}

fn table(items: &[(&str, &str)]) -> String {
    object(items.iter().map(|(k, v)| (k.to_string(), quote(v))))
}

/// Everything above as one JSON object, for the Brython adapter. (Each
/// value is also a Python literal: `api_py` uses the same text.)
fn entries() -> Vec<(&'static str, String)> {
    vec![
        ("messages", table(MESSAGES)),
        ("docs", table(DOCS)),
        (
            "ok_close_codes",
            list(OK_CLOSE_CODES.iter().map(u16::to_string)),
        ),
        ("states", strings(STATES)),
        ("kinds", strings(KINDS)),
        (
            "event_fields",
            object(
                EVENT_FIELDS
                    .iter()
                    .map(|(kind, fields)| (kind.to_string(), strings(fields))),
            ),
        ),
        ("properties", pairs(PROPERTIES)),
        ("reconnect_settings", strings(RECONNECT_SETTINGS)),
        ("errors", strings(ERRORS)),
        ("co_varargs", CO_VARARGS.to_string()),
        ("unknown_arity", UNKNOWN_ARITY.to_string()),
        ("version", quote(VERSION)),
    ]
}

/// The API as JSON.
pub fn api_json() -> String {
    object(entries().into_iter().map(|(k, v)| (k.to_string(), v)))
}

/// The API as Python assignments, one `_API_<KEY>` a line (`_API_MESSAGES`,
/// `_API_STATES`, …); lists stay lists, objects are dicts. The docstrings
/// are left out: [`with_docs`] writes them into the source.
pub fn api_py() -> String {
    entries()
        .into_iter()
        .filter(|(key, _)| *key != "docs")
        .map(|(key, value)| format!("_API_{} = {value}\n", key.to_uppercase()))
        .collect()
}

/// `source` with each `"""pyws:doc:NAME"""` replaced by that docstring, and
/// each `"pyws:version"` by [`VERSION`].
///
/// # Panics
/// When a NAME is not in [`DOCS`] (a build-time mistake).
pub fn with_docs(source: &str) -> String {
    let mut out = source.replace("\"pyws:version\"", &quote(VERSION));
    while let Some(start) = out.find("\"\"\"pyws:doc:") {
        let name_start = start + "\"\"\"pyws:doc:".len();
        let end = name_start
            + out[name_start..]
                .find("\"\"\"")
                .expect("a pyws:doc docstring ends");
        let name = &out[name_start..end];
        let (_, doc) = DOCS
            .iter()
            .find(|(key, _)| *key == name)
            .unwrap_or_else(|| panic!("no docstring named {name} in api.rs"));
        out.replace_range(start..end + 3, &quote(doc));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_gets_one_assignment_per_entry() {
        let py = api_py();
        assert!(py.starts_with("_API_MESSAGES = {\"callable\": "));
        assert!(py.contains("\n_API_OK_CLOSE_CODES = [1000, 1001, 1005]\n"));
        assert!(py.contains("\n_API_RECONNECT_SETTINGS = [\"delay\", \"factor\", "));
        assert_eq!(py.lines().count(), entries().len() - 1);
        assert!(!py.contains("_API_DOCS"));
    }

    #[test]
    fn json_is_one_object() {
        let json = api_json();
        assert!(json.starts_with("{\"messages\": {"));
        assert!(json.ends_with(&format!(
            ", \"unknown_arity\": 2, \"version\": \"{VERSION}\"}}"
        )));
    }

    #[test]
    fn doc_markers_become_the_docstrings() {
        let source = "def websocket():\n    \"\"\"pyws:doc:ConnectionClosedOK\"\"\"\n";
        assert_eq!(
            with_docs(source),
            "def websocket():\n    \"The WebSocket closed normally.\"\n"
        );
        assert_eq!(
            with_docs("v = \"pyws:version\""),
            format!("v = \"{VERSION}\"")
        );
    }

    /// The type stubs are written by hand, for people to read; this holds
    /// them to the names listed here.
    #[test]
    fn the_type_stubs_have_every_name_of_the_api() {
        let stubs = include_str!("../../python/pyws/__init__.pyi");
        let kinds: Vec<String> = KINDS.iter().map(|kind| format!("\"{kind}\"")).collect();
        assert!(stubs.contains(&format!("EventKind = Literal[{}]", kinds.join(", "))));
        let mut expected: Vec<String> = KINDS
            .iter()
            .map(|kind| format!("    on_{kind}: Handler | None\n"))
            .collect();
        expected.extend(
            PROPERTIES
                .iter()
                .map(|(name, _)| format!("    def {name}(self) -> ")),
        );
        expected.extend(
            STATES
                .iter()
                .enumerate()
                .map(|(value, state)| format!("    {state}: Final = {value}\n")),
        );
        expected.extend(
            RECONNECT_SETTINGS
                .iter()
                .map(|setting| format!("    {setting}: ")),
        );
        for (_, fields) in EVENT_FIELDS {
            expected.extend(fields.iter().map(|field| format!("    {field}: ")));
        }
        // The builtins: websocket() and the exception classes.
        expected.extend(DOCS.iter().map(|(name, _)| match *name {
            "websocket" => "def websocket(".to_string(),
            class => format!("class {class}("),
        }));
        for text in expected {
            assert!(
                stubs.contains(&text),
                "python/pyws/__init__.pyi lacks {text:?}"
            );
        }
    }

    #[test]
    fn every_error_the_core_names_has_its_exception() {
        use crate::error::Error;
        let errors = [
            Error::InvalidEvent("x".into()),
            Error::WrongType("x".into()),
            Error::Closed { action: "send" },
            Error::NotSupported,
            Error::ReasonTooLong { bytes: 200 },
        ];
        for error in errors {
            assert!(ERRORS.contains(&error.python_class()), "{error:?}");
        }
    }
}
