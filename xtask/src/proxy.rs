//! A forwarding HTTP proxy that the browsers running the wasm-bindgen tests
//! load the test runner's page through, one connection per request.
//!
//! The runner's HTTP server (tiny_http 0.12) serves each connection on a
//! thread of a pool that can lose a wake-up when two connections arrive at
//! once: the second then waits behind idle keep-alive connections until the
//! browser drops one, and the page stalls (docs/testing.md, "The
//! wasm-bindgen runner's stalls"). Through this proxy every request reaches
//! the runner on a connection of its own, marked `Connection: close`, so
//! every task the pool runs ends with its response and none waits behind an
//! idle one. The browser is told to use it for the runner's address only
//! (see [`Proxy::capabilities`]).
//!
//! Only what the runner's page needs: `GET`/`HEAD`/`POST` with an absolute
//! `http://` URI and a `Content-Length` body, if any. Anything else is
//! answered `400` or, when the runner cannot be reached, `502`.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;

/// The address the runner binds and the browser visits through the proxy
/// (`WASM_BINDGEN_TEST_ADDRESS`): a loopback address other than 127.0.0.1,
/// so the browser can send it through the proxy while the dev server on
/// 127.0.0.1 stays direct.
pub const RUNNER_HOST: &str = "127.0.0.2";

/// Hosts the browser reaches without the proxy: everything the tests
/// connect to (the dev server on 127.0.0.1).
const DIRECT: [&str; 2] = ["127.0.0.1", "localhost"];

/// A running proxy on a free loopback port; stopped when dropped.
pub struct Proxy {
    /// `127.0.0.1:PORT`
    address: String,
    stop: Arc<AtomicBool>,
}

impl Proxy {
    pub fn start() -> Result<Proxy, String> {
        let listener =
            TcpListener::bind("127.0.0.1:0").map_err(|e| format!("proxy: no free port: {e}"))?;
        let address = listener
            .local_addr()
            .map_err(|e| format!("proxy: {e}"))?
            .to_string();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        thread::spawn(move || {
            for client in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(client) = client {
                    thread::spawn(move || forward(client));
                }
            }
        });
        Ok(Proxy { address, stop })
    }

    /// `WASM_BINDGEN_TEST_ADDRESS` for a runner reached through the proxy:
    /// [`RUNNER_HOST`] and a port free now.
    pub fn runner_address() -> Result<String, String> {
        let port = TcpListener::bind((RUNNER_HOST, 0))
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port on {RUNNER_HOST}: {e}"))?
            .port();
        Ok(format!("{RUNNER_HOST}:{port}"))
    }

    /// `capabilities` (a WebDriver capabilities JSON object, as in
    /// `webdriver.json`) with the standard `proxy` capability added: this
    /// proxy for HTTP, except for [`DIRECT`]'s hosts. `<-loopback>` takes
    /// away Chromium's implicit bypass of loopback hosts, which would
    /// otherwise keep the runner's address away from the proxy too.
    pub fn capabilities(&self, capabilities: &str) -> Result<String, String> {
        let rest = capabilities
            .trim_start()
            .strip_prefix('{')
            .ok_or("capabilities: not a JSON object")?;
        let no_proxy = std::iter::once("<-loopback>")
            .chain(DIRECT)
            .map(|host| format!("\"{host}\""))
            .collect::<Vec<_>>()
            .join(", ");
        Ok(format!(
            "{{\n  \"proxy\": {{\"proxyType\": \"manual\", \"httpProxy\": \"{}\", \"noProxy\": [{no_proxy}]}},{rest}",
            self.address
        ))
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accepting thread so it sees `stop`.
        let _ = TcpStream::connect(&self.address);
    }
}

/// Serves one request from `client` on a fresh connection to its host.
fn forward(client: TcpStream) {
    let mut reader = BufReader::new(match client.try_clone() {
        Ok(c) => c,
        Err(_) => return,
    });
    let mut client = client;
    let result = (|| -> io::Result<()> {
        let Some(request) = read_head(&mut reader)? else {
            return Ok(());
        };
        let Some((authority, head, length)) = rewrite(&request) else {
            return client.write_all(
                b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
            );
        };
        let mut upstream =
            match TcpStream::connect(&authority) {
                Ok(upstream) => upstream,
                Err(_) => return client.write_all(
                    b"HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
                ),
            };
        upstream.write_all(head.as_bytes())?;
        io::copy(&mut (&mut reader).take(length), &mut upstream)?;
        // The runner answers and closes; the answer goes back as it is.
        io::copy(&mut upstream, &mut client)?;
        Ok(())
    })();
    let _ = result;
    let _ = client.shutdown(Shutdown::Both);
}

/// The request's head (request line and headers, up to the blank line);
/// `None` if the client closed first.
fn read_head(reader: &mut impl BufRead) -> io::Result<Option<Vec<String>>> {
    let mut lines = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let line = line.trim_end_matches(['\r', '\n']).to_owned();
        if line.is_empty() {
            return Ok(Some(lines));
        }
        if lines.len() > 200 {
            return Err(io::Error::other("request head too long"));
        }
        lines.push(line);
    }
}

/// For a proxy request's head: the upstream `host:port`, the head to send
/// there (origin-form target, `Connection: close`, no hop-by-hop headers)
/// and the body's length.
fn rewrite(request: &[String]) -> Option<(String, String, u64)> {
    let (line, headers) = request.split_first()?;
    let mut parts = line.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    let rest = target.strip_prefix("http://")?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let authority = if authority.contains(':') {
        authority.to_owned()
    } else {
        format!("{authority}:80")
    };
    let mut head = format!("{method} {path} {version}\r\n");
    let mut length = 0;
    for header in headers {
        let (name, value) = header.split_once(':')?;
        let name_lower = name.trim().to_ascii_lowercase();
        if matches!(
            name_lower.as_str(),
            "connection" | "proxy-connection" | "keep-alive" | "proxy-authorization"
        ) {
            continue;
        }
        if name_lower == "content-length" {
            length = value.trim().parse().ok()?;
        }
        head.push_str(header);
        head.push_str("\r\n");
    }
    head.push_str("Connection: close\r\n\r\n");
    Some((authority, head, length))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_owned).collect()
    }

    #[test]
    fn a_request_goes_upstream_in_origin_form_on_a_connection_of_its_own() {
        let (authority, head, length) = rewrite(&lines(
            "GET http://127.0.0.2:4000/wasm-bindgen-test.js HTTP/1.1\nHost: 127.0.0.2:4000\nProxy-Connection: keep-alive\nAccept: */*",
        ))
        .unwrap();
        assert_eq!(authority, "127.0.0.2:4000");
        assert_eq!(
            head,
            "GET /wasm-bindgen-test.js HTTP/1.1\r\nHost: 127.0.0.2:4000\r\nAccept: */*\r\nConnection: close\r\n\r\n"
        );
        assert_eq!(length, 0);
    }

    #[test]
    fn a_body_length_is_kept_and_anything_but_an_absolute_http_uri_refused() {
        let (_, _, length) = rewrite(&lines(
            "POST http://127.0.0.2:4000/ HTTP/1.1\nContent-Length: 12",
        ))
        .unwrap();
        assert_eq!(length, 12);
        assert!(rewrite(&lines("GET / HTTP/1.1\nHost: x")).is_none());
        assert!(rewrite(&lines("CONNECT 127.0.0.2:4000 HTTP/1.1")).is_none());
    }

    #[test]
    fn the_proxy_capability_is_added_to_the_capabilities_object() {
        let proxy = Proxy {
            address: "127.0.0.1:5000".into(),
            stop: Arc::new(AtomicBool::new(true)),
        };
        let out = proxy.capabilities("{\n  \"timeouts\": {}\n}\n").unwrap();
        assert_eq!(
            out,
            "{\n  \"proxy\": {\"proxyType\": \"manual\", \"httpProxy\": \"127.0.0.1:5000\", \"noProxy\": [\"<-loopback>\", \"127.0.0.1\", \"localhost\"]},\n  \"timeouts\": {}\n}\n"
        );
        assert!(proxy.capabilities("[]").is_err());
        std::mem::forget(proxy);
    }

    #[test]
    fn a_page_is_served_through_it_from_a_real_server() {
        let server = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = server.local_addr().unwrap().port();
        let upstream = thread::spawn(move || {
            let (stream, _) = server.accept().unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let head = read_head(&mut reader).unwrap().unwrap();
            let mut stream = stream;
            stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                .unwrap();
            head
        });
        let proxy = Proxy::start().unwrap();
        let mut client = TcpStream::connect(&proxy.address).unwrap();
        write!(
            client,
            "GET http://127.0.0.1:{port}/page HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: keep-alive\r\n\r\n"
        )
        .unwrap();
        let mut answer = String::new();
        client.read_to_string(&mut answer).unwrap();
        assert_eq!(answer, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assert_eq!(
            upstream.join().unwrap(),
            [
                "GET /page HTTP/1.1".to_owned(),
                format!("Host: 127.0.0.1:{port}"),
                "Connection: close".to_owned()
            ]
        );
    }
}
