//! Starts and stops the dev server for the browser test suites.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::run::step;

const LISTENING: &str = "pyws dev server listening on ";

/// A dev server started by xtask; stopped when dropped, whatever happened.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT/`
    pub base_url: String,
    /// The server's executable, for suites that start servers of their own.
    pub binary: PathBuf,
}

impl Server {
    /// Builds (with the cargo `profile`) and starts the server on a free
    /// loopback port, and waits for it to say where it listens.
    pub fn start(root: &Path, profile: &str) -> Result<Server, String> {
        step(
            Command::new("cargo")
                .args([
                    "build",
                    "--quiet",
                    "-p",
                    "pyws-server",
                    "--profile",
                    profile,
                ])
                .current_dir(root),
        )?;
        let dir = if profile == "dev" { "debug" } else { profile };
        let binary = root.join("target").join(dir).join("pyws-server");
        let mut child = Command::new(&binary)
            .args(["--host", "127.0.0.1", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start the dev server: {e}"))?;
        let mut lines = BufReader::new(child.stdout.take().expect("piped")).lines();
        let first = lines.next().and_then(Result::ok).unwrap_or_default();
        let Some(url) = first.strip_prefix(LISTENING) else {
            let _ = child.kill();
            return Err(format!("the dev server did not start (it said {first:?})"));
        };
        // Keep draining the server's output so it never blocks on a full pipe.
        std::thread::spawn(move || {
            lines
                .map_while(Result::ok)
                .for_each(|l| println!("[server] {l}"))
        });
        println!("xtask: dev server at {url}");
        Ok(Server {
            child,
            base_url: url.to_owned(),
            binary,
        })
    }

    /// `ws://127.0.0.1:PORT/echo`
    pub fn echo_url(&self) -> String {
        format!("{}echo", self.base_url.replacen("http://", "ws://", 1))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        println!("xtask: dev server stopped");
    }
}

/// Runs the server in the foreground (for `demo`) until Ctrl-C.
pub fn run_foreground(root: &Path, port: &str) -> Result<(), String> {
    step(
        Command::new("cargo")
            .args([
                "run",
                "--quiet",
                "-p",
                "pyws-server",
                "--",
                "--host",
                "127.0.0.1",
                "--port",
                port,
                "--root",
            ])
            .arg(root)
            .current_dir(root),
    )
}
