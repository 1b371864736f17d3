//! The `pyws-server` binary as another program sees it: its output, exit
//! codes and shutdown.

use std::{
    net::{SocketAddr, TcpListener},
    process::{Output, Stdio},
    time::Duration,
};

use futures_util::{SinkExt, StreamExt};
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, Command},
    time::timeout,
};
use tokio_tungstenite::{connect_async, tungstenite::Message};

const BINARY: &str = env!("CARGO_BIN_EXE_pyws-server");
const LIMIT: Duration = Duration::from_secs(30);

async fn run(args: &[&str]) -> Output {
    let output = Command::new(BINARY).args(args).kill_on_drop(true).output();
    timeout(LIMIT, output).await.unwrap().unwrap()
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

/// Starts the server on an OS-picked port and returns it with the address
/// from its listening line, once that line is out.
async fn start() -> (Child, SocketAddr) {
    let mut child = Command::new(BINARY)
        .args(["--port", "0", "--root", "/nonexistent"])
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    timeout(LIMIT, stdout.read_line(&mut line))
        .await
        .expect("no listening line in time")
        .unwrap();
    let address = line
        .strip_prefix("pyws dev server listening on http://")
        .and_then(|rest| rest.strip_suffix("/\n"))
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"));
    let address: SocketAddr = address.parse().unwrap();
    assert_eq!(address.ip().to_string(), "127.0.0.1");
    assert_ne!(address.port(), 0);
    (child, address)
}

#[tokio::test]
async fn port_zero_prints_the_real_address_and_serves() {
    let (_child, address) = start().await;
    let (mut client, _) = connect_async(format!("ws://{address}/echo")).await.unwrap();
    client
        .send(Message::text("through the binary"))
        .await
        .unwrap();
    let reply = client.next().await.unwrap().unwrap();
    assert_eq!(reply, Message::text("through the binary"));
}

#[cfg(unix)]
#[tokio::test]
async fn sigterm_shuts_down_cleanly_despite_open_sockets() {
    let (mut child, address) = start().await;
    // An open browser tab must not keep the server from stopping.
    let (_client, _) = connect_async(format!("ws://{address}/echo")).await.unwrap();
    let pid = child.id().unwrap().to_string();
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = timeout(LIMIT, child.wait()).await.unwrap().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[tokio::test]
async fn taken_port_is_a_clear_error() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = run(&["--port", &port]).await;
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(text(&output.stdout), "");
    assert_eq!(
        text(&output.stderr),
        format!(
            "error: cannot listen on 127.0.0.1:{port}: address already in use \
             (is another server running? choose another with --port)\n"
        )
    );
}

#[tokio::test]
async fn bad_arguments_print_usage() {
    for (args, message) in [
        (
            &["--bogus"][..],
            "error: unknown argument '--bogus'\n\nUsage: ",
        ),
        (
            &["--port", "http"][..],
            "error: invalid port 'http': expected a number from 0 to 65535\n\nUsage: ",
        ),
        (&["--root"][..], "error: --root needs a value\n\nUsage: "),
    ] {
        let output = run(args).await;
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(text(&output.stdout), "", "{args:?}");
        assert!(
            text(&output.stderr).starts_with(message),
            "{args:?}: {}",
            text(&output.stderr)
        );
    }
}

#[tokio::test]
async fn help_prints_usage() {
    let output = run(&["--help"]).await;
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(text(&output.stderr), "");
    assert_eq!(text(&output.stdout), pyws_server::cli::usage());
}
