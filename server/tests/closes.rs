//! `/record-close` and `/recorded-close` over real sockets: a second
//! connection learns how the first one ended.

// Not every test file uses every helper.
#[allow(dead_code)]
mod common;

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::{
    protocol::{frame::coding::CloseCode, CloseFrame},
    Error, Message,
};

use common::{connect_to, open, round_trip, start_server, url, Client};

const LIMIT: Duration = Duration::from_secs(5);

/// The one message `/recorded-close?id=ID` sends, and its close after it.
async fn report(address: std::net::SocketAddr, id: &str) -> String {
    let mut reporter = connect_to(address, &format!("/recorded-close?id={id}")).await;
    let record = next(&mut reporter).await;
    let Message::Text(record) = record else {
        panic!("expected the record as text, got {record:?}");
    };
    match next(&mut reporter).await {
        Message::Close(Some(frame)) => assert_eq!(frame.code, CloseCode::Normal),
        other => panic!("expected a close after the record, got {other:?}"),
    }
    record.to_string()
}

async fn next(client: &mut Client) -> Message {
    timeout(LIMIT, client.next())
        .await
        .expect("nothing from the server in time")
        .expect("the connection ended")
        .unwrap()
}

#[tokio::test]
async fn a_clean_close_is_reported_with_its_code_and_reason() {
    let address = start_server().await;
    let mut client = connect_to(address, "/record-close?id=clean").await;
    let reply = round_trip(&mut client, Message::text("echoed")).await;
    assert_eq!(reply, Message::text("echoed"));
    client
        .close(Some(CloseFrame {
            code: CloseCode::Library(4001),
            reason: "bye".into(),
        }))
        .await
        .unwrap();
    assert_eq!(report(address, "clean").await, "4001 bye");
}

#[tokio::test]
async fn the_report_waits_for_a_close_still_to_come() {
    let address = start_server().await;
    let mut client = connect_to(address, "/record-close?id=later").await;
    let reporter = tokio::spawn(async move { report(address, "later").await });
    tokio::time::sleep(Duration::from_millis(100)).await;
    client.close(None).await.unwrap();
    assert_eq!(reporter.await.unwrap(), "1005");
}

#[tokio::test]
async fn a_connection_dropped_without_a_close_is_1006() {
    let address = start_server().await;
    let mut client = connect_to(address, "/record-close?id=dropped").await;
    client.send(Message::text("x")).await.unwrap();
    drop(client);
    assert_eq!(report(address, "dropped").await, "1006");
}

#[tokio::test]
async fn an_id_is_required() {
    let address = start_server().await;
    for path in ["/record-close", "/recorded-close", "/record-close?id="] {
        match open(url(address, path)).await {
            Err(Error::Http(response)) => assert_eq!(response.status(), 400, "{path}"),
            other => panic!("{path}: expected a refusal, got {other:?}"),
        }
    }
}
