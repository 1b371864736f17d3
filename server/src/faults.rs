//! Fault endpoints: WebSockets that misbehave on request, so clients can be
//! tested against a dropped connection, a server-initiated close, a refused
//! upgrade, a flood, an unsolicited greeting and a slow echo.
//!
//! Parameters come from the query string. A value that does not parse, is
//! above its limit or is not a parameter of the endpoint at all is answered
//! with `400 Bad Request` before any upgrade, and the body names the
//! parameter, e.g. `Failed to deserialize query string: count: invalid digit
//! found in string`. `/greet` and `/reject` take no parameters and ignore
//! any query.

use std::time::Duration;

use axum::{
    extract::{
        ws::{CloseFrame, Message, WebSocketUpgrade},
        Query,
    },
    http::{HeaderMap, StatusCode},
    response::Response,
};
use futures_util::{Sink, SinkExt, StreamExt};
use serde::Deserialize;

use crate::{
    echo::{echo, echo_with},
    upgrade,
};

/// The text `/greet` sends before anything else.
pub const GREETING: &str = "hello from pyws-server";

/// The body of `/reject`'s refusal.
pub const REJECTION: &str = "rejected by /reject";

/// Most messages `/flood` sends.
pub const MAX_FLOOD_COUNT: u32 = 1_000_000;

/// Largest `/flood` message in bytes.
pub const MAX_FLOOD_SIZE: u32 = 16 << 20;

/// Longest delay `/slow` applies, in milliseconds.
pub const MAX_SLOW_MS: u32 = 60_000;

/// Longest close reason in bytes: a close frame is a control frame, whose
/// payload of at most 125 bytes also holds the two-byte code.
pub const MAX_CLOSE_REASON: usize = 123;

/// `/drop?after=N`: echoes `N` text or binary messages (default 0), then
/// closes the TCP connection without a close frame, so a browser reports
/// code 1006 with `wasClean` false. Should the client close first, its close
/// is answered as `/echo` would. Messages the client sent beyond the `N`
/// stay unread, which makes the kernel end the connection with a reset
/// rather than a FIN: still no close frame, so still 1006.
pub async fn drop_connection(
    Query(query): Query<DropQuery>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    upgrade::accept(ws, &headers).on_upgrade(move |socket| async move {
        let (mut sink, mut stream) = socket.split();
        echo_with(&mut sink, &mut stream, query.after, Duration::ZERO).await;
        // The halves are the last owners of the connection: dropping both
        // closes the TCP stream, and tungstenite sends nothing on drop.
        drop((sink, stream));
    })
}

/// `/close?code=C&reason=R`: starts the closing handshake right after the
/// upgrade with code `C` (default 1000) and reason `R` (default empty), then
/// waits for the client's close before shutting the connection. See
/// [`CloseQuery`] for which codes and reasons are sent as they are.
pub async fn close(
    Query(query): Query<CloseQuery>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    upgrade::accept(ws, &headers).on_upgrade(move |mut socket| async move {
        if socket.send(Message::Close(query.frame())).await.is_err() {
            return;
        }
        // Nothing may be sent after our close, so messages that crossed it
        // are dropped; the stream ends once the client's close has arrived.
        while let Some(Ok(_)) = socket.recv().await {}
    })
}

/// `/reject` and any path below it: refuses every request, upgrade or
/// not, with `403 Forbidden`
/// and the body [`REJECTION`].
pub async fn reject() -> (StatusCode, &'static str) {
    (StatusCode::FORBIDDEN, REJECTION)
}

/// `/flood?count=N&size=S&binary=0|1&close=0|1`: right after the upgrade
/// sends the messages of [`send_flood`] back to back, then echoes like
/// `/echo`, or with `close=1` closes with 1000 and the reason `flood done`.
pub async fn flood(
    Query(query): Query<FloodQuery>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    upgrade::accept(ws, &headers).on_upgrade(move |socket| async move {
        let (mut sink, mut stream) = socket.split();
        if send_flood(&mut sink, &query).await.is_err() {
            return;
        }
        if query.close.0 == 0 {
            echo(sink, stream).await;
            return;
        }
        let done = CloseFrame {
            code: 1000,
            reason: "flood done".into(),
        };
        if sink.send(Message::Close(Some(done))).await.is_ok() {
            // As /close: what crossed our close is dropped.
            while let Some(Ok(_)) = stream.next().await {}
        }
    })
}

/// `/greet`: sends the text [`GREETING`] right after the upgrade, then
/// echoes like `/echo`.
pub async fn greet(headers: HeaderMap, ws: WebSocketUpgrade) -> Response {
    upgrade::accept(ws, &headers).on_upgrade(|socket| async move {
        let (mut sink, stream) = socket.split();
        if sink.send(Message::text(GREETING)).await.is_ok() {
            echo(sink, stream).await;
        }
    })
}

/// `/slow?ms=M&handshake_ms=H`: echoes like `/echo`, but sends each reply
/// only `M` milliseconds (default 100) after its message arrived. Messages
/// are handled one at a time, so replies keep their order and `k` messages
/// sent together take at least `k * M` to come back. With `H` (default 0)
/// the handshake's answer (`101 Switching Protocols`) itself waits `H`
/// milliseconds, so a client's opening-handshake timeout can be tested.
pub async fn slow(
    Query(query): Query<SlowQuery>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    tokio::time::sleep(Duration::from_millis(query.handshake_ms.get().into())).await;
    let delay = Duration::from_millis(query.ms.get().into());
    upgrade::accept(ws, &headers).on_upgrade(move |socket| {
        let (sink, stream) = socket.split();
        echo_with(sink, stream, u64::MAX, delay)
    })
}

/// Query of `/drop`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DropQuery {
    /// Messages to echo before dropping the connection.
    pub after: u64,
}

/// Query of `/close`: `code` is any number from 0 to 65535 and `reason` at
/// most [`MAX_CLOSE_REASON`] bytes of UTF-8.
///
/// Code 1005 means "no code" to a receiver and may not be sent, so asking
/// for it sends a close frame without code and reason (and a reason with it
/// is refused): a browser then reports 1005 itself. Every other code is sent
/// as asked, even those not allowed on the wire (0–999, 1004, 1006, 1014,
/// 1015, 1016–2999, 5000 and up, as tungstenite counts them): tungstenite
/// does not check codes it sends, so these make faults of their own. A
/// tungstenite client answers one with 1002 "Protocol violation", a browser
/// fails the connection (1006).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "CloseParams")]
pub struct CloseQuery {
    code: u16,
    reason: String,
}

impl CloseQuery {
    /// The close frame to send; `None` for a frame without code and reason.
    pub fn frame(&self) -> Option<CloseFrame> {
        (self.code != NO_STATUS_CODE).then(|| CloseFrame {
            code: self.code,
            reason: self.reason.as_str().into(),
        })
    }
}

/// The code a receiver reports for a close frame without one (RFC 6455
/// section 7.4.1).
const NO_STATUS_CODE: u16 = 1005;

/// `/close`'s query as it comes, before the checks of [`CloseQuery`].
#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
struct CloseParams {
    code: u16,
    reason: String,
}

impl Default for CloseParams {
    fn default() -> Self {
        CloseParams {
            code: 1000,
            reason: String::new(),
        }
    }
}

impl TryFrom<CloseParams> for CloseQuery {
    type Error = String;

    fn try_from(CloseParams { code, reason }: CloseParams) -> Result<Self, String> {
        if reason.len() > MAX_CLOSE_REASON {
            return Err(format!(
                "reason: {} bytes do not fit in a close frame, \
                 at most {MAX_CLOSE_REASON} do",
                reason.len()
            ));
        }
        if code == NO_STATUS_CODE && !reason.is_empty() {
            return Err(format!(
                "reason: code {NO_STATUS_CODE} sends a close frame without a code, \
                 which cannot carry a reason"
            ));
        }
        Ok(CloseQuery { code, reason })
    }
}

/// Query of `/flood`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FloodQuery {
    /// Messages to send (default 10000).
    pub count: AtMost<MAX_FLOOD_COUNT>,
    /// Bytes in each message, but at least 8 (default 64).
    pub size: AtMost<MAX_FLOOD_SIZE>,
    /// Text (`0`, the default) or binary (`1`) messages.
    pub binary: MessageKind,
    /// `1` to close (with 1000) after the messages, `0` (the default) to
    /// echo.
    pub close: AtMost<1>,
}

impl Default for FloodQuery {
    fn default() -> Self {
        FloodQuery {
            count: AtMost(10_000),
            size: AtMost(64),
            binary: MessageKind::Text,
            close: AtMost(0),
        }
    }
}

/// Query of `/slow`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SlowQuery {
    /// Delay before each reply in milliseconds (default 100).
    pub ms: AtMost<MAX_SLOW_MS>,
    /// Delay before answering the handshake in milliseconds (default 0).
    pub handshake_ms: AtMost<MAX_SLOW_MS>,
}

impl Default for SlowQuery {
    fn default() -> Self {
        SlowQuery {
            ms: AtMost(100),
            handshake_ms: AtMost(0),
        }
    }
}

/// A number parameter of at most `MAX`; a larger one is refused with a
/// message naming the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "u32")]
pub struct AtMost<const MAX: u32>(u32);

impl<const MAX: u32> AtMost<MAX> {
    /// The number.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl<const MAX: u32> TryFrom<u32> for AtMost<MAX> {
    type Error = String;

    fn try_from(value: u32) -> Result<Self, String> {
        if value <= MAX {
            Ok(AtMost(value))
        } else {
            Err(format!("{value} is above the limit of {MAX}"))
        }
    }
}

/// Whether `/flood` sends text or binary messages; `0` or `1` in the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum MessageKind {
    /// Text messages: `binary=0`.
    Text,
    /// Binary messages: `binary=1`.
    Binary,
}

impl TryFrom<String> for MessageKind {
    type Error = String;

    fn try_from(value: String) -> Result<Self, String> {
        match value.as_str() {
            "0" => Ok(MessageKind::Text),
            "1" => Ok(MessageKind::Binary),
            _ => Err(format!("expected 0 or 1, got {value:?}")),
        }
    }
}

/// Sends `/flood`'s messages, [`flood_message`] `0` to `count - 1`, without
/// waiting for the client, then flushes. The sink's backpressure bounds what
/// is buffered, however large the flood.
pub async fn send_flood<W>(sink: &mut W, query: &FloodQuery) -> Result<(), W::Error>
where
    W: Sink<Message> + Unpin,
{
    for index in 0..query.count.get() {
        let message = flood_message(index, query.size.get() as usize, query.binary);
        sink.feed(message).await?;
    }
    sink.flush().await
}

/// Message `index` of a flood: the index as 8 zero-padded decimal digits,
/// then `.` up to `size` bytes. With `size` below 8 it is just the digits,
/// so every message still says where it belongs.
pub fn flood_message(index: u32, size: usize, kind: MessageKind) -> Message {
    let digits = format!("{index:08}");
    let padding = size.saturating_sub(digits.len());
    let text = digits + &".".repeat(padding);
    match kind {
        MessageKind::Text => Message::text(text),
        MessageKind::Binary => Message::binary(text.into_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use axum::http::Uri;
    use serde::de::DeserializeOwned;

    use super::*;

    fn parse<T: DeserializeOwned>(uri: &str) -> Result<T, String> {
        Query::<T>::try_from_uri(&uri.parse::<Uri>().unwrap())
            .map(|Query(query)| query)
            .map_err(|rejection| rejection.body_text())
    }

    fn refusal(message: &str) -> String {
        format!("Failed to deserialize query string: {message}")
    }

    #[test]
    fn flood_messages_start_with_their_index() {
        assert_eq!(
            flood_message(0, 16, MessageKind::Text),
            Message::text("00000000........")
        );
        assert_eq!(
            flood_message(999_999, 10, MessageKind::Text),
            Message::text("00999999..")
        );
        assert_eq!(
            flood_message(42, 8, MessageKind::Binary),
            Message::binary(&b"00000042"[..])
        );
    }

    #[test]
    fn small_flood_messages_keep_all_digits() {
        for size in [0, 1, 7] {
            assert_eq!(
                flood_message(7, size, MessageKind::Text),
                Message::text("00000007")
            );
        }
    }

    #[test]
    fn the_largest_flood_message_has_the_exact_size() {
        let message = flood_message(1, MAX_FLOOD_SIZE as usize, MessageKind::Binary);
        let Message::Binary(bytes) = message else {
            panic!("expected binary, got {message:?}");
        };
        assert_eq!(bytes.len(), 16 << 20);
        assert_eq!(&bytes[..9], b"00000001.");
        assert!(bytes[8..].iter().all(|&byte| byte == b'.'));
    }

    #[tokio::test]
    async fn a_flood_sends_count_messages_in_order() {
        let mut sent = Vec::new();
        let query: FloodQuery = parse("/flood?count=3&size=9&binary=1").unwrap();
        send_flood(&mut sent, &query).await.unwrap();
        assert_eq!(
            sent,
            ["00000000.", "00000001.", "00000002."].map(|bytes| Message::binary(bytes.as_bytes()))
        );
    }

    #[test]
    fn query_defaults() {
        assert_eq!(parse::<DropQuery>("/drop"), Ok(DropQuery { after: 0 }));
        let close: CloseQuery = parse("/close").unwrap();
        assert_eq!(
            close.frame(),
            Some(CloseFrame {
                code: 1000,
                reason: "".into()
            })
        );
        assert_eq!(
            parse("/flood"),
            Ok(FloodQuery {
                count: AtMost(10_000),
                size: AtMost(64),
                binary: MessageKind::Text,
                close: AtMost(0),
            })
        );
        assert_eq!(
            parse("/slow"),
            Ok(SlowQuery {
                ms: AtMost(100),
                handshake_ms: AtMost(0)
            })
        );
    }

    #[test]
    fn limits_are_inclusive() {
        assert_eq!(
            parse("/flood?count=1000000&size=16777216&binary=0&close=1"),
            Ok(FloodQuery {
                count: AtMost(1_000_000),
                size: AtMost(16 << 20),
                binary: MessageKind::Text,
                close: AtMost(1),
            })
        );
        assert_eq!(
            parse("/slow?ms=60000&handshake_ms=60000"),
            Ok(SlowQuery {
                ms: AtMost(60_000),
                handshake_ms: AtMost(60_000)
            })
        );
        let reason = "r".repeat(MAX_CLOSE_REASON);
        let close: CloseQuery = parse(&format!("/close?code=4000&reason={reason}")).unwrap();
        assert_eq!(close.frame().unwrap().reason.as_str(), reason);
    }

    #[test]
    fn bad_values_name_their_parameter() {
        for (uri, message) in [
            ("/flood?count=abc", "count: invalid digit found in string"),
            (
                "/flood?count=1000001",
                "count: 1000001 is above the limit of 1000000",
            ),
            (
                "/flood?size=16777217",
                "size: 16777217 is above the limit of 16777216",
            ),
            (
                "/flood?binary=true",
                "binary: expected 0 or 1, got \"true\"",
            ),
            (
                "/flood?cuont=5",
                "cuont: unknown field `cuont`, expected one of `count`, `size`, `binary`, `close`",
            ),
            ("/slow?ms=60001", "ms: 60001 is above the limit of 60000"),
            ("/slow?ms=-1", "ms: invalid digit found in string"),
            (
                "/drop?after=",
                "after: cannot parse integer from empty string",
            ),
        ] {
            let error = match uri.split_once('?').unwrap().0 {
                "/flood" => parse::<FloodQuery>(uri).unwrap_err(),
                "/slow" => parse::<SlowQuery>(uri).unwrap_err(),
                _ => parse::<DropQuery>(uri).unwrap_err(),
            };
            assert_eq!(error, refusal(message), "{uri}");
        }
    }

    #[test]
    fn close_codes_and_reasons() {
        let close: CloseQuery = parse("/close?code=4000&reason=bye%20%E2%98%83").unwrap();
        assert_eq!(
            close.frame(),
            Some(CloseFrame {
                code: 4000,
                reason: "bye ☃".into()
            })
        );
        // Codes not allowed on the wire are still sent: they are faults too.
        let close: CloseQuery = parse("/close?code=1006").unwrap();
        assert_eq!(close.frame().map(|frame| frame.code), Some(1006));
        let close: CloseQuery = parse("/close?code=1005").unwrap();
        assert_eq!(close.frame(), None);
    }

    #[test]
    fn bad_close_queries_are_refused() {
        // 42 snowmen of 3 bytes each.
        let too_long = format!("/close?reason={}", "%E2%98%83".repeat(42));
        for (uri, message) in [
            (
                "/close?code=65536",
                "code: number too large to fit in target type",
            ),
            (
                too_long.as_str(),
                "reason: 126 bytes do not fit in a close frame, at most 123 do",
            ),
            (
                "/close?code=1005&reason=x",
                "reason: code 1005 sends a close frame without a code, \
                 which cannot carry a reason",
            ),
        ] {
            assert_eq!(
                parse::<CloseQuery>(uri).unwrap_err(),
                refusal(message),
                "{uri}"
            );
        }
    }
}
