//! Writes out, into `$OUT_DIR`, what the adapters embed:
//! - the Python shim (`src/host/install.py` and `src/host/websocket.py`) as
//!   it ships: its `pyws:doc` docstrings filled in from `src/host/api.rs`,
//!   `websocket.py` starting with the API's Python literals, both minified
//!   by `src/host/minify.rs`;
//! - `api.json`, the same API for the Brython adapter;
//! - `modules.json`, what the adapters need of the Python packages pyws adds
//!   (`src/python/`, `src/brython/`) before their first import: their names
//!   and the `.dist-info` (see `src/host/modules.rs`; their sources ship
//!   beside the package, in `pyws_modules.json`).

use std::path::{Path, PathBuf};
use std::{env, fs};

#[path = "src/host/api.rs"]
#[allow(dead_code)]
mod api;
#[path = "src/host/literal.rs"]
mod literal;
#[path = "src/host/minify.rs"]
mod minify;
#[path = "src/host/modules.rs"]
#[allow(dead_code)]
mod modules;

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let write = |name: &str, text: String| {
        fs::write(out.join(name), text).expect("OUT_DIR is writable");
    };
    for path in ["src/host/minify.rs", "src/host/api.rs"] {
        println!("cargo:rerun-if-changed={path}");
    }
    for name in ["install.py", "websocket.py"] {
        let path = format!("src/host/{name}");
        println!("cargo:rerun-if-changed={path}");
        let mut source = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        if name == "websocket.py" {
            source.insert_str(0, &api::api_py());
        }
        write(name, minify::python(&api::with_docs(&source)));
    }
    write("api.json", api::api_json());
    println!("cargo:rerun-if-changed=src/host/modules.rs");
    for dir in modules::SOURCES {
        println!("cargo:rerun-if-changed={dir}");
    }
    write("modules.json", modules::embedded(Path::new(".")));
}
