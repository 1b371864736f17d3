//! Installs the tools the build and the tests need, when they are missing.
//!
//! Every check is cheap (a `--version` call or a file comparison), so a
//! machine that has everything pays a second or two. What is installed is
//! announced on its own line, starting with `xtask: installing`.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::run::{capture, step};

const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// What `build` and `demo` need: the wasm target, wasm-bindgen-cli of the
/// pinned version, wasm-pack, and the npm packages (binaryen's wasm-opt, and
/// the interpreters the dev server serves).
pub fn build_tools(root: &Path) -> Result<(), String> {
    wasm_target()?;
    wasm_bindgen_cli(root)?;
    wasm_pack()?;
    npm_packages(root)
}

/// What `test` needs on top: Chromium and its driver.
pub fn test_tools(root: &Path) -> Result<(), String> {
    build_tools(root)?;
    chromium()
}

fn wasm_target() -> Result<(), String> {
    let installed = capture(Command::new("rustup").args(["target", "list", "--installed"]))?;
    if !installed.lines().any(|l| l.trim() == WASM_TARGET) {
        announce(&format!("the Rust target {WASM_TARGET}"));
        step(Command::new("rustup").args(["target", "add", WASM_TARGET]))?;
    }
    Ok(())
}

/// The wasm-bindgen version pinned in the root Cargo.toml (`=x.y.z`), which
/// the CLI must match exactly.
fn pinned_wasm_bindgen(root: &Path) -> Result<String, String> {
    let manifest = fs::read_to_string(root.join("Cargo.toml")).map_err(|e| e.to_string())?;
    manifest
        .lines()
        .find_map(|line| line.trim().strip_prefix("wasm-bindgen = \"="))
        .and_then(|rest| rest.split('"').next())
        .map(str::to_owned)
        .ok_or_else(|| "Cargo.toml must pin wasm-bindgen as `wasm-bindgen = \"=x.y.z\"`".into())
}

fn wasm_bindgen_cli(root: &Path) -> Result<(), String> {
    let version = pinned_wasm_bindgen(root)?;
    let found = capture(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    if found.trim() != format!("wasm-bindgen {version}") {
        announce(&format!("wasm-bindgen-cli {version} (about 3 minutes)"));
        // Not --locked: the CLI's own lock file does not build on current Rust.
        step(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &version]))?;
    }
    Ok(())
}

fn wasm_pack() -> Result<(), String> {
    if capture(Command::new("wasm-pack").arg("--version")).is_err() {
        announce("wasm-pack (about 3 minutes)");
        step(Command::new("cargo").args(["install", "wasm-pack"]))?;
    }
    Ok(())
}

/// Runs `npm ci` when node_modules/ does not hold exactly what
/// package-lock.json names (npm records what it installed in
/// node_modules/.package-lock.json; we keep a copy of the lock it came from).
fn npm_packages(root: &Path) -> Result<(), String> {
    let lock =
        fs::read(root.join("package-lock.json")).map_err(|e| format!("package-lock.json: {e}"))?;
    let stamp = root.join("node_modules/.pyws-installed-from-lock.json");
    if fs::read(&stamp).ok().as_deref() == Some(&lock[..]) {
        return Ok(());
    }
    announce("the npm packages in package-lock.json (npm ci)");
    step(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(root),
    )?;
    fs::write(&stamp, &lock).map_err(|e| e.to_string())
}

fn chromium() -> Result<(), String> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    let uid = capture(Command::new("id").arg("-u")).unwrap_or_default();
    if uid.trim() != "0" {
        return Err(format!(
            "the browser tests need {CHROMIUM} and {CHROMEDRIVER}: install the Debian packages \
             `chromium` and `chromium-driver` (sudo apt-get install -y chromium chromium-driver)"
        ));
    }
    announce("Chromium and ChromeDriver (apt-get install chromium chromium-driver)");
    step(Command::new("apt-get").arg("update"))?;
    step(
        Command::new("apt-get")
            .args([
                "install",
                "-y",
                "--no-install-recommends",
                "chromium",
                "chromium-driver",
            ])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

fn announce(what: &str) {
    println!("xtask: installing {what}");
}
