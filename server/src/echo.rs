//! `/echo`: a WebSocket endpoint that sends every message straight back.

use axum::{
    extract::ws::{Message, WebSocketUpgrade},
    response::Response,
};
use futures_util::{Sink, SinkExt, Stream, StreamExt};

/// Largest message and frame accepted: twice the 64 MiB that pyws promises
/// to carry. axum's defaults (64 MiB messages, 16 MiB frames) are too small,
/// and a browser may send a whole message as a single frame.
pub const MAX_MESSAGE_SIZE: usize = 128 << 20;

/// Upgrades the connection to a WebSocket that echoes every message back
/// (see [`echo`]).
pub async fn handler(ws: WebSocketUpgrade) -> Response {
    ws.max_message_size(MAX_MESSAGE_SIZE)
        .max_frame_size(MAX_MESSAGE_SIZE)
        .on_upgrade(|socket| {
            let (sink, stream) = socket.split();
            echo(sink, stream)
        })
}

/// Sends text back as text and binary back as binary, in order, until the
/// client closes or the connection fails. A Close is answered with a Close
/// carrying the same code and reason.
///
/// Pings need no handling here: tungstenite answers them by itself.
pub async fn echo<W, R, E>(mut sink: W, mut stream: R)
where
    W: Sink<Message> + Unpin,
    R: Stream<Item = Result<Message, E>> + Unpin,
{
    while let Some(Ok(message)) = stream.next().await {
        match message {
            Message::Text(_) | Message::Binary(_) => {
                if sink.send(message).await.is_err() {
                    return;
                }
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
}
