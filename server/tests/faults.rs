//! The fault endpoints over real sockets, with tokio-tungstenite as the
//! client, and subprotocol selection on every WebSocket endpoint.

mod common;

use std::{
    path::Path,
    time::{Duration, Instant},
};

use axum::{
    body::{to_bytes, Body},
    http::{header::SEC_WEBSOCKET_PROTOCOL, HeaderValue, Request, StatusCode},
};
use futures_util::{SinkExt, StreamExt};
use pyws_server::{app, Config};
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::{
    client::IntoClientRequest,
    error::ProtocolError,
    protocol::{frame::coding::CloseCode, CloseFrame},
    Error, Message,
};
use tower::ServiceExt;

use common::{connect, connect_to, open, round_trip, start_server, url, Client};

/// Long enough for anything these tests wait for; a fault that makes the
/// server hang fails the test instead of stalling it.
const LIMIT: Duration = Duration::from_secs(5);

async fn next(client: &mut Client) -> Option<Result<Message, Error>> {
    timeout(LIMIT, client.next())
        .await
        .expect("nothing from the server in time")
}

async fn receive(client: &mut Client) -> Message {
    next(client).await.unwrap().unwrap()
}

/// The end of a connection dropped without a close frame: tungstenite reads
/// end-of-stream while the WebSocket is still open.
async fn assert_dropped(client: &mut Client) {
    match next(client).await {
        Some(Err(Error::Protocol(ProtocolError::ResetWithoutClosingHandshake))) => {}
        other => panic!("expected the connection to end without a close, got {other:?}"),
    }
}

/// The end of a clean close: after the server's close frame, nothing.
async fn assert_closed_with(client: &mut Client, frame: Option<CloseFrame>) {
    assert_eq!(receive(client).await, Message::Close(frame));
    assert!(next(client).await.is_none(), "connection should have ended");
}

/// The HTTP status a WebSocket handshake to `path` is refused with.
async fn refusal_status(path: &str) -> StatusCode {
    let address = start_server().await;
    match open(url(address, path)).await {
        Err(Error::Http(response)) => response.status(),
        Err(error) => panic!("{path}: expected an HTTP refusal, got {error:?}"),
        Ok(_) => panic!("{path}: expected an HTTP refusal, got an upgrade"),
    }
}

/// Status and body of a plain GET, without any socket.
async fn plain_get(uri: &str) -> (StatusCode, String) {
    let app = app(&Config::from_root(Path::new("/nonexistent")));
    let request = Request::get(uri).body(Body::empty()).unwrap();
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

fn close_frame(code: CloseCode, reason: &str) -> Option<CloseFrame> {
    Some(CloseFrame {
        code,
        reason: reason.into(),
    })
}

#[tokio::test]
async fn drop_ends_the_connection_without_a_close_frame() {
    let mut client = connect_to(start_server().await, "/drop").await;
    assert_dropped(&mut client).await;
}

#[tokio::test]
async fn drop_after_two_echoes_them_first() {
    let mut client = connect_to(start_server().await, "/drop?after=2").await;
    let reply = round_trip(&mut client, Message::text("one")).await;
    assert_eq!(reply, Message::text("one"));
    let reply = round_trip(&mut client, Message::binary(vec![2u8])).await;
    assert_eq!(reply, Message::binary(vec![2u8]));
    assert_dropped(&mut client).await;
}

#[tokio::test]
async fn close_defaults_to_1000_without_reason() {
    let mut client = connect_to(start_server().await, "/close").await;
    assert_closed_with(&mut client, close_frame(CloseCode::Normal, "")).await;
}

#[tokio::test]
async fn close_sends_the_code_and_reason_asked_for() {
    let path = "/close?code=4000&reason=bye%20%E2%98%83";
    let mut client = connect_to(start_server().await, path).await;
    assert_closed_with(&mut client, close_frame(CloseCode::Library(4000), "bye ☃")).await;
}

#[tokio::test]
async fn close_with_1005_sends_a_frame_without_code() {
    let mut client = connect_to(start_server().await, "/close?code=1005").await;
    assert_closed_with(&mut client, None).await;
}

#[tokio::test]
async fn close_with_a_code_forbidden_on_the_wire_is_a_fault_not_a_crash() {
    let address = start_server().await;
    for code in [0, 999, 1006, 1015, 2999, 5000, 65535] {
        let mut client = connect_to(address, &format!("/close?code={code}")).await;
        // tungstenite reports the violation in place of the frame it got.
        let violation = close_frame(CloseCode::Protocol, "Protocol violation");
        assert_closed_with(&mut client, violation).await;
    }
    let mut client = connect(address).await;
    let reply = round_trip(&mut client, Message::text("still here")).await;
    assert_eq!(reply, Message::text("still here"));
}

#[tokio::test]
async fn close_refuses_what_a_close_frame_cannot_carry() {
    let reason = "x".repeat(124);
    assert_eq!(
        refusal_status(&format!("/close?reason={reason}")).await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        plain_get("/close?code=70000").await,
        (
            StatusCode::BAD_REQUEST,
            "Failed to deserialize query string: code: number too large to fit in target type"
                .to_owned()
        )
    );
}

#[tokio::test]
async fn reject_refuses_the_upgrade_with_403() {
    assert_eq!(refusal_status("/reject").await, StatusCode::FORBIDDEN);
    assert_eq!(
        refusal_status("/reject/a/test/of/its/own").await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        plain_get("/reject").await,
        (StatusCode::FORBIDDEN, "rejected by /reject".to_owned())
    );
}

#[tokio::test]
async fn flood_sends_exactly_count_messages_in_order_then_echoes() {
    let mut client = connect_to(start_server().await, "/flood?count=1000&size=16").await;
    for i in 0..1000 {
        assert_eq!(
            receive(&mut client).await,
            Message::text(format!("{i:08}........")),
            "message {i}"
        );
    }
    // The echo of this is the next message, so there were no more than 1000.
    let reply = round_trip(&mut client, Message::text("after the flood")).await;
    assert_eq!(reply, Message::text("after the flood"));
    client.close(None).await.unwrap();
    assert_closed_with(&mut client, None).await;
}

#[tokio::test]
async fn flood_with_close_sends_its_messages_then_closes_with_1000() {
    let mut client = connect_to(start_server().await, "/flood?count=2&size=8&close=1").await;
    assert_eq!(receive(&mut client).await, Message::text("00000000"));
    assert_eq!(receive(&mut client).await, Message::text("00000001"));
    assert_closed_with(&mut client, close_frame(CloseCode::Normal, "flood done")).await;
}

#[tokio::test]
async fn flood_binary_sends_binary_frames() {
    let mut client = connect_to(start_server().await, "/flood?count=3&size=10&binary=1").await;
    for expected in ["00000000..", "00000001..", "00000002.."] {
        assert_eq!(
            receive(&mut client).await,
            Message::binary(expected.as_bytes())
        );
    }
    let reply = round_trip(&mut client, Message::binary(vec![0u8, 255])).await;
    assert_eq!(reply, Message::binary(vec![0u8, 255]));
}

#[tokio::test]
async fn flood_messages_below_8_bytes_are_just_the_digits() {
    let mut client = connect_to(start_server().await, "/flood?count=12&size=3").await;
    for i in 0..12 {
        assert_eq!(receive(&mut client).await, Message::text(format!("{i:08}")));
    }
}

#[tokio::test]
async fn flood_refuses_bad_parameters_with_400() {
    for path in [
        "/flood?count=abc",
        "/flood?count=1000001",
        "/flood?size=16777217",
        "/flood?binary=2",
    ] {
        assert_eq!(
            refusal_status(path).await,
            StatusCode::BAD_REQUEST,
            "{path}"
        );
    }
    assert_eq!(
        plain_get("/flood?count=abc").await,
        (
            StatusCode::BAD_REQUEST,
            "Failed to deserialize query string: count: invalid digit found in string".to_owned()
        )
    );
}

#[tokio::test]
async fn greet_sends_the_greeting_first_then_echoes() {
    let mut client = connect_to(start_server().await, "/greet").await;
    assert_eq!(
        receive(&mut client).await,
        Message::text("hello from pyws-server")
    );
    let reply = round_trip(&mut client, Message::text("hello from the test")).await;
    assert_eq!(reply, Message::text("hello from the test"));
}

#[tokio::test]
async fn slow_echoes_after_the_delay() {
    let mut client = connect_to(start_server().await, "/slow?ms=50").await;
    let start = Instant::now();
    let reply = round_trip(&mut client, Message::text("take your time")).await;
    assert_eq!(reply, Message::text("take your time"));
    assert!(
        start.elapsed() >= Duration::from_millis(50),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn slow_answers_the_handshake_after_handshake_ms() {
    let server = start_server().await;
    let start = Instant::now();
    let mut client = connect_to(server, "/slow?ms=0&handshake_ms=300").await;
    assert!(
        start.elapsed() >= Duration::from_millis(300),
        "{:?}",
        start.elapsed()
    );
    client.send(Message::text("after the wait")).await.unwrap();
    assert_eq!(receive(&mut client).await, Message::text("after the wait"));
}

#[tokio::test]
async fn slow_keeps_the_order_and_delays_each_message() {
    let mut client = connect_to(start_server().await, "/slow?ms=50").await;
    let start = Instant::now();
    for i in 0..3 {
        client
            .send(Message::text(format!("slow {i}")))
            .await
            .unwrap();
    }
    for i in 0..3 {
        assert_eq!(
            receive(&mut client).await,
            Message::text(format!("slow {i}"))
        );
    }
    assert!(
        start.elapsed() >= Duration::from_millis(150),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn slow_refuses_delays_above_a_minute() {
    assert_eq!(
        refusal_status("/slow?ms=60001").await,
        StatusCode::BAD_REQUEST
    );
}

/// The subprotocol the server selected for an offer of `offer` on `path`.
async fn selected_protocol(path: &str, offer: Option<&str>) -> Option<HeaderValue> {
    let address = start_server().await;
    let mut request = url(address, path).into_client_request().unwrap();
    if let Some(offer) = offer {
        let offer = HeaderValue::from_str(offer).unwrap();
        request.headers_mut().insert(SEC_WEBSOCKET_PROTOCOL, offer);
    }
    let (_, response) = open(request).await.unwrap();
    response.headers().get(SEC_WEBSOCKET_PROTOCOL).cloned()
}

#[tokio::test]
async fn the_first_offered_subprotocol_is_selected() {
    assert_eq!(
        selected_protocol("/echo", Some("chat, superchat")).await,
        Some(HeaderValue::from_static("chat"))
    );
    // Not the alphabetically first: the one the client put first.
    assert_eq!(
        selected_protocol("/echo", Some("superchat, chat")).await,
        Some(HeaderValue::from_static("superchat"))
    );
}

#[tokio::test]
async fn no_offer_selects_no_subprotocol() {
    assert_eq!(selected_protocol("/echo", None).await, None);
    assert_eq!(selected_protocol("/flood?count=0", None).await, None);
}

#[tokio::test]
async fn every_websocket_endpoint_selects_the_first_offer() {
    for path in ["/drop", "/close", "/flood?count=0", "/greet", "/slow"] {
        assert_eq!(
            selected_protocol(path, Some("v2.pyws, v1.pyws")).await,
            Some(HeaderValue::from_static("v2.pyws")),
            "{path}"
        );
    }
}
