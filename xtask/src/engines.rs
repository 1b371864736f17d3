//! The browser engines the tests run in, and what each needs running
//! beside it: an X display for WebKit's MiniBrowser, and WebKitWebDriver for
//! the wasm-bindgen tests there.

use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::bootstrap::{WEBKIT_DRIVER, XVFB};

/// A browser engine, as the end-to-end fixture names it (`PYWS_ENGINE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Debian's Chromium, through chromedriver.
    Chromium,
    /// Debian's Firefox ESR, through geckodriver.
    Firefox,
    /// WebKitGTK's MiniBrowser, through WebKitWebDriver.
    Webkit,
}

impl Engine {
    pub const ALL: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::Webkit];

    /// `PYWS_ENGINE`'s value for it.
    pub fn id(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::Webkit => "webkit",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Engine::Chromium => "Chromium",
            Engine::Firefox => "Firefox",
            Engine::Webkit => "WebKit",
        }
    }
}

/// The locale the browsers run in (see `bootstrap::utf8_locale`).
pub const LANG: &str = "en_US.UTF-8";

/// A process stopped (killed and reaped) when dropped, whatever happened;
/// with `group`, every process of its process group too.
struct Guarded {
    child: Child,
    group: bool,
}

impl Drop for Guarded {
    fn drop(&mut self) {
        if self.group {
            // std kills one process; `kill` takes a negated group id.
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", self.child.id())])
                .status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An Xvfb X server on a display of its own, for MiniBrowser (which has no
/// headless mode); stopped when dropped.
pub struct Display {
    _server: Guarded,
    /// `DISPLAY`'s value for it, `:N`.
    name: String,
}

impl Display {
    pub fn start() -> Result<Display, String> {
        // The first display number nobody holds (X servers leave a lock file).
        let number = (99..199)
            .find(|n| !Path::new(&format!("/tmp/.X{n}-lock")).exists())
            .ok_or("no free X display between :99 and :198")?;
        let name = format!(":{number}");
        let child = Command::new(XVFB)
            .args([&name, "-screen", "0", "1280x1024x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {XVFB}: {e}"))?;
        let server = Guarded {
            child,
            group: false,
        };
        let socket = format!("/tmp/.X11-unix/X{number}");
        wait_until(Duration::from_secs(20), || Path::new(&socket).exists())
            .map_err(|()| format!("Xvfb did not open {socket} within 20 s"))?;
        println!("xtask: Xvfb on display {name}");
        Ok(Display {
            _server: server,
            name,
        })
    }

    /// Points `command` (and every WebKit process it starts) at this
    /// display, with WebKit's accelerated compositing off: under Xvfb the
    /// web process composites with Mesa's software rasteriser, whose
    /// OpenGL once crashed its compositor thread mid-suite (a segfault in
    /// `swrast_dri.so`, "WebProcess CRASHED"); without compositing it runs
    /// no compositor thread and no rasteriser threads.
    pub fn apply(&self, command: &mut Command) {
        command
            .env("DISPLAY", &self.name)
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

/// WebKitWebDriver on a free loopback port, on `display`; stopped when
/// dropped.
pub struct WebkitDriver {
    _driver: Guarded,
    /// `http://127.0.0.1:PORT`
    pub url: String,
}

impl WebkitDriver {
    pub fn start(display: &Display) -> Result<WebkitDriver, String> {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let mut command = Command::new(WEBKIT_DRIVER);
        display.apply(&mut command);
        let child = command
            .arg(format!("--port={port}"))
            .env("LANG", LANG)
            .stdout(Stdio::null())
            // A group of its own, which the MiniBrowser it starts joins: a
            // session whose page crashed can leave MiniBrowser running
            // after the driver, holding this process's standard error open.
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start {WEBKIT_DRIVER}: {e}"))?;
        let driver = Guarded { child, group: true };
        wait_until(Duration::from_secs(20), || {
            TcpStream::connect(("127.0.0.1", port)).is_ok()
        })
        .map_err(|()| format!("WebKitWebDriver did not listen on port {port} within 20 s"))?;
        Ok(WebkitDriver {
            _driver: driver,
            url: format!("http://127.0.0.1:{port}"),
        })
    }
}

fn wait_until(limit: Duration, mut done: impl FnMut() -> bool) -> Result<(), ()> {
    let start = Instant::now();
    while !done() {
        if start.elapsed() > limit {
            return Err(());
        }
        sleep(Duration::from_millis(50));
    }
    Ok(())
}
