//! Writes out, into `$OUT_DIR`, what the adapters embed:
//! - the Python shim (`src/host/install.py` and `src/host/websocket.py`) as
//!   it ships: its `pyws:doc` docstrings filled in from `src/host/api.rs`,
//!   `websocket.py` starting with the API's Python literals, both minified
//!   by `src/host/minify.rs`;
//! - `api.json`, the same API for the Brython adapter;
//! - `python_files.json`, the Python packages pyws adds to Pyodide and
//!   MicroPython (`src/python/`: `websockets`), each file minified, with
//!   the `.dist-info` that tells micropip `websockets` is installed;
//! - `brython_files.json`, what the Brython adapter adds to those
//!   (`src/brython/`: `asyncio`, since Brython's is a placeholder), minified,
//!   and a hash of every Python source it puts into Brython's virtual file
//!   system, which tells Brython's module cache when they changed.

use std::path::{Path, PathBuf};
use std::{env, fs};

#[path = "src/host/api.rs"]
#[allow(dead_code)]
mod api;
#[path = "src/host/minify.rs"]
mod minify;

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
    println!("cargo:rerun-if-changed=src/python");
    let mut files = Vec::new();
    python_files(Path::new("src/python"), Path::new(""), &mut files);
    files.sort();
    let metadata = format!(
        "Metadata-Version: 2.1\nName: websockets\nVersion: {WEBSOCKETS_API}\n\
         Summary: pyws's browser implementation of the websockets client API\n"
    );
    let dist_info = format!("websockets-{WEBSOCKETS_API}.dist-info");
    files.push((format!("{dist_info}/METADATA"), metadata));
    files.push((format!("{dist_info}/top_level.txt"), "websockets\n".into()));
    files.push((format!("{dist_info}/INSTALLER"), "pyws\n".into()));
    // micropip.list() lists only distributions with this file (as what
    // loadPackage or micropip installed), giving its text as the source.
    files.push((format!("{dist_info}/PYODIDE_SOURCE"), "pyws".into()));
    let entries: Vec<String> = files
        .iter()
        .map(|(path, source)| format!("{}: {}", api::quote(path), api::quote(source)))
        .collect();
    let python_json = format!("{{{}}}", entries.join(", "));
    println!("cargo:rerun-if-changed=src/brython");
    let mut brython = Vec::new();
    python_files(Path::new("src/brython"), Path::new(""), &mut brython);
    brython.sort();
    let brython_entries: Vec<String> = brython
        .iter()
        .map(|(path, source)| format!("{}: {}", api::quote(path), api::quote(source)))
        .collect();
    let brython_json = format!("{{{}}}", brython_entries.join(", "));
    let hash = fnv1a(python_json.bytes().chain(brython_json.bytes()));
    write(
        "brython_files.json",
        format!("{{\"files\": {brython_json}, \"timestamp\": {hash}}}"),
    );
    write("python_files.json", python_json);
}

/// The 32-bit FNV-1a hash of `bytes`: the Brython modules' "timestamp", which
/// Brython compares with the one its IndexedDB cache of compiled modules
/// recorded, so a new pyws recompiles them.
fn fnv1a(bytes: impl Iterator<Item = u8>) -> u32 {
    bytes.fold(0x811c_9dc5, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// The websockets API version pyws's `websockets` mirrors (its
/// `version.py` says the same).
const WEBSOCKETS_API: &str = "17.0";

/// Every `.py` file under `dir`, minified, by its path under `src/python`.
fn python_files(dir: &Path, prefix: &Path, files: &mut Vec<(String, String)>) {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a readable directory").path();
        let name = prefix.join(path.file_name().expect("a file name"));
        if path.is_dir() {
            python_files(&path, &name, files);
        } else if path.extension().is_some_and(|e| e == "py") {
            let source =
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            files.push((name.to_string_lossy().into_owned(), minify::python(&source)));
        }
    }
}
