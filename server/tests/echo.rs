//! `/echo` over real sockets, with tokio-tungstenite as the client.

mod common;

use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::{
    protocol::{frame::coding::CloseCode, CloseFrame},
    Message,
};

use common::{connect, open, round_trip, start_server, url};

#[tokio::test]
async fn text_round_trip() {
    let mut client = connect(start_server().await).await;
    let reply = round_trip(&mut client, Message::text("hello")).await;
    assert_eq!(reply, Message::text("hello"));
}

#[tokio::test]
async fn binary_stays_binary() {
    let mut client = connect(start_server().await).await;
    let bytes = vec![0u8, 1, 2, 0x80, 0xff, b'a'];
    let reply = round_trip(&mut client, Message::binary(bytes.clone())).await;
    assert_eq!(reply, Message::binary(bytes));
}

#[tokio::test]
async fn empty_messages_keep_their_kind() {
    let mut client = connect(start_server().await).await;
    assert_eq!(
        round_trip(&mut client, Message::text("")).await,
        Message::text("")
    );
    assert_eq!(
        round_trip(&mut client, Message::binary(Vec::new())).await,
        Message::binary(Vec::new())
    );
}

#[tokio::test]
async fn non_bmp_text_is_exact() {
    let mut client = connect(start_server().await).await;
    let text = "héllo 世界 😀 𝄞";
    let reply = round_trip(&mut client, Message::text(text)).await;
    assert_eq!(reply.into_text().unwrap().as_bytes(), text.as_bytes());
}

#[tokio::test]
async fn order_of_many_messages_is_preserved() {
    let mut client = connect(start_server().await).await;
    // Send everything before reading anything, so the server has a backlog.
    for i in 0..1000 {
        let message = if i % 2 == 0 {
            Message::text(format!("message {i}"))
        } else {
            Message::binary(format!("message {i}").into_bytes())
        };
        client.feed(message).await.unwrap();
    }
    client.flush().await.unwrap();
    for i in 0..1000 {
        let reply = client.next().await.unwrap().unwrap();
        let expected = if i % 2 == 0 {
            Message::text(format!("message {i}"))
        } else {
            Message::binary(format!("message {i}").into_bytes())
        };
        assert_eq!(reply, expected);
    }
}

/// Deterministic bytes that differ from position to position, so any
/// reordering or truncation shows up.
fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 % 251) as u8).collect()
}

#[tokio::test]
async fn large_binary_message() {
    let mut client = connect(start_server().await).await;
    let bytes = pattern(16 << 20);
    let reply = round_trip(&mut client, Message::binary(bytes.clone())).await;
    let Message::Binary(echoed) = reply else {
        panic!("expected binary, got {reply:?}");
    };
    assert!(echoed == bytes, "16 MiB binary message came back different");
}

#[tokio::test]
async fn large_text_message() {
    let mut client = connect(start_server().await).await;
    // Multi-byte characters throughout, 16 MiB in all.
    let text = "abc 世界 😀 ".repeat((16 << 20) / "abc 世界 😀 ".len());
    let reply = round_trip(&mut client, Message::text(text.clone())).await;
    let Message::Text(echoed) = reply else {
        panic!("expected text, got {reply:?}");
    };
    assert!(
        echoed.as_str() == text,
        "16 MiB text message came back different"
    );
}

#[tokio::test]
async fn sixty_four_mib_in_one_frame() {
    // Beyond axum's default 16 MiB frame limit: proves the raised limits.
    let mut client = connect(start_server().await).await;
    let bytes = pattern(64 << 20);
    let reply = round_trip(&mut client, Message::binary(bytes.clone())).await;
    assert!(
        reply.into_data() == bytes,
        "64 MiB binary message came back different"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_concurrent_clients() {
    let address = start_server().await;
    let clients = (0..100).map(|client_id| {
        tokio::spawn(async move {
            let mut client = connect(address).await;
            for i in 0..5 {
                let text = format!("client {client_id} message {i}");
                let reply = round_trip(&mut client, Message::text(text.clone())).await;
                assert_eq!(reply, Message::text(text));
                let bytes = format!("{client_id}/{i}").into_bytes();
                let reply = round_trip(&mut client, Message::binary(bytes.clone())).await;
                assert_eq!(reply, Message::binary(bytes));
            }
            client.close(None).await.unwrap();
        })
    });
    for client in clients.collect::<Vec<_>>() {
        client.await.unwrap();
    }
}

#[tokio::test]
async fn ping_is_answered() {
    let mut client = connect(start_server().await).await;
    let reply = round_trip(&mut client, Message::Ping("are you there".into())).await;
    assert_eq!(reply, Message::Pong("are you there".into()));
}

#[tokio::test]
async fn close_is_echoed_and_ends_the_connection() {
    let mut client = connect(start_server().await).await;
    let frame = CloseFrame {
        code: CloseCode::Library(4001),
        reason: "done here".into(),
    };
    client.close(Some(frame.clone())).await.unwrap();
    let reply = client.next().await.unwrap().unwrap();
    assert_eq!(reply, Message::Close(Some(frame)));
    assert!(
        client.next().await.is_none(),
        "connection should have ended"
    );
}

#[tokio::test]
async fn other_paths_do_not_upgrade() {
    let address = start_server().await;
    let error = open(url(address, "/not-echo")).await.unwrap_err();
    assert!(
        matches!(
            &error,
            tokio_tungstenite::tungstenite::Error::Http(response) if response.status() == 404
        ),
        "{error:?}"
    );
}
