//! Embeds the Python shim (`src/host/install.py` and `src/host/websocket.py`)
//! as it ships: minified by `src/host/minify.rs`, into `$OUT_DIR`.

use std::path::PathBuf;
use std::{env, fs};

#[path = "src/host/minify.rs"]
mod minify;

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=src/host/minify.rs");
    for name in ["install.py", "websocket.py"] {
        let path = format!("src/host/{name}");
        println!("cargo:rerun-if-changed={path}");
        let source = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        fs::write(out.join(name), minify::python(&source)).expect("OUT_DIR is writable");
    }
}
