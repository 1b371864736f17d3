//! Embeds the Python shim (`src/host/websocket.py`) as it ships: minified by
//! `src/host/minify.rs`, into `$OUT_DIR/websocket.py`.

use std::path::PathBuf;
use std::{env, fs};

#[path = "src/host/minify.rs"]
mod minify;

fn main() {
    const SHIM: &str = "src/host/websocket.py";
    println!("cargo:rerun-if-changed={SHIM}");
    println!("cargo:rerun-if-changed=src/host/minify.rs");
    let source = fs::read_to_string(SHIM).expect("src/host/websocket.py is readable");
    let out =
        PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("websocket.py");
    fs::write(out, minify::python(&source)).expect("OUT_DIR is writable");
}
