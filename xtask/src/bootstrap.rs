//! Installs the tools the build and the tests need, when they are missing.
//!
//! Every check is cheap (a `--version` call or a file comparison), so a
//! machine that has everything pays a second or two. What is installed is
//! announced on its own line, starting with `xtask: installing`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::run::{capture, step};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const FIREFOX: &str = "/usr/bin/firefox-esr";
pub const WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";
pub const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
pub const XVFB: &str = "/usr/bin/Xvfb";
const GECKODRIVER_VERSION: &str = "0.37.1";

/// What `build` and `demo` need: the wasm target, wasm-bindgen-cli of the
/// pinned version (the glue, and the tests' runner), and the npm packages
/// (binaryen's wasm-opt, esbuild, and the interpreters the dev server
/// serves).
pub fn build_tools(root: &Path) -> Result<(), String> {
    wasm_target()?;
    wasm_bindgen_cli(root)?;
    npm_packages(root)
}

/// What `test` needs on top: the three browser engines and their WebDriver
/// servers, the X server WebKit's browser runs on, a UTF-8 locale, and the
/// Python tools and micropip.
pub fn test_tools(root: &Path) -> Result<(), String> {
    build_tools(root)?;
    debian_packages()?;
    utf8_locale()?;
    geckodriver()?;
    python_tools(root)?;
    micropip(root)?;
    pypi_wheels(root)
}

/// The Python packages from PyPI, pinned: flit_core builds the Pyodide
/// wheel, mypy checks the examples against its type stubs, and the real
/// websockets gives mypy the API the README's websockets example (which
/// pyws's `websockets` runs) is written against; it and the real
/// websocket-client give the compatibility tables' checks their names.
const PYTHON_TOOLS: &[&str] = &[
    "flit_core==4.2.0",
    "mypy==2.4.1",
    "websockets==17.0",
    "websocket-client==1.9.0",
];

/// The venv (under `target/`) holding [`PYTHON_TOOLS`].
pub fn python_venv(root: &Path) -> PathBuf {
    root.join("target/python-tools")
}

/// The wheels of gql (a GraphQL client whose `websockets` transport runs on
/// pyws's `websockets` in the gql suite) and of its dependencies, pure
/// `py3-none-any` ones for Pyodide's Python 3.14, pinned: without the real
/// `websockets`, which pyws provides (the suite checks micropip never asks
/// for it).
pub const GQL_WHEELS: &[&str] = &[
    "gql-4.4.0-py3-none-any.whl",
    "graphql_core-3.3.2-py3-none-any.whl",
    "yarl-1.25.1-py3-none-any.whl",
    "multidict-7.2.1-py3-none-any.whl",
    "propcache-0.5.4-py3-none-any.whl",
    "idna-3.20-py3-none-any.whl",
    "anyio-4.16.0-py3-none-any.whl",
    "typing_extensions-4.16.0-py3-none-any.whl",
    "tenacity-9.2.1-py3-none-any.whl",
];

/// The wheels of sgqlc (a GraphQL client whose `WebSocketEndpoint` runs on
/// websocket-client, here on pyws's `websocket`, in the sgqlc suite) and of
/// its one dependency, pinned like [`GQL_WHEELS`]: without websocket-client,
/// which pyws provides. sgqlc 18 wants graphql-core 3.2, gql 3.3: so sgqlc
/// has an index of its own.
pub const SGQLC_WHEELS: &[&str] = &[
    "sgqlc-18-py3-none-any.whl",
    "graphql_core-3.2.14-py3-none-any.whl",
];

/// The PEP 503 simple indexes [`pypi_wheels`] writes below [`pypi_vendor`],
/// beside the wheels: each folder's name and the wheels it lists (one per
/// project).
pub const INDEXES: &[(&str, &[&str])] = &[("simple", GQL_WHEELS), ("simple-sgqlc", SGQLC_WHEELS)];

/// The real `websockets` wheel, for the check that it does not win the
/// import over pyws's when installed anyway. Kept out of the [`INDEXES`],
/// in a folder of its own below them.
pub const REAL_WEBSOCKETS_WHEEL: &str = "websockets-17.0-py3-none-any.whl";

/// The real `websocket-client` wheel, for the same check of pyws's
/// `websocket`; beside [`REAL_WEBSOCKETS_WHEEL`].
pub const REAL_WEBSOCKET_CLIENT_WHEEL: &str = "websocket_client-1.9.0-py3-none-any.whl";

/// Where [`pypi_wheels`] puts the wheels and their indexes: the dev server
/// serves it under `/vendor/pypi/`.
pub fn pypi_vendor(root: &Path) -> PathBuf {
    root.join("target/vendor/pypi")
}

/// The folder below [`pypi_vendor`] that holds [`REAL_WEBSOCKETS_WHEEL`]
/// and [`REAL_WEBSOCKET_CLIENT_WHEEL`].
pub const REAL_WEBSOCKETS_DIR: &str = "real-websockets";

/// Downloads the missing wheels of the [`INDEXES`],
/// [`REAL_WEBSOCKETS_WHEEL`] and [`REAL_WEBSOCKET_CLIENT_WHEEL`] from PyPI (pip, pure wheels for Python 3.14, no
/// dependencies: the lists are complete), then writes each index, for
/// micropip's `index_urls`. Pages install from these indexes, not by name
/// from Pyodide's lock file: it names yarl, multidict, idna, anyio and
/// others, whose files npm's `pyodide` does not have.
pub fn pypi_wheels(root: &Path) -> Result<(), String> {
    let dir = pypi_vendor(root);
    let real = dir.join(REAL_WEBSOCKETS_DIR);
    let mut fetched = false;
    // One pip call per index: pip refuses two versions of one project
    // (graphql-core) in one call.
    for (_, wheels) in INDEXES {
        let missing: Vec<&str> = wheels
            .iter()
            .copied()
            .filter(|wheel| !dir.join(wheel).exists())
            .collect();
        if !missing.is_empty() {
            announce(&format!(
                "{} (pip download, into {})",
                missing.join(", "),
                dir.display()
            ));
            pip_download(root, &missing, &dir)?;
            fetched = true;
        }
    }
    for wheel in [REAL_WEBSOCKETS_WHEEL, REAL_WEBSOCKET_CLIENT_WHEEL] {
        if !real.join(wheel).exists() {
            announce(&format!("{wheel} (pip download)"));
            pip_download(root, &[wheel], &real)?;
        }
    }
    for (folder, wheels) in INDEXES {
        let index = dir.join(folder);
        if !fetched && index.join("index.html").exists() {
            continue;
        }
        for (path, html) in simple_index(wheels) {
            let file = index.join(path);
            fs::create_dir_all(file.parent().expect("below the index"))
                .map_err(|e| format!("{}: {e}", file.display()))?;
            fs::write(&file, html).map_err(|e| format!("{}: {e}", file.display()))?;
        }
    }
    Ok(())
}

/// `pip download`s exactly these wheels (by their file names) into `dir`.
fn pip_download(root: &Path, wheels: &[&str], dir: &Path) -> Result<(), String> {
    step(
        Command::new(python_venv(root).join("bin/pip"))
            .args([
                "download",
                "--quiet",
                "--disable-pip-version-check",
                "--no-deps",
            ])
            .args(["--only-binary=:all:", "--python-version", "3.14"])
            .args(["--platform", "any", "--implementation", "py"])
            .args(wheels.iter().map(|wheel| requirement(wheel)))
            .arg("-d")
            .arg(dir),
    )
}

/// `name==version` for a wheel's file name (`name-version-tags.whl`).
fn requirement(wheel: &str) -> String {
    let mut parts = wheel.split('-');
    let name = parts.next().unwrap_or_default();
    let version = parts.next().unwrap_or_default();
    format!("{name}=={version}")
}

/// A project's name as indexes spell it (PEP 503): lower case, runs of
/// `-`, `_` and `.` as one `-`.
fn normalized(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            if !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// The pages of a PEP 503 simple index of `wheels` (which sit beside
/// `simple/`), by their path below `simple/`: `index.html` listing the
/// projects, and `<project>/index.html` linking its wheel.
fn simple_index(wheels: &[&str]) -> Vec<(String, String)> {
    let page = |title: &str, links: String| {
        format!(
            "<!DOCTYPE html>\n<html><head><meta name=\"pypi:repository-version\" content=\"1.0\">\
             <title>{title}</title></head><body>\n{links}</body></html>\n"
        )
    };
    let mut projects: Vec<(String, &str)> = wheels
        .iter()
        .map(|wheel| {
            (
                normalized(wheel.split('-').next().unwrap_or_default()),
                *wheel,
            )
        })
        .collect();
    projects.sort();
    let list = projects
        .iter()
        .map(|(name, _)| format!("<a href=\"{name}/\">{name}</a>\n"))
        .collect();
    let mut pages = vec![("index.html".to_owned(), page("Simple index", list))];
    for (name, wheel) in &projects {
        let link = format!("<a href=\"../../{wheel}\">{wheel}</a>\n");
        pages.push((
            format!("{name}/index.html"),
            page(&format!("Links for {name}"), link),
        ));
    }
    pages
}

/// Makes the venv with the machine's `python3` and installs
/// [`PYTHON_TOOLS`] into it, unless `pip freeze` already lists them all.
pub fn python_tools(root: &Path) -> Result<(), String> {
    let venv = python_venv(root);
    let pip = venv.join("bin/pip");
    let frozen = capture(Command::new(&pip).arg("freeze")).unwrap_or_default();
    let has = |pinned: &str| frozen.lines().any(|l| l.eq_ignore_ascii_case(pinned));
    if PYTHON_TOOLS.iter().all(|pinned| has(pinned)) {
        return Ok(());
    }
    announce(&format!(
        "{} (pip, into {})",
        PYTHON_TOOLS.join(", "),
        venv.display()
    ));
    if !pip.exists() {
        step(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    }
    step(
        Command::new(&pip)
            .args(["install", "--quiet", "--disable-pip-version-check"])
            .args(PYTHON_TOOLS),
    )
}

/// micropip's wheel, which npm's `pyodide` package leaves out, as
/// Pyodide's lock file names it.
pub const MICROPIP_WHEEL: &str = "micropip-0.11.1-py3-none-any.whl";

/// Where [`micropip`] puts the wheel and the lock file that names it: the
/// dev server serves this directory under `/vendor/pyodide/`, before npm's
/// `pyodide` package.
pub fn pyodide_extras(root: &Path) -> PathBuf {
    root.join("target/vendor/pyodide")
}

/// Downloads micropip's wheel from PyPI (pip, for Pyodide's Python) when
/// it is missing, and writes Pyodide's lock file beside it with micropip's
/// SHA-256 made the downloaded wheel's: PyPI's wheel is not Pyodide's build
/// of it, and with npm's lock file `loadPackage("micropip")` (which
/// PyScript's `packages` calls) would fail Pyodide's integrity check. A
/// site serving its own Pyodide distribution has the same pair: the lock
/// file and the packages it names.
pub fn micropip(root: &Path) -> Result<(), String> {
    let lock = fs::read_to_string(root.join("node_modules/pyodide/pyodide-lock.json"))
        .map_err(|e| format!("pyodide-lock.json: {e}"))?;
    if !lock.contains(&format!("\"file_name\": \"{MICROPIP_WHEEL}\"")) {
        return Err(format!(
            "Pyodide's lock file names another micropip than {MICROPIP_WHEEL}: update MICROPIP_WHEEL"
        ));
    }
    let dir = pyodide_extras(root);
    if !dir.join(MICROPIP_WHEEL).exists() {
        announce(&format!("{MICROPIP_WHEEL} (pip download)"));
        pip_download(root, &[MICROPIP_WHEEL], &dir)?;
    }
    let sum = capture(Command::new("sha256sum").arg(dir.join(MICROPIP_WHEEL)))?;
    let sha256 = sum.split_whitespace().next().unwrap_or_default();
    let patched = with_micropip_sha256(&lock, sha256)?;
    let target = dir.join("pyodide-lock.json");
    if fs::read_to_string(&target).ok().as_deref() != Some(&patched[..]) {
        fs::write(&target, patched).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    Ok(())
}

/// `lock` (Pyodide's lock file) with the SHA-256 of micropip's entry
/// replaced by `sha256`.
fn with_micropip_sha256(lock: &str, sha256: &str) -> Result<String, String> {
    let not_found = || format!("pyodide-lock.json has no entry for {MICROPIP_WHEEL} with a sha256");
    let entry = lock
        .find(&format!("\"file_name\": \"{MICROPIP_WHEEL}\""))
        .ok_or_else(not_found)?;
    let key = "\"sha256\": \"";
    let start = entry + lock[entry..].find(key).ok_or_else(not_found)? + key.len();
    let end = start + lock[start..].find('"').ok_or_else(not_found)?;
    if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("sha256sum gave {sha256:?} for {MICROPIP_WHEEL}"));
    }
    Ok(format!("{}{sha256}{}", &lock[..start], &lock[end..]))
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

/// The Debian packages the browser tests need, each named by a file it
/// installs.
const DEBIAN: &[(&str, &str)] = &[
    (CHROMIUM, "chromium"),
    (CHROMEDRIVER, "chromium-driver"),
    (FIREFOX, "firefox-esr"),
    (WEBKIT_DRIVER, "webkit2gtk-driver"),
    (MINIBROWSER, "webkit2gtk-driver"),
    (XVFB, "xvfb"),
    ("/usr/sbin/locale-gen", "locales"),
];

fn debian_packages() -> Result<(), String> {
    let mut missing: Vec<&str> = DEBIAN
        .iter()
        .filter(|(file, _)| !Path::new(file).exists())
        .map(|&(_, package)| package)
        .collect();
    missing.dedup();
    if missing.is_empty() {
        return Ok(());
    }
    let uid = capture(Command::new("id").arg("-u")).unwrap_or_default();
    if uid.trim() != "0" {
        return Err(format!(
            "the browser tests need the Debian packages {}: install them \
             (sudo apt-get install -y {})",
            missing.join(", "),
            missing.join(" ")
        ));
    }
    announce(&format!("{} (apt-get install)", missing.join(", ")));
    step(Command::new("apt-get").arg("update"))?;
    step(
        Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// en_US.UTF-8, which the browsers run in: under the C locale alone WebKit
/// reports `navigator.language` as "C", which `Intl` rejects (Brython dies
/// at start-up on it).
fn utf8_locale() -> Result<(), String> {
    let locales = capture(Command::new("locale").arg("-a")).unwrap_or_default();
    if locales.lines().any(|l| l.trim() == "en_US.utf8") {
        return Ok(());
    }
    announce("the en_US.UTF-8 locale (locale-gen)");
    let config = "/etc/locale.gen";
    let text = fs::read_to_string(config).unwrap_or_default();
    if !text.lines().any(|l| l.trim() == LOCALE_LINE) {
        fs::write(config, format!("{text}{LOCALE_LINE}\n"))
            .map_err(|e| format!("{config}: {e}"))?;
    }
    step(&mut Command::new("locale-gen"))
}

const LOCALE_LINE: &str = "en_US.UTF-8 UTF-8";

fn geckodriver() -> Result<(), String> {
    let found = capture(Command::new(geckodriver_path()).arg("--version")).unwrap_or_default();
    if !found.starts_with(&format!("geckodriver {GECKODRIVER_VERSION}")) {
        announce(&format!(
            "geckodriver {GECKODRIVER_VERSION} (a few minutes)"
        ));
        step(Command::new("cargo").args([
            "install",
            "geckodriver",
            "--version",
            GECKODRIVER_VERSION,
        ]))?;
    }
    Ok(())
}

/// Where `cargo install` puts geckodriver.
pub fn geckodriver_path() -> PathBuf {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    home.join(".cargo/bin/geckodriver")
}

fn announce(what: &str) {
    println!("xtask: installing {what}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_micropips_sha256_changes_in_the_lock_file() {
        let lock = format!(
            "{{\"packages\": {{\"a\": {{\"file_name\": \"a.whl\", \"sha256\": \"{0}\"}}, \
             \"micropip\": {{\"file_name\": \"{MICROPIP_WHEEL}\", \"name\": \"micropip\", \"sha256\": \"{0}\"}}}}}}",
            "1".repeat(64)
        );
        let patched = with_micropip_sha256(&lock, &"f".repeat(64)).unwrap();
        assert_eq!(
            patched,
            lock.replacen(
                &format!("\"name\": \"micropip\", \"sha256\": \"{}", "1".repeat(64)),
                &format!("\"name\": \"micropip\", \"sha256\": \"{}", "f".repeat(64)),
                1
            )
        );
        assert!(with_micropip_sha256(&lock, "not hex").is_err());
        assert!(with_micropip_sha256("{}", &"f".repeat(64)).is_err());
    }

    #[test]
    fn a_wheel_s_file_name_is_pinned_as_name_and_version() {
        assert_eq!(
            requirement("graphql_core-3.3.2-py3-none-any.whl"),
            "graphql_core==3.3.2"
        );
        assert_eq!(requirement(REAL_WEBSOCKETS_WHEEL), "websockets==17.0");
    }

    #[test]
    fn project_names_are_normalized_as_pep_503_says() {
        assert_eq!(normalized("graphql_core"), "graphql-core");
        assert_eq!(normalized("Typing__Extensions"), "typing-extensions");
        assert_eq!(normalized("zope.interface"), "zope-interface");
    }

    #[test]
    fn the_simple_index_links_each_project_to_its_wheel_beside_simple() {
        let pages = simple_index(&[
            "yarl-1.25.1-py3-none-any.whl",
            "graphql_core-3.3.2-py3-none-any.whl",
        ]);
        let paths: Vec<&str> = pages.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(
            paths,
            ["index.html", "graphql-core/index.html", "yarl/index.html"]
        );
        assert!(pages[0]
            .1
            .contains("<a href=\"graphql-core/\">graphql-core</a>"));
        assert!(pages[2].1.contains(
            "<a href=\"../../yarl-1.25.1-py3-none-any.whl\">yarl-1.25.1-py3-none-any.whl</a>"
        ));
        // No wheel of the real websockets or websocket-client is in an index.
        assert!(INDEXES
            .iter()
            .flat_map(|(_, wheels)| wheels.iter())
            .all(|wheel| !wheel.starts_with("websockets-")
                && !wheel.starts_with("websocket_client-")));
    }
}
