//! The options `websocket()` takes beyond the URL and subprotocols, read from
//! the JavaScript object an adapter (or a page) passes.

use wasm_bindgen::JsValue;

use crate::error::join;
use crate::reconnect::{Reconnect, Settings};
use crate::transport::field as get;
use crate::{rules, Error};

/// How a socket behaves beyond the browser's defaults.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Reconnect after a lost connection, and how; `None` to stay closed.
    pub reconnect: Option<Reconnect>,
    /// Pause reading while this many received messages are unread, where
    /// the browser can (`WebSocketStream`); `None` never pauses.
    pub max_queue: Option<usize>,
}

impl Options {
    /// Reads `{reconnect, maxQueue}`: `maxQueue` a whole number of messages
    /// (1 or more) or nothing, and `reconnect` `true`, `false`, `null`,
    /// `undefined` or an object with any of `delay`, `factor`, `maxDelay`,
    /// `jitter`, `attempts` (`null` for no limit) and `queue`. The Python
    /// adapters pass each setting by its Python name (`max_delay`), which
    /// is read where the JS name is absent.
    ///
    /// # Errors
    /// [`Error::WrongType`] for a setting that is not a number,
    /// [`Error::InvalidSetting`] for one out of range.
    pub fn from_js(options: &JsValue) -> Result<Options, Error> {
        if options.is_undefined() || options.is_null() {
            return Ok(Options::default());
        }
        let reconnect = get(options, "reconnect");
        let reconnect = if reconnect.is_undefined()
            || reconnect.is_null()
            || reconnect.as_bool() == Some(false)
        {
            None
        } else if reconnect.as_bool() == Some(true) {
            Some(Reconnect::default())
        } else if reconnect.is_object() {
            let number = |key: &str, name: &str| -> Result<Option<f64>, Error> {
                let mut value = get(&reconnect, key);
                if value.is_undefined() && key != name {
                    value = get(&reconnect, name);
                }
                if value.is_undefined() || value.is_null() {
                    return Ok(None);
                }
                value.as_f64().map(Some).ok_or_else(|| {
                    Error::WrongType(join(&["reconnect setting ", name, " must be a number"]))
                })
            };
            Some(Reconnect::from_settings(Settings {
                delay: number("delay", "delay")?,
                factor: number("factor", "factor")?,
                max_delay: number("maxDelay", "max_delay")?,
                jitter: number("jitter", "jitter")?,
                attempts: number("attempts", "attempts")?,
                queue: number("queue", "queue")?,
            })?)
        } else {
            return Err(Error::WrongType(
                "reconnect must be true, false or an object of settings".into(),
            ));
        };
        let max_queue = get(options, "maxQueue");
        let max_queue = if max_queue.is_undefined() || max_queue.is_null() {
            None
        } else {
            let limit = max_queue.as_f64().unwrap_or(f64::NAN);
            Some(rules::max_queue(limit)?)
        };
        Ok(Options {
            reconnect,
            max_queue,
        })
    }
}
