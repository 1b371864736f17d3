//! Builds pkg/: the wasm-pack output plus the Brython loader.

use std::path::Path;
use std::process::Command;

use crate::run::{step, tool_path};

/// `wasm-pack build --release --target web` into pkg/, with wasm-opt taken
/// from the npm `binaryen` package (Debian's is too old for this Rust).
///
/// `--weak-refs` lets the JS garbage collector free a socket's Rust side
/// once its JS object is unreachable.
pub fn package(root: &Path) -> Result<(), String> {
    step(
        Command::new("wasm-pack")
            .args([
                "build",
                "--release",
                "--target",
                "web",
                "--weak-refs",
                "--no-pack",
            ])
            .args(["--out-dir", "pkg", "--out-name", "pyws"])
            .current_dir(root)
            .env("PATH", tool_path(root)),
    )
}
