//! What a socket may connect to: whether there is a `WebSocket` at all, and
//! the URL as the browser resolves it, checked against the rules of
//! [`rules`].

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use super::global;
use crate::{rules, Error};

#[wasm_bindgen]
extern "C" {
    /// The browser's [`URL`](https://developer.mozilla.org/en-US/docs/Web/API/URL),
    /// through one constructor where web-sys has two.
    #[wasm_bindgen(js_name = URL)]
    type Url;

    /// `new URL(url, base)`: a base of `undefined` is no base, as leaving
    /// it out is.
    #[wasm_bindgen(constructor, catch, js_class = "URL")]
    fn new(url: &str, base: Option<&str>) -> Result<Url, JsValue>;

    #[wasm_bindgen(method, getter, js_class = "URL")]
    fn href(this: &Url) -> String;

    #[wasm_bindgen(method, getter, js_class = "URL")]
    fn hostname(this: &Url) -> String;
}

/// Whether this environment has a `WebSocket` constructor.
pub(crate) fn has_websocket() -> bool {
    Reflect::get(&global(), &"WebSocket".into())
        .map(|c| c.is_function())
        .unwrap_or(false)
}

/// Resolves `url` against the global's location (when there is one) with the
/// browser's URL parser, then applies the WebSocket URL rules and, in a
/// secure context, the mixed-content rule.
pub(crate) fn resolve_url(url: &str) -> Result<String, Error> {
    let global = global();
    let base = Reflect::get(&global, &"location".into())
        .ok()
        .filter(|l| l.is_object())
        .and_then(|l| Reflect::get(&l, &"href".into()).ok())
        .and_then(|href| href.as_string());
    let parsed = Url::new(url, base.as_deref()).map_err(|_| Error::InvalidUrl {
        url: url.to_owned(),
        why: "it cannot be parsed as a URL".into(),
    })?;
    let resolved = rules::websocket_url(&parsed.href()).map_err(|err| match err {
        Error::InvalidUrl { why, .. } => Error::InvalidUrl {
            url: url.to_owned(),
            why,
        },
        other => other,
    })?;
    let secure_context = Reflect::get(&global, &"isSecureContext".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let scheme = rules::split_at_first(&resolved, b':').map_or("", |(scheme, _)| scheme);
    if secure_context && rules::blocked_as_mixed_content(scheme, &parsed.hostname()) {
        return Err(Error::Insecure {
            url: url.to_owned(),
        });
    }
    Ok(resolved)
}
