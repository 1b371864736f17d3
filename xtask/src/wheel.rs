//! Builds the Pyodide wheel, `pyws_browser-<version>-py3-none-any.whl`:
//! `python/pyws/` (the package's Python and its type stubs), the Pyodide
//! and MicroPython build's wasm and its JS glue from pkg/, made a classic
//! script, the sources of the Python packages pyws adds
//! (`pyws_modules.json`), and `__builtins__.pyi` for pyright. flit_core (from PyPI, in the
//! venv the bootstrap makes) writes the wheel.
//!
//! PyPI's `pyws` is an unrelated project, so the distribution is
//! `pyws-browser`; the import name stays `pyws`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::bootstrap;
use crate::build;
use crate::run::step;

/// Where `cargo xtask wheel` and `test` put the wheel, below the root; the
/// dev server serves it at `/wheel/`.
pub const OUT: &str = "target/wheel";

/// The wheel's distribution name.
pub const DISTRIBUTION: &str = "pyws-browser";

/// The package metadata flit_core reads; `@NAME@` is [`DISTRIBUTION`],
/// `@VERSION@` and `@LICENSE@` are Cargo.toml's.
const PYPROJECT: &str = r#"[build-system]
requires = ["flit_core>=3.4,<5"]
build-backend = "flit_core.buildapi"

[project]
name = "@NAME@"
version = "@VERSION@"
description = "A websocket() builtin backed by the browser's WebSocket, for Pyodide (import pyws)"
license = "@LICENSE@"
requires-python = ">=3.12"
classifiers = ["Environment :: WebAssembly :: Emscripten", "Typing :: Typed"]

[tool.flit.module]
name = "pyws"
"#;

/// What the head of `__builtins__.pyi` says; the rest is `__init__.pyi`.
const BUILTINS_HEADER: &str = "\
# pyws's builtins for pyright and Pylance: put this file at the root of your
# project (or in its stubPath) and websocket() and the ConnectionClosed
# exceptions need no import. (mypy cannot be taught builtins: import them
# from pyws there.) A copy of pyws/__init__.pyi.
";

/// Builds the wheel from pkg/ (`cargo xtask build` first) into `out`, and
/// returns its path.
///
/// # Errors
/// When pkg/ lacks the Python build, or esbuild or flit_core fails.
pub fn build(root: &Path, out: &Path) -> Result<PathBuf, String> {
    let io = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
    let glue = root.join("pkg/pyws_python.js");
    let wasm = root.join("pkg/pyws_python_bg.wasm");
    if !glue.is_file() || !wasm.is_file() {
        return Err("pkg/ has no Pyodide build: run `cargo xtask build` first".into());
    }
    let version = package_field(root, "version")?;
    let source = root.join("target/wheel-src");
    let package = source.join("pyws");
    let _ = fs::remove_dir_all(&source);
    fs::create_dir_all(&package).map_err(|e| io(&package, e))?;
    fs::create_dir_all(out).map_err(|e| io(out, e))?;

    let python = root.join("python/pyws");
    for entry in fs::read_dir(&python).map_err(|e| io(&python, e))? {
        let from = entry.map_err(|e| io(&python, e))?.path();
        if from.is_file() {
            let to = package.join(from.file_name().expect("a file has a name"));
            fs::copy(&from, &to).map_err(|e| io(&from, e))?;
        }
    }
    let stubs = fs::read_to_string(python.join("__init__.pyi")).map_err(|e| io(&python, e))?;
    let builtins = package.join("__builtins__.pyi");
    fs::write(&builtins, format!("{BUILTINS_HEADER}{stubs}")).map_err(|e| io(&builtins, e))?;

    // The glue as a classic script defining `var pyws`, which the package
    // runs with js.Function: an ES module cannot be run synchronously. Its
    // one `import.meta.url`, the wasm's default URL, is never read (the
    // package hands initSync the bytes).
    build::esbuild(
        root,
        &glue,
        &package.join("pyws_python.js"),
        &[
            "--format=iife",
            "--global-name=pyws",
            "--log-override:empty-import-meta=silent",
        ],
    )?;
    fs::copy(&wasm, package.join("pyws_python_bg.wasm")).map_err(|e| io(&wasm, e))?;
    let modules = root.join("pkg").join(build::MODULES);
    fs::copy(&modules, package.join(build::MODULES)).map_err(|e| io(&modules, e))?;

    let pyproject = source.join("pyproject.toml");
    let metadata = PYPROJECT
        .replace("@NAME@", DISTRIBUTION)
        .replace("@VERSION@", &version)
        .replace("@LICENSE@", &package_field(root, "license")?);
    fs::write(&pyproject, metadata).map_err(|e| io(&pyproject, e))?;
    let wheel = out.join(wheel_name(&version));
    let _ = fs::remove_file(&wheel);
    step(
        Command::new(bootstrap::python_venv(root).join("bin/python"))
            .args(["-m", "flit_core.wheel", "--outdir"])
            .arg(out)
            .arg(&source)
            // The same files make the same wheel (flit_core dates its
            // entries from this; zip dates start in 1980).
            .env("SOURCE_DATE_EPOCH", "315532800"),
    )?;
    if !wheel.is_file() {
        return Err(format!("flit_core wrote no {}", wheel.display()));
    }
    println!("xtask: built {}", wheel.display());
    Ok(wheel)
}

/// The wheel's file name for `version`.
pub fn wheel_name(version: &str) -> String {
    format!(
        "{}-{version}-py3-none-any.whl",
        DISTRIBUTION.replace('-', "_")
    )
}

/// A string field of the pyws crate's `[package]` in the root Cargo.toml.
pub fn package_field(root: &Path, name: &str) -> Result<String, String> {
    let manifest = fs::read_to_string(root.join("Cargo.toml")).map_err(|e| e.to_string())?;
    let prefix = format!("{name} = \"");
    manifest
        .lines()
        .skip_while(|line| line.trim() != "[package]")
        .take_while(|line| line.trim() == "[package]" || !line.starts_with('['))
        .find_map(|line| line.trim().strip_prefix(prefix.as_str()))
        .and_then(|rest| rest.split('"').next())
        .map(str::to_owned)
        .ok_or_else(|| format!("Cargo.toml's [package] has no {name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wheel_is_named_for_the_distribution_and_the_crate_version() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("root");
        let version = package_field(root, "version").expect("a version");
        assert!(
            version.split('.').all(|n| n.parse::<u32>().is_ok()),
            "{version}"
        );
        assert_eq!(
            wheel_name(&version),
            format!("pyws_browser-{version}-py3-none-any.whl")
        );
    }
}
