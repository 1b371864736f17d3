//! The rules the WebSocket standard puts on URLs, subprotocols and close
//! arguments, as plain functions that need no browser.
//!
//! The browser enforces the same rules, but only by throwing a bare
//! `SyntaxError` or `InvalidAccessError`; checking them here first lets the
//! user see which rule was broken. See the
//! [`WebSocket()` constructor](https://developer.mozilla.org/en-US/docs/Web/API/WebSocket/WebSocket)
//! and [`WebSocket.close()`](https://developer.mozilla.org/en-US/docs/Web/API/WebSocket/close) on MDN.

use crate::error::{join, number_text};
use crate::Error;

// The numbers of the close rules, each written once: as macros, so that
// the error messages (`concat!` in error.rs) are made from them too.
macro_rules! max_reason_bytes {
    () => {
        123
    };
}
macro_rules! application_codes {
    (first) => {
        3000
    };
    (last) => {
        4999
    };
}
pub(crate) use {application_codes, max_reason_bytes};

/// The longest close reason the standard allows, in UTF-8 bytes.
pub const MAX_REASON_BYTES: usize = max_reason_bytes!();

/// The close code sent when `close()` is given no code. Browsers would send
/// a close frame without a code, which the other side reports as 1005 ("no
/// status"); Python's `websockets` library closes with 1000, and so do we.
pub const NORMAL_CLOSURE: u16 = 1000;

/// Whether a page may close a WebSocket with this code: 1000, or one of
/// the codes for applications (3000–4999).
pub fn close_code_is_valid(code: u16) -> bool {
    code == NORMAL_CLOSURE || (application_codes!(first)..=application_codes!(last)).contains(&code)
}

/// Checks `close(code, reason)` arguments and returns the code to send:
/// 1000 when none is given. A code that is not a whole number is invalid.
///
/// # Errors
/// [`Error::InvalidCloseCode`] for a code [`close_code_is_valid`] refuses,
/// and [`Error::ReasonTooLong`] for a reason over [`MAX_REASON_BYTES`].
pub fn close_arguments(code: Option<f64>, reason: Option<&str>) -> Result<u16, Error> {
    let code = match code {
        None => NORMAL_CLOSURE,
        Some(c) if c.fract() == 0.0 && (0.0..=f64::from(u16::MAX)).contains(&c) => {
            let c = c as u16;
            if !close_code_is_valid(c) {
                return Err(Error::InvalidCloseCode(number_text(f64::from(c))));
            }
            c
        }
        Some(c) => return Err(Error::InvalidCloseCode(number_text(c))),
    };
    match reason {
        Some(r) if r.len() > MAX_REASON_BYTES => Err(Error::ReasonTooLong { bytes: r.len() }),
        _ => Ok(code),
    }
}

/// Checks an absolute URL for use by a WebSocket and returns the URL to open.
///
/// `http` and `https` become `ws` and `wss`, as the standard maps them.
/// Parsing the rest of the URL is left to the browser's URL parser, which
/// the socket applies first (it also resolves relative URLs).
///
/// # Errors
/// [`Error::InvalidUrl`] when the URL has no scheme, a scheme other than
/// `ws`, `wss`, `http` or `https`, no host, or a fragment.
pub fn websocket_url(url: &str) -> Result<String, Error> {
    let invalid = |why: String| Error::InvalidUrl {
        url: url.to_owned(),
        why,
    };
    let Some((scheme, rest)) = split_at_first(url, b':').filter(|(s, _)| scheme_is_valid(s)) else {
        return Err(invalid(
            "it is not an absolute URL (expected ws://host/path or wss://host/path)".into(),
        ));
    };
    let mapped = match scheme.to_ascii_lowercase().as_str() {
        "ws" | "http" => "ws",
        "wss" | "https" => "wss",
        other => {
            return Err(invalid(join(&[
                "the scheme must be ws, wss, http or https, not \"",
                other,
                "\"",
            ])))
        }
    };
    let Some(authority_and_path) = rest.strip_prefix("//") else {
        return Err(invalid("expected // after the scheme".into()));
    };
    // The host runs up to the first of these; none at the start means none.
    if authority_and_path.is_empty() || authority_and_path.starts_with(['/', '?', '#']) {
        return Err(invalid("it has no host".into()));
    }
    if url.bytes().any(|b| b == b'#') {
        return Err(invalid(
            "WebSocket URLs cannot have a fragment (the part after #)".into(),
        ));
    }
    Ok(join(&[mapped, ":", rest]))
}

/// Whether the [Mixed Content](https://www.w3.org/TR/mixed-content/) rules
/// forbid a secure (https) page to open this WebSocket: an unencrypted `ws`
/// URL whose host is not potentially trustworthy (localhost and loopback
/// addresses are). `hostname` is as the URL parser gives it (`[::1]` with
/// brackets).
pub fn blocked_as_mixed_content(scheme: &str, hostname: &str) -> bool {
    let hostname = hostname.to_ascii_lowercase();
    let trustworthy = hostname == "localhost"
        || hostname.ends_with(".localhost")
        || hostname == "[::1]"
        || is_ipv4_loopback(&hostname);
    scheme.eq_ignore_ascii_case("ws") && !trustworthy
}

/// Whether `host` is an IPv4 address in 127.0.0.0/8, written as
/// `str::parse::<Ipv4Addr>` accepts it: four decimal parts of at most 255,
/// without leading zeros. Checked by hand because std's address parser is
/// about a kilobyte of wasm for this one test.
fn is_ipv4_loopback(host: &str) -> bool {
    let mut parts = 0;
    for part in host.as_bytes().split(|&b| b == b'.') {
        let digits = part.len();
        if digits == 0
            || digits > 3
            || (digits > 1 && part.first() == Some(&b'0'))
            || !part.iter().all(u8::is_ascii_digit)
        {
            return false;
        }
        let value = part.iter().fold(0, |n, &b| n * 10 + u32::from(b - b'0'));
        if value > 255 || (parts == 0 && value != 127) {
            return false;
        }
        parts += 1;
    }
    parts == 4
}

/// `text` before and after the first `byte` (an ASCII character). Unlike
/// `str::split_once`, it uses no char searcher, whose bounds checks would
/// bring panicking code into the wasm.
pub(crate) fn split_at_first(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == byte)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

fn scheme_is_valid(scheme: &str) -> bool {
    // Bytes rather than chars: a non-ASCII character fails either way, and
    // decoding UTF-8 costs wasm size.
    let mut bytes = scheme.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

/// Checks `max_queue`: how many unread messages pause reading.
///
/// # Errors
/// [`Error::InvalidMaxQueue`] unless it is a whole number, 1 or more.
pub fn max_queue(limit: f64) -> Result<usize, Error> {
    if limit >= 1.0 && limit.fract() == 0.0 && limit <= f64::from(u32::MAX) {
        Ok(limit as usize)
    } else {
        Err(Error::InvalidMaxQueue(number_text(limit)))
    }
}

/// Checks subprotocol names: each must be a non-empty HTTP token, and none
/// may appear twice.
///
/// # Errors
/// [`Error::InvalidProtocol`] naming the first offending protocol.
pub fn protocols_are_valid<S: AsRef<str>>(protocols: &[S]) -> Result<(), Error> {
    for (i, protocol) in protocols.iter().enumerate() {
        let protocol = protocol.as_ref();
        let invalid = |why| Error::InvalidProtocol {
            protocol: protocol.to_owned(),
            why,
        };
        if protocol.is_empty() {
            return Err(invalid("a subprotocol cannot be empty"));
        }
        if !protocol.bytes().all(is_token_byte) {
            return Err(invalid(
                "a subprotocol may hold only visible ASCII characters other than ()<>@,;:\\\"/[]?={} and space",
            ));
        }
        if protocols.iter().take(i).any(|p| p.as_ref() == protocol) {
            return Err(invalid("it is listed more than once"));
        }
    }
    Ok(())
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_codes_allowed_to_pages_are_1000_and_3000_to_4999() {
        for ok in [1000, 3000, 3999, 4000, 4999] {
            assert!(close_code_is_valid(ok), "{ok}");
        }
        for bad in [0, 999, 1001, 1005, 1006, 1015, 2999, 5000, u16::MAX] {
            assert!(!close_code_is_valid(bad), "{bad}");
        }
    }

    #[test]
    fn close_arguments_default_the_code_to_1000() {
        assert_eq!(close_arguments(None, None), Ok(1000));
        assert_eq!(close_arguments(Some(4000.0), None), Ok(4000));
        assert_eq!(close_arguments(None, Some("bye")), Ok(1000));
        assert_eq!(close_arguments(Some(3001.0), Some("")), Ok(3001));
    }

    #[test]
    fn close_arguments_reject_bad_codes_with_the_code_in_the_message() {
        for (code, shown) in [
            (1001.0, "1001"),
            (2999.0, "2999"),
            (1000.5, "1000.5"),
            (-1.0, "-1"),
            (70000.0, "70000"),
        ] {
            assert_eq!(
                close_arguments(Some(code), None),
                Err(Error::InvalidCloseCode(shown.into()))
            );
        }
        assert!(close_arguments(Some(f64::NAN), None).is_err());
    }

    #[test]
    fn close_reason_limit_counts_utf8_bytes_not_characters() {
        let ascii = "a".repeat(123);
        assert_eq!(close_arguments(None, Some(&ascii)), Ok(1000));
        let too_long = "a".repeat(124);
        assert_eq!(
            close_arguments(None, Some(&too_long)),
            Err(Error::ReasonTooLong { bytes: 124 })
        );
        // 41 three-byte characters are 123 bytes; 42 are 126.
        assert!(close_arguments(None, Some(&"€".repeat(41))).is_ok());
        assert_eq!(
            close_arguments(None, Some(&"€".repeat(42))),
            Err(Error::ReasonTooLong { bytes: 126 })
        );
    }

    #[test]
    fn websocket_urls_keep_ws_and_map_http() {
        assert_eq!(
            websocket_url("ws://127.0.0.1:8000/echo").unwrap(),
            "ws://127.0.0.1:8000/echo"
        );
        assert_eq!(
            websocket_url("wss://example.org/a?b=c").unwrap(),
            "wss://example.org/a?b=c"
        );
        assert_eq!(
            websocket_url("http://example.org/").unwrap(),
            "ws://example.org/"
        );
        assert_eq!(
            websocket_url("HTTPS://example.org").unwrap(),
            "wss://example.org"
        );
    }

    #[test]
    fn websocket_urls_reject_other_schemes_fragments_and_missing_hosts() {
        let why = |url: &str| match websocket_url(url) {
            Err(Error::InvalidUrl { why, .. }) => why,
            other => panic!("{url}: {other:?}"),
        };
        assert!(why("ftp://example.org/").contains("not \"ftp\""));
        assert!(why("ws://example.org/#top").contains("fragment"));
        assert!(why("ws://example.org/path#").contains("fragment"));
        assert!(why("ws:///path").contains("no host"));
        assert!(why("ws:example.org").contains("//"));
        assert!(why("example.org/echo").contains("not an absolute URL"));
        assert!(why("").contains("not an absolute URL"));
        assert!(why("1ws://x").contains("not an absolute URL"));
    }

    #[test]
    fn secure_pages_may_open_only_wss_or_loopback_ws() {
        for host in [
            "example.org",
            "10.0.0.1",
            "192.168.1.2",
            "[::2]",
            "localhost.example",
            "127.0.0.01",
            "127.0.0.256",
            "127.0.0",
            "127.0.0.1.2",
            "127.0.0.",
            "0127.0.0.1",
            "128.0.0.1",
        ] {
            assert!(blocked_as_mixed_content("ws", host), "{host}");
            assert!(!blocked_as_mixed_content("wss", host), "{host}");
        }
        for host in [
            "localhost",
            "LOCALHOST",
            "app.localhost",
            "127.0.0.1",
            "127.255.0.9",
            "127.0.0.0",
            "[::1]",
        ] {
            assert!(!blocked_as_mixed_content("ws", host), "{host}");
        }
    }

    #[test]
    fn max_queue_is_a_whole_number_of_messages() {
        assert_eq!(max_queue(1.0), Ok(1));
        assert_eq!(max_queue(16.0), Ok(16));
        for bad in [0.0, -1.0, 2.5, f64::NAN, f64::INFINITY] {
            let err = max_queue(bad).unwrap_err();
            assert_eq!(err.python_class(), "ValueError");
            assert!(err.to_string().starts_with("invalid max_queue "), "{err}");
        }
        assert_eq!(
            max_queue(0.0).unwrap_err().to_string(),
            "invalid max_queue 0: it must be a whole number of messages, 1 or more, or None"
        );
    }

    #[test]
    fn protocols_must_be_distinct_tokens() {
        assert!(protocols_are_valid::<&str>(&[]).is_ok());
        assert!(protocols_are_valid(&["chat", "superchat.v2", "a-b_c~!"]).is_ok());
        let why = |p: &[&str]| match protocols_are_valid(p) {
            Err(Error::InvalidProtocol { protocol, why }) => (protocol, why),
            other => panic!("{p:?}: {other:?}"),
        };
        assert_eq!(
            why(&["chat", "chat"]),
            ("chat".into(), "it is listed more than once")
        );
        assert_eq!(why(&[""]).1, "a subprotocol cannot be empty");
        assert_eq!(why(&["a b"]).0, "a b");
        assert_eq!(why(&["a,b"]).0, "a,b");
        assert_eq!(why(&["é"]).0, "é");
        // Protocol names are compared exactly, as the standard does.
        assert!(protocols_are_valid(&["Chat", "chat"]).is_ok());
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod fuzz {
        //! Arbitrary input never panics, and whatever is accepted obeys the rules.
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4000))]

            #[test]
            fn close_arguments_never_panic(code in proptest::option::of(any::<f64>()), reason in proptest::option::of(".{0,200}")) {
                if let Ok(sent) = close_arguments(code, reason.as_deref()) {
                    prop_assert!(close_code_is_valid(sent));
                    prop_assert!(reason.map_or(0, |r| r.len()) <= MAX_REASON_BYTES);
                }
            }

            #[test]
            fn close_codes_in_range_are_checked_exactly(code in 0u16..=u16::MAX) {
                let result = close_arguments(Some(f64::from(code)), None);
                prop_assert_eq!(result.is_ok(), close_code_is_valid(code));
            }

            #[test]
            fn websocket_urls_never_panic(url in ".{0,80}") {
                if let Ok(url) = websocket_url(&url) {
                    prop_assert!(url.starts_with("ws://") || url.starts_with("wss://"));
                    prop_assert!(!url.contains('#'));
                }
            }

            #[test]
            fn url_like_inputs_never_panic(scheme in "[a-zA-Z][a-zA-Z0-9+.-]{0,6}", rest in "[ -~]{0,40}") {
                let _ = websocket_url(&format!("{scheme}:{rest}"));
                let _ = websocket_url(&format!("{scheme}://{rest}"));
            }

            #[test]
            fn loopback_check_agrees_with_std(host in "[0-9.]{0,16}|127[0-9.]{0,12}|[0-9a-f:.x+ -]{0,16}") {
                let std = host.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback());
                prop_assert_eq!(is_ipv4_loopback(&host), std, "{}", host);
            }

            #[test]
            fn accepted_protocols_are_distinct_tokens(protocols in proptest::collection::vec(".{0,12}", 0..6)) {
                if protocols_are_valid(&protocols).is_ok() {
                    for (i, p) in protocols.iter().enumerate() {
                        prop_assert!(!p.is_empty() && p.bytes().all(is_token_byte));
                        prop_assert!(!protocols[..i].contains(p));
                    }
                }
            }
        }
    }
}
