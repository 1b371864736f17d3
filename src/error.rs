//! The one error type of the core, and how it crosses into JavaScript.
//!
//! Every failure the core reports is an [`Error`]. It becomes a JavaScript
//! `Error` whose `name` is the Python exception class the host adapters raise
//! (`ValueError`, `TypeError`, `ConnectionError`, `NotImplementedError`), so
//! each adapter maps errors in exactly one place, by `name`.

use std::fmt;

use wasm_bindgen::{JsCast, JsValue};

use crate::rules;

/// Why a core operation failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The URL cannot be used for a WebSocket.
    InvalidUrl {
        /// The URL as the caller gave it.
        url: String,
        /// Which rule it broke.
        why: String,
    },
    /// A subprotocol name is not a valid token, or is repeated.
    InvalidProtocol {
        /// The offending protocol name.
        protocol: String,
        /// Which rule it broke.
        why: &'static str,
    },
    /// `close()` was given a code a page may not send
    /// ([`crate::rules::close_code_is_valid`]).
    InvalidCloseCode(String),
    /// `close()` was given a reason longer than
    /// [`crate::rules::MAX_REASON_BYTES`].
    ReasonTooLong {
        /// The reason's length in UTF-8 bytes.
        bytes: usize,
    },
    /// An event name other than open, message, error, close or reconnect.
    InvalidEvent(String),
    /// A value of the wrong type was passed.
    WrongType(String),
    /// The socket is closing or closed, so the message cannot be sent.
    Closed {
        /// What the caller tried to do, e.g. "send".
        action: &'static str,
    },
    /// The send queue, which holds messages while the socket is not open, is
    /// full (only with reconnection, whose `queue` setting bounds it).
    QueueFull {
        /// The queue's limit, in messages.
        limit: usize,
    },
    /// A reconnection setting is out of range.
    InvalidSetting {
        /// The setting's name.
        name: &'static str,
        /// The value given.
        value: String,
        /// Which rule it broke.
        why: &'static str,
    },
    /// `max_queue` is not a whole number of messages, 1 or more.
    InvalidMaxQueue(String),
    /// This environment has no `WebSocket` constructor.
    NotSupported,
    /// A secure (https) page asked for an unencrypted `ws://` connection,
    /// which browsers block as mixed content.
    Insecure {
        /// The URL as the caller gave it.
        url: String,
    },
    /// The browser refused the operation (for example a `SecurityError`).
    Browser {
        /// The JavaScript error's `name`.
        name: String,
        /// The JavaScript error's `message`.
        message: String,
    },
}

impl Error {
    /// The Python exception class a host raises for this error.
    pub fn python_class(&self) -> &'static str {
        match self {
            Error::InvalidUrl { .. }
            | Error::InvalidProtocol { .. }
            | Error::InvalidCloseCode(_)
            | Error::ReasonTooLong { .. }
            | Error::InvalidEvent(_)
            | Error::InvalidSetting { .. }
            | Error::InvalidMaxQueue(_) => "ValueError",
            Error::WrongType(_) => "TypeError",
            Error::Closed { .. }
            | Error::QueueFull { .. }
            | Error::Browser { .. }
            | Error::Insecure { .. } => "ConnectionError",
            Error::NotSupported => "NotImplementedError",
        }
    }

    /// Wraps a JavaScript exception thrown by a browser API.
    pub(crate) fn from_browser(value: JsValue) -> Error {
        match value.dyn_into::<js_sys::Error>() {
            Ok(err) => Error::Browser {
                name: err.name().into(),
                message: err.message().into(),
            },
            Err(other) => Error::Browser {
                name: "Error".into(),
                message: other
                    .as_string()
                    .unwrap_or_else(|| "a value that is not an Error".into()),
            },
        }
    }
}

impl Error {
    /// The message the user sees. Built by appending pieces rather than
    /// with `format!`, which would bring Rust's formatting machinery into
    /// the wasm.
    pub fn message(&self) -> String {
        match self {
            Error::InvalidUrl { url, why } => join(&["invalid WebSocket URL \"", url, "\": ", why]),
            Error::InvalidProtocol { protocol, why } => {
                join(&["invalid subprotocol \"", protocol, "\": ", why])
            }
            Error::InvalidCloseCode(code) => join(&[
                "invalid close code ",
                code,
                concat!(
                    ": it must be 1000 or in the range ",
                    rules::application_codes!(first),
                    "-",
                    rules::application_codes!(last)
                ),
            ]),
            Error::ReasonTooLong { bytes } => join(&[
                "close reason is ",
                &count_text(*bytes),
                concat!(
                    " bytes long in UTF-8; it must be at most ",
                    rules::max_reason_bytes!(),
                    " bytes"
                ),
            ]),
            Error::InvalidEvent(name) => join(&[
                "unknown event \"",
                name,
                "\": expected 'open', 'message', 'error', 'close' or 'reconnect'",
            ]),
            Error::WrongType(message) => message.clone(),
            Error::Closed { action } => {
                join(&["cannot ", action, ": the WebSocket is closing or closed"])
            }
            Error::QueueFull { limit } => join(&[
                "cannot send: the WebSocket is not open and its send queue is full (",
                &count_text(*limit),
                " messages)",
            ]),
            Error::InvalidSetting { name, value, why } => {
                join(&["invalid reconnect setting ", name, "=", value, ": ", why])
            }
            Error::InvalidMaxQueue(limit) => join(&[
                "invalid max_queue ",
                limit,
                ": it must be a whole number of messages, 1 or more, or None",
            ]),
            Error::NotSupported => "WebSocket is not supported by this browser".into(),
            Error::Insecure { url } => join(&[
                "insecure WebSocket URL \"",
                url,
                "\" from a secure (https) page: browsers block it as mixed content; use wss://",
            ]),
            Error::Browser { name, message } => {
                join(&["the browser refused: ", name, ": ", message])
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Error {}

/// The pieces one after the other, as one string. Not std's
/// `[&str]::concat`, whose overflow checks panic with a formatted message:
/// it made the wasm 0.9 KB larger gzipped.
pub(crate) fn join(pieces: &[&str]) -> String {
    let mut text = String::new();
    for piece in pieces {
        text.push_str(piece);
    }
    text
}

/// A count as error messages show it (the same digits as [`number_text`],
/// which is exact for every `usize` of a 32-bit target).
pub(crate) fn count_text(count: usize) -> String {
    number_text(count as f64)
}

/// A number as error messages show it. In the browser, JavaScript's own
/// formatting, which spares the wasm Rust's number formatting code.
pub(crate) fn number_text(value: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Number::from(value)
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        value.to_string()
    }
}

impl From<Error> for JsValue {
    fn from(error: Error) -> JsValue {
        let js = js_sys::Error::new(&error.message());
        js.set_name(error.python_class());
        js.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_names_a_python_class_and_says_why() {
        let closed = Error::Closed { action: "send" };
        assert_eq!(closed.python_class(), "ConnectionError");
        assert_eq!(
            closed.to_string(),
            "cannot send: the WebSocket is closing or closed"
        );
        let code = Error::InvalidCloseCode("1001".into());
        assert_eq!(code.python_class(), "ValueError");
        assert_eq!(
            code.to_string(),
            "invalid close code 1001: it must be 1000 or in the range 3000-4999"
        );
        assert_eq!(Error::NotSupported.python_class(), "NotImplementedError");
        assert_eq!(Error::WrongType("x".into()).python_class(), "TypeError");
    }
}
