//! `/echo`: a WebSocket endpoint that sends every message straight back.

use std::time::Duration;

use axum::{
    extract::ws::{Message, WebSocketUpgrade},
    http::HeaderMap,
    response::Response,
};
use futures_util::{Sink, SinkExt, Stream, StreamExt};

use crate::upgrade;

/// Largest message and frame accepted: twice the 64 MiB that pyws promises
/// to carry. axum's defaults (64 MiB messages, 16 MiB frames) are too small,
/// and a browser may send a whole message as a single frame.
pub const MAX_MESSAGE_SIZE: usize = 128 << 20;

/// Upgrades the connection to a WebSocket that echoes every message back
/// (see [`echo`]), selecting the client's first subprotocol if it offers any.
pub async fn handler(headers: HeaderMap, ws: WebSocketUpgrade) -> Response {
    upgrade::accept(ws, &headers).on_upgrade(|socket| {
        let (sink, stream) = socket.split();
        echo(sink, stream)
    })
}

/// Sends text back as text and binary back as binary, in order, until the
/// client closes or the connection fails. A Close is answered with a Close
/// carrying the same code and reason.
///
/// Pings need no handling here: tungstenite answers them by itself.
pub async fn echo<W, R, E>(sink: W, stream: R)
where
    W: Sink<Message> + Unpin,
    R: Stream<Item = Result<Message, E>> + Unpin,
{
    echo_with(sink, stream, u64::MAX, Duration::ZERO).await;
}

/// Echoes like [`echo`], with two faults: each reply is sent only `delay`
/// after its message arrived (replies stay in order, as one message is
/// handled at a time), and once `limit` text or binary messages have been
/// echoed it returns at once, leaving the connection open and anything
/// after them unread. Pings and pongs do not count towards the limit.
pub async fn echo_with<W, R, E>(mut sink: W, mut stream: R, limit: u64, delay: Duration)
where
    W: Sink<Message> + Unpin,
    R: Stream<Item = Result<Message, E>> + Unpin,
{
    let mut echoed = 0;
    while echoed < limit {
        let Some(Ok(message)) = stream.next().await else {
            break;
        };
        match message {
            Message::Text(_) | Message::Binary(_) => {
                if !delay.is_zero() {
                    tokio::time::sleep(delay).await;
                }
                if sink.send(message).await.is_err() {
                    return;
                }
                echoed += 1;
            }
            Message::Close(frame) => {
                // On a real socket tungstenite has already queued this reply
                // and refuses to send another, so the send fails there; the
                // close is what flushes the queued reply out.
                let _ = sink.send(Message::Close(frame)).await;
                let _ = sink.close().await;
                return;
            }
            Message::Ping(_) | Message::Pong(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::convert::Infallible;

    use axum::extract::ws::CloseFrame;
    use futures_util::stream;

    use super::*;

    async fn echoed(input: Vec<Message>) -> Vec<Message> {
        let mut output = Vec::new();
        echo(
            &mut output,
            stream::iter(input.into_iter().map(Ok::<_, Infallible>)),
        )
        .await;
        output
    }

    #[tokio::test]
    async fn echoes_text_and_binary_in_order() {
        let input = vec![
            Message::text("one"),
            Message::binary(vec![0u8, 1, 2, 255]),
            Message::text(""),
            Message::binary(Vec::new()),
            Message::text("héllo 世界 😀 𝄞"),
        ];
        assert_eq!(echoed(input.clone()).await, input);
    }

    #[tokio::test]
    async fn ignores_ping_and_pong() {
        let input = vec![
            Message::Ping("p".into()),
            Message::text("a"),
            Message::Pong("q".into()),
        ];
        assert_eq!(echoed(input).await, vec![Message::text("a")]);
    }

    #[tokio::test]
    async fn answers_close_with_the_same_frame_and_stops() {
        let close = Message::Close(Some(CloseFrame {
            code: 4001,
            reason: "bye now".into(),
        }));
        let input = vec![Message::text("a"), close.clone(), Message::text("late")];
        assert_eq!(echoed(input).await, vec![Message::text("a"), close]);
    }

    #[tokio::test]
    async fn stops_at_the_first_read_error() {
        let input = vec![
            Ok(Message::text("a")),
            Err("connection reset"),
            Ok(Message::text("b")),
        ];
        let mut output = Vec::new();
        echo(&mut output, stream::iter(input)).await;
        assert_eq!(output, vec![Message::text("a")]);
    }

    #[tokio::test]
    async fn a_limit_stops_right_after_the_last_echo() {
        let mut input = stream::iter(
            [
                Message::text("a"),
                Message::Ping("p".into()),
                Message::binary(vec![1u8]),
                Message::text("unread"),
            ]
            .map(Ok::<_, Infallible>),
        );
        let mut output = Vec::new();
        echo_with(&mut output, &mut input, 2, Duration::ZERO).await;
        // The ping does not count, and the message after the limit stays unread.
        assert_eq!(output, vec![Message::text("a"), Message::binary(vec![1u8])]);
        assert_eq!(
            input.next().await.unwrap().unwrap(),
            Message::text("unread")
        );
    }

    #[tokio::test]
    async fn a_limit_of_zero_reads_nothing() {
        let mut input = stream::iter([Ok::<_, Infallible>(Message::text("unread"))]);
        let mut output = Vec::new();
        echo_with(&mut output, &mut input, 0, Duration::ZERO).await;
        assert_eq!(output, Vec::<Message>::new());
        assert_eq!(
            input.next().await.unwrap().unwrap(),
            Message::text("unread")
        );
    }
}
