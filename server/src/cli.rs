//! Command-line handling for the `pyws-server` binary: arguments, the
//! listening socket and the messages a user sees.

use std::{
    error::Error,
    ffi::OsString,
    fmt, io,
    net::SocketAddr,
    path::{Path, PathBuf},
};

use tokio::net::TcpListener;

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Run the server.
    Serve(Options),
    /// Print the usage text and exit.
    Help,
}

/// Settings for running the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Host name or address to listen on.
    pub host: String,
    /// Port to listen on; 0 lets the OS pick one.
    pub port: u16,
    /// Workspace root holding `www/`, `pkg/` and `node_modules/`.
    pub root: PathBuf,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            host: "127.0.0.1".to_owned(),
            port: 8000,
            root: default_root(),
        }
    }
}

/// The workspace this binary was built in, so `cargo run -p pyws-server`
/// works from anywhere in it.
pub fn default_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// The help text, also shown after a usage error.
pub fn usage() -> String {
    format!(
        "Usage: pyws-server [--host H] [--port P] [--root DIR]

Serves the pyws demo pages, the WebSocket endpoint /echo and the fault
endpoints /drop, /close, /reject, /flood, /greet and /slow.

Options:
  --host H      host to listen on (default: 127.0.0.1)
  --port P      port to listen on, 0 lets the OS pick (default: 8000)
  --root DIR    workspace root holding www/, pkg/, node_modules/ and target/consumer/
                (default: {})
  -h, --help    print this help
",
        default_root().display()
    )
}

/// A command line that cannot be understood; the message names the culprit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Error for UsageError {}

/// Parses the arguments after the program name. Values follow their flag
/// either as the next argument or after `=` (`--port 9000`, `--port=9000`).
pub fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Command, UsageError> {
    let mut options = Options::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let Some(arg) = arg.to_str() else {
            return Err(UsageError(format!(
                "unknown argument '{}'",
                arg.to_string_lossy()
            )));
        };
        let (flag, inline_value) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value)),
            _ => (arg, None),
        };
        let mut value = || match inline_value {
            Some(value) => Ok(OsString::from(value)),
            None => args
                .next()
                .ok_or_else(|| UsageError(format!("{flag} needs a value"))),
        };
        match flag {
            "-h" | "--help" if inline_value.is_none() => return Ok(Command::Help),
            "--host" => {
                let host = value()?;
                options.host = host.into_string().map_err(|host| {
                    UsageError(format!("invalid host '{}'", host.to_string_lossy()))
                })?;
            }
            "--port" => {
                let port = value()?;
                options.port = port.to_str().and_then(|p| p.parse().ok()).ok_or_else(|| {
                    UsageError(format!(
                        "invalid port '{}': expected a number from 0 to 65535",
                        port.to_string_lossy()
                    ))
                })?;
            }
            "--root" => options.root = value()?.into(),
            _ => return Err(UsageError(format!("unknown argument '{arg}'"))),
        }
    }
    Ok(Command::Serve(options))
}

/// Failure to open the listening socket.
#[derive(Debug)]
pub struct ListenError {
    address: String,
    source: io::Error,
}

impl ListenError {
    /// The OS error behind the failure.
    pub fn io_error(&self) -> &io::Error {
        &self.source
    }
}

impl fmt::Display for ListenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let address = &self.address;
        if self.source.kind() == io::ErrorKind::AddrInUse {
            write!(
                f,
                "cannot listen on {address}: address already in use \
                 (is another server running? choose another with --port)"
            )
        } else {
            write!(f, "cannot listen on {address}: {}", self.source)
        }
    }
}

impl Error for ListenError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.source)
    }
}

/// Binds the listening socket; the error says which address failed and why.
pub async fn listen(host: &str, port: u16) -> Result<TcpListener, ListenError> {
    TcpListener::bind((host, port))
        .await
        .map_err(|source| ListenError {
            address: if host.contains(':') {
                format!("[{host}]:{port}")
            } else {
                format!("{host}:{port}")
            },
            source,
        })
}

/// The line printed once the server listens; other programs wait for it.
pub fn listening_line(address: SocketAddr) -> String {
    format!("pyws dev server listening on http://{address}/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, UsageError> {
        parse_args(args.iter().map(OsString::from))
    }

    fn serve(host: &str, port: u16, root: PathBuf) -> Result<Command, UsageError> {
        Ok(Command::Serve(Options {
            host: host.to_owned(),
            port,
            root,
        }))
    }

    fn error(message: &str) -> Result<Command, UsageError> {
        Err(UsageError(message.to_owned()))
    }

    #[test]
    fn defaults() {
        assert_eq!(parse(&[]), serve("127.0.0.1", 8000, default_root()));
        let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR")).file_name().unwrap();
        assert!(default_root().join(crate_dir).join("Cargo.toml").is_file());
    }

    #[test]
    fn all_options_in_both_forms() {
        let expected = serve("0.0.0.0", 0, PathBuf::from("/srv/pyws"));
        assert_eq!(
            parse(&["--host", "0.0.0.0", "--port", "0", "--root", "/srv/pyws"]),
            expected
        );
        assert_eq!(
            parse(&["--root=/srv/pyws", "--port=0", "--host=0.0.0.0"]),
            expected
        );
    }

    #[test]
    fn a_later_flag_wins() {
        assert_eq!(
            parse(&["--port", "1", "--port", "65535"]),
            serve("127.0.0.1", 65535, default_root())
        );
    }

    #[test]
    fn help() {
        assert_eq!(parse(&["--help"]), Ok(Command::Help));
        assert_eq!(parse(&["--port", "1", "-h"]), Ok(Command::Help));
        assert!(usage().starts_with("Usage: pyws-server [--host H] [--port P] [--root DIR]\n"));
    }

    #[test]
    fn bad_ports() {
        let message =
            |port: &str| format!("invalid port '{port}': expected a number from 0 to 65535");
        for port in ["65536", "-1", "http", ""] {
            assert_eq!(parse(&["--port", port]), error(&message(port)));
        }
    }

    #[test]
    fn unknown_arguments_and_missing_values() {
        assert_eq!(parse(&["--verbose"]), error("unknown argument '--verbose'"));
        assert_eq!(parse(&["8000"]), error("unknown argument '8000'"));
        assert_eq!(parse(&["--help=1"]), error("unknown argument '--help=1'"));
        assert_eq!(parse(&["--port"]), error("--port needs a value"));
        assert_eq!(
            parse(&["--host", "h", "--root"]),
            error("--root needs a value")
        );
    }

    #[tokio::test]
    async fn taken_port_is_explained() {
        let taken = listen("127.0.0.1", 0).await.unwrap();
        let port = taken.local_addr().unwrap().port();
        let error = listen("127.0.0.1", port).await.unwrap_err();
        assert_eq!(error.io_error().kind(), io::ErrorKind::AddrInUse);
        assert_eq!(
            error.to_string(),
            format!(
                "cannot listen on 127.0.0.1:{port}: address already in use \
                 (is another server running? choose another with --port)"
            )
        );
    }

    #[tokio::test]
    async fn other_bind_errors_name_the_address() {
        // 192.0.2.1 (TEST-NET-1) is never a local address, so binding fails.
        let error = listen("192.0.2.1", 8000).await.unwrap_err();
        let message = error.to_string();
        assert!(
            message.starts_with("cannot listen on 192.0.2.1:8000: "),
            "{message}"
        );
        assert!(
            message.ends_with(&error.io_error().to_string()),
            "{message}"
        );
        assert_eq!(
            listen("::ffff:192.0.2.1", 8000).await.unwrap_err().address,
            "[::ffff:192.0.2.1]:8000"
        );
    }

    #[test]
    fn listening_line_format() {
        assert_eq!(
            listening_line("127.0.0.1:8000".parse().unwrap()),
            "pyws dev server listening on http://127.0.0.1:8000/"
        );
        assert_eq!(
            listening_line("[::1]:9000".parse().unwrap()),
            "pyws dev server listening on http://[::1]:9000/"
        );
    }
}
