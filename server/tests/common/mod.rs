//! What the socket-level tests share: a server on an OS-picked port and
//! tokio-tungstenite clients for it.

use std::{net::SocketAddr, path::Path};

use futures_util::{SinkExt, StreamExt};
use pyws_server::{app, Config};
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::{
    connect_async_with_config,
    tungstenite::{
        client::IntoClientRequest, handshake::client::Response, protocol::WebSocketConfig, Error,
        Message,
    },
    MaybeTlsStream, WebSocketStream,
};

pub type Client = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Serves [`app`] on 127.0.0.1 with no static files to speak of.
pub async fn start_server() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = app(&Config::from_root(Path::new("/nonexistent")));
    let app = app.into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    address
}

/// The `ws://` URL of `path` (with any query) on the server.
pub fn url(address: SocketAddr, path: &str) -> String {
    format!("ws://{address}{path}")
}

/// Opens a WebSocket, returning the handshake's error rather than panicking
/// so refusals can be checked.
pub async fn open<R>(request: R) -> Result<(Client, Response), Error>
where
    R: IntoClientRequest + Unpin,
{
    // The client's own limits must not be what cuts large messages short.
    let config = WebSocketConfig::default()
        .max_message_size(Some(128 << 20))
        .max_frame_size(Some(128 << 20));
    connect_async_with_config(request, Some(config), false).await
}

/// A client connected to `path` (with any query) on the server.
pub async fn connect_to(address: SocketAddr, path: &str) -> Client {
    let (client, _) = open(url(address, path)).await.unwrap();
    client
}

/// A client connected to `/echo`.
pub async fn connect(address: SocketAddr) -> Client {
    connect_to(address, "/echo").await
}

pub async fn round_trip(client: &mut Client, message: Message) -> Message {
    client.send(message).await.unwrap();
    client.next().await.unwrap().unwrap()
}
