//! The Python packages pyws adds to each interpreter (`src/python/`:
//! `websockets` and `websocket`; `src/brython/`: Brython's `asyncio`), as
//! they ship.
//!
//! They are not in the wasm: a page that never imports them never fetches
//! them. What the wasm holds (`build.rs` writes it with [`embedded`]) is a
//! stub per top-level package, which fetches `pyws_modules.json` (written
//! into pkg/ by `cargo xtask build` with [`json`]) at the package's first
//! import, and the `.dist-info`s that tell micropip `websockets` and
//! `websocket-client` are installed. Used by `build.rs` and xtask, and tested natively here.

use std::fs;
use std::path::Path;

use super::literal::quote;
use super::minify;

/// The websockets API version pyws's `websockets` mirrors (its
/// `version.py` says the same).
pub const WEBSOCKETS_API: &str = "17.0";

/// The directories under the crate root whose `.py` files ship, by what they
/// serve: every Python adapter, or Brython's only.
pub const SOURCES: [&str; 2] = ["src/python", "src/brython"];

/// `(path, minified source)` of every `.py` file under `dir` (below the crate
/// `root`), by its path under `dir`, sorted.
pub fn read(root: &Path, dir: &str) -> Vec<(String, String)> {
    let mut files = Vec::new();
    walk(&root.join(dir), Path::new(""), &mut files);
    files.sort();
    files
}

fn walk(dir: &Path, prefix: &Path, files: &mut Vec<(String, String)>) {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a readable directory").path();
        let name = prefix.join(path.file_name().expect("a file name"));
        if path.is_dir() {
            walk(&path, &name, files);
        } else if path.extension().is_some_and(|e| e == "py") {
            let source =
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            files.push((name.to_string_lossy().into_owned(), minify::python(&source)));
        }
    }
}

/// The top-level names `files` define: `websockets` for `websockets/…`,
/// `asyncio` for `asyncio.py`, each once, in order.
pub fn top_level(files: &[(String, String)]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (path, _) in files {
        let name = match path.split_once('/') {
            Some((package, _)) => package,
            None => path.trim_end_matches(".py"),
        };
        if names.last().map(String::as_str) != Some(name) {
            names.push(name.to_owned());
        }
    }
    names
}

/// A JSON object of `files`, path to source.
fn object(files: &[(String, String)]) -> String {
    let entries: Vec<String> = files
        .iter()
        .map(|(path, source)| format!("{}: {}", quote(path), quote(source)))
        .collect();
    format!("{{{}}}", entries.join(", "))
}

/// A JSON array of `names`.
fn array(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| quote(name)).collect();
    format!("[{}]", quoted.join(", "))
}

/// `pyws_modules.json`: `{"python": {path: source}, "brython": {path:
/// source}}`, the second what Brython adds to the first.
pub fn json(root: &Path) -> String {
    json_of(&SOURCES.map(|dir| read(root, dir)))
}

/// [`json`] of the files already read from each of [`SOURCES`].
fn json_of([python, brython]: &[Vec<(String, String)>; 2]) -> String {
    format!(
        "{{\"python\": {}, \"brython\": {}}}",
        object(python),
        object(brython)
    )
}

/// What the wasm holds: `{"python": [top-level names], "brython": [the
/// names Brython adds], "timestamp": N, "files": {path: text}}`: N a hash
/// of every source (Brython's module cache recompiles a module whose
/// timestamp changed), and the files the `.dist-info` the Pyodide and
/// MicroPython adapters write at install.
pub fn embedded(root: &Path) -> String {
    let sources = SOURCES.map(|dir| read(root, dir));
    let timestamp = fnv1a(json_of(&sources).bytes());
    let [python, brython] = sources.map(|files| array(&top_level(&files)));
    format!(
        "{{\"python\": {python}, \"brython\": {brython}, \"timestamp\": {timestamp}, \"files\": {}}}",
        object(&dist_info())
    )
}

/// The distributions pyws provides, as micropip should count them
/// installed: (name, version, top-level package, what it implements).
/// `websocket`'s version is websocket-client's API it mirrors (its
/// `__init__.py` says the same).
pub const DISTRIBUTIONS: [(&str, &str, &str, &str); 2] = [
    (
        "websockets",
        WEBSOCKETS_API,
        "websockets",
        "the websockets client API",
    ),
    (
        "websocket-client",
        "1.9.0",
        "websocket",
        "the websocket-client API",
    ),
];

/// The `.dist-info` of each of [`DISTRIBUTIONS`], so that micropip counts
/// pyws's `websockets` and `websocket` installed and a package depending on
/// `websockets` or `websocket-client` installs without them.
pub fn dist_info() -> Vec<(String, String)> {
    let mut files = Vec::new();
    for (name, version, top, what) in DISTRIBUTIONS {
        let dir = format!("{}-{version}.dist-info", name.replace('-', "_"));
        let metadata = format!(
            "Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\
             Summary: pyws's browser implementation of {what}\n"
        );
        files.push((format!("{dir}/METADATA"), metadata));
        files.push((format!("{dir}/top_level.txt"), format!("{top}\n")));
        files.push((format!("{dir}/INSTALLER"), "pyws\n".into()));
        // micropip.list() lists only distributions with this file (as what
        // loadPackage or micropip installed), giving its text as the source.
        files.push((format!("{dir}/PYODIDE_SOURCE"), "pyws".into()));
    }
    files
}

/// The 32-bit FNV-1a hash of `bytes`.
fn fnv1a(bytes: impl Iterator<Item = u8>) -> u32 {
    bytes.fold(0x811c_9dc5, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The crate's root: the manifest's directory, or its parent when the
    /// tests run in xtask, which includes this module too.
    fn root() -> &'static Path {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        if dir.join(SOURCES[0]).is_dir() {
            dir
        } else {
            dir.parent().expect("xtask lives below the root")
        }
    }

    #[test]
    fn top_level_names_each_package_and_module_once() {
        let files: Vec<(String, String)> = ["a/__init__.py", "a/b/c.py", "a/d.py", "e.py"]
            .iter()
            .map(|p| (p.to_string(), String::new()))
            .collect();
        assert_eq!(top_level(&files), ["a", "e"]);
    }

    #[test]
    fn the_wasm_names_the_packages_and_brython_s_asyncio_and_holds_no_source() {
        let embedded = embedded(root());
        assert!(
            embedded.starts_with(
                r#"{"python": ["websocket", "websockets"], "brython": ["asyncio"], "timestamp": "#
            ),
            "{embedded}"
        );
        assert!(!embedded.contains(".py"), "{embedded}");
        // Both distributions are installed as micropip sees it.
        for dist_info in [
            "websockets-17.0.dist-info",
            "websocket_client-1.9.0.dist-info",
        ] {
            assert!(
                embedded.contains(&format!("{dist_info}/PYODIDE_SOURCE")),
                "{embedded}"
            );
        }
    }

    #[test]
    fn the_modules_file_holds_every_source_minified() {
        let json = json(root());
        assert!(json.contains("\"websockets/asyncio/client.py\": \"import asyncio"));
        assert!(json.contains("\"asyncio.py\": "));
        assert!(
            !json.contains("# websockets.asyncio.client"),
            "comments are minified away"
        );
    }
}
