//! Endpoints that tell one connection how another one ended, so a browser
//! test can check what close a server received from a socket it can no
//! longer ask (one dropped with `free()`, say).
//!
//! - `/record-close?id=ID` echoes like `/echo` and, once the connection has
//!   ended, records how under `ID`.
//! - `/recorded-close?id=ID` waits (at most [`REPORT_WAIT`]) for that record,
//!   sends it as one text message, forgets it and closes with 1000.
//!
//! A record is the code as a browser would report it, then a space and the
//! reason if there is one: `1000`, `4001 bye`, `1005` for a close frame
//! without a code, `1006` for a connection that ended without a close frame;
//! [`NOTHING_RECORDED`] when the wait ran out. Both endpoints answer only
//! loopback peers (`403 Forbidden` otherwise): what one client sends another
//! should not learn from across the network.

use std::{
    collections::HashMap,
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use axum::{
    extract::{
        ws::{CloseFrame, Message, WebSocketUpgrade},
        ConnectInfo, Query, State,
    },
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use futures_util::StreamExt;
use serde::Deserialize;

use crate::{echo::echo, upgrade};

/// The longest `/recorded-close` waits for the record it asks for.
pub const REPORT_WAIT: Duration = Duration::from_secs(5);

/// What `/recorded-close` sends when no record came in time.
pub const NOTHING_RECORDED: &str = "nothing recorded";

/// Most records kept at once; a record beyond them is not kept, so clients
/// that never ask for theirs cannot grow the server without bound.
pub const MAX_RECORDS: usize = 1024;

/// Longest `id`, in bytes.
pub const MAX_ID: usize = 64;

/// How often `/recorded-close` looks for its record while it waits.
const POLL: Duration = Duration::from_millis(10);

/// How connections ended, by `id`: the state both endpoints share.
#[derive(Debug, Clone, Default)]
pub struct Records(Arc<Mutex<HashMap<String, String>>>);

impl Records {
    fn keep(&self, id: String, record: String) {
        let mut records = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if records.len() < MAX_RECORDS || records.contains_key(&id) {
            records.insert(id, record);
        }
    }

    fn take(&self, id: &str) -> Option<String> {
        let mut records = self.0.lock().unwrap_or_else(|e| e.into_inner());
        records.remove(id)
    }
}

/// Query of both endpoints: the name the record is kept under, 1 to
/// [`MAX_ID`] bytes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordQuery {
    /// The record's name, chosen by the client.
    pub id: String,
}

/// The record of a connection whose last message was `last`: a Close, or
/// anything else (or nothing) for one that ended without a close frame.
pub fn record_of(last: Option<&Message>) -> String {
    match last {
        Some(Message::Close(Some(frame))) if frame.reason.is_empty() => frame.code.to_string(),
        Some(Message::Close(Some(frame))) => format!("{} {}", frame.code, frame.reason.as_str()),
        Some(Message::Close(None)) => "1005".to_owned(),
        _ => "1006".to_owned(),
    }
}

/// Refuses peers that are not on this machine, and ids that are empty or
/// longer than [`MAX_ID`].
fn refusal(peer: SocketAddr, id: &str) -> Option<Response> {
    if !peer.ip().is_loopback() {
        return Some((StatusCode::FORBIDDEN, "loopback clients only").into_response());
    }
    if id.is_empty() || id.len() > MAX_ID {
        let why = format!("id: it must be 1 to {MAX_ID} bytes");
        return Some((StatusCode::BAD_REQUEST, why).into_response());
    }
    None
}

/// `/record-close?id=ID`: echoes like `/echo`, then records how the
/// connection ended under `ID`.
pub async fn record(
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    State(records): State<Records>,
    Query(query): Query<RecordQuery>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    if let Some(refused) = refusal(peer, &query.id) {
        return refused;
    }
    upgrade::accept(ws, &headers).on_upgrade(move |socket| async move {
        let (sink, stream) = socket.split();
        let mut last = None;
        let watched = stream.inspect(|message| {
            last = message.as_ref().ok().cloned();
        });
        echo(sink, watched).await;
        records.keep(query.id, record_of(last.as_ref()));
    })
}

/// `/recorded-close?id=ID`: sends the record kept under `ID`, waiting for
/// it up to [`REPORT_WAIT`], then closes with 1000.
pub async fn report(
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    State(records): State<Records>,
    Query(query): Query<RecordQuery>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    if let Some(refused) = refusal(peer, &query.id) {
        return refused;
    }
    upgrade::accept(ws, &headers).on_upgrade(move |mut socket| async move {
        let deadline = Instant::now() + REPORT_WAIT;
        let record = loop {
            if let Some(record) = records.take(&query.id) {
                break record;
            }
            if Instant::now() >= deadline {
                break NOTHING_RECORDED.to_owned();
            }
            tokio::time::sleep(POLL).await;
        };
        let normal = Message::Close(Some(CloseFrame {
            code: 1000,
            reason: "".into(),
        }));
        if socket.send(Message::text(record)).await.is_err() || socket.send(normal).await.is_err() {
            return;
        }
        // The stream ends once the client's close has arrived.
        while let Some(Ok(_)) = socket.recv().await {}
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_as_a_browser_reports_the_close() {
        let close = |code, reason: &str| {
            Message::Close(Some(CloseFrame {
                code,
                reason: reason.into(),
            }))
        };
        assert_eq!(record_of(Some(&close(1000, ""))), "1000");
        assert_eq!(record_of(Some(&close(4001, "bye ☃"))), "4001 bye ☃");
        assert_eq!(record_of(Some(&Message::Close(None))), "1005");
        assert_eq!(record_of(Some(&Message::text("cut short"))), "1006");
        assert_eq!(record_of(None), "1006");
    }

    #[test]
    fn only_loopback_peers_and_sensible_ids_are_served() {
        let local: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        let local6: SocketAddr = "[::1]:5000".parse().unwrap();
        let remote: SocketAddr = "192.0.2.7:5000".parse().unwrap();
        assert!(refusal(local, "a").is_none());
        assert!(refusal(local6, "a").is_none());
        assert_eq!(
            refusal(remote, "a").unwrap().status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            refusal(local, "").unwrap().status(),
            StatusCode::BAD_REQUEST
        );
        let long = "x".repeat(MAX_ID + 1);
        assert_eq!(
            refusal(local, &long).unwrap().status(),
            StatusCode::BAD_REQUEST
        );
    }

    #[test]
    fn records_are_bounded_and_taken_once() {
        let records = Records::default();
        for n in 0..MAX_RECORDS + 1 {
            records.keep(n.to_string(), "1000".into());
        }
        assert_eq!(records.take(&MAX_RECORDS.to_string()), None);
        assert_eq!(records.take("0").as_deref(), Some("1000"));
        assert_eq!(records.take("0"), None);
    }
}
