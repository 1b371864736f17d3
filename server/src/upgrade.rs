//! How every WebSocket endpoint accepts the upgrade: the message limits of
//! `/echo` and the subprotocol the client offered first.

use axum::{
    extract::ws::WebSocketUpgrade,
    http::{header::SEC_WEBSOCKET_PROTOCOL, HeaderMap},
};

use crate::echo::MAX_MESSAGE_SIZE;

/// Applies the settings all WebSocket endpoints share: [`MAX_MESSAGE_SIZE`]
/// for messages and frames, and the client's first offered subprotocol (see
/// [`first_offered_protocol`]) as the selected one. Without an offer no
/// protocol is selected and the response has no `Sec-WebSocket-Protocol`.
pub fn accept(ws: WebSocketUpgrade, headers: &HeaderMap) -> WebSocketUpgrade {
    let ws = ws
        .max_message_size(MAX_MESSAGE_SIZE)
        .max_frame_size(MAX_MESSAGE_SIZE);
    match first_offered_protocol(headers) {
        // `protocols` picks the first of *our* list that the client offered;
        // a list of just the client's favourite makes that its first choice.
        Some(protocol) => ws.protocols([protocol.to_owned()]),
        None => ws,
    }
}

/// The first subprotocol in the request's `Sec-WebSocket-Protocol` headers,
/// in the order the client sent them. axum only keeps the offers as a sorted
/// set, which loses that order, hence the header is read here.
///
/// Empty list items are skipped; a first offer that is not visible ASCII (no
/// valid token, and no browser sends one) selects nothing.
pub fn first_offered_protocol(headers: &HeaderMap) -> Option<&str> {
    let first = headers
        .get_all(SEC_WEBSOCKET_PROTOCOL)
        .iter()
        .flat_map(|value| value.as_bytes().split(|&byte| byte == b','))
        .map(<[u8]>::trim_ascii)
        .find(|offer| !offer.is_empty())?;
    let first = std::str::from_utf8(first).ok()?;
    first
        .bytes()
        .all(|byte| byte.is_ascii_graphic())
        .then_some(first)
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn offers(values: &[&'static [u8]]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(
                SEC_WEBSOCKET_PROTOCOL,
                HeaderValue::from_bytes(value).unwrap(),
            );
        }
        headers
    }

    #[test]
    fn the_first_offer_wins_whatever_its_sort_order() {
        assert_eq!(
            first_offered_protocol(&offers(&[b"superchat, chat"])),
            Some("superchat")
        );
        assert_eq!(
            first_offered_protocol(&offers(&[b"chat,superchat"])),
            Some("chat")
        );
    }

    #[test]
    fn header_lines_count_in_order_and_blanks_are_skipped() {
        assert_eq!(
            first_offered_protocol(&offers(&[b" , ", b"  v2.pyws , v1.pyws"])),
            Some("v2.pyws")
        );
    }

    #[test]
    fn no_offer_selects_nothing() {
        assert_eq!(first_offered_protocol(&HeaderMap::new()), None);
        assert_eq!(first_offered_protocol(&offers(&[b""])), None);
        assert_eq!(first_offered_protocol(&offers(&[b" ,,"])), None);
    }

    #[test]
    fn a_first_offer_that_is_no_token_selects_nothing() {
        assert_eq!(
            first_offered_protocol(&offers(&[b"\xe2\x98\x83, chat"])),
            None
        );
        assert_eq!(first_offered_protocol(&offers(&[b"a b, chat"])), None);
    }
}
