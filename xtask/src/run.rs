//! Running commands, and `cargo xtask test`: every suite in order, stopping
//! at the first failure, with a summary that counts the tests.

use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::bootstrap::{self, CHROMEDRIVER, WASM_TARGET};
use crate::engines::{Display, Engine, WebkitDriver, LANG};
use crate::pack;
use crate::proxy::Proxy;
use crate::server::Server;
use crate::{baseline, build};
use crate::{typecheck, wheel};

/// Runs `command` with the terminal as its output; an error says which
/// command failed.
pub fn step(command: &mut Command) -> Result<(), String> {
    println!("$ {}", describe(command));
    let status = command
        .status()
        .map_err(|e| format!("cannot run `{}`: {e}", describe(command)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(command)))
    }
}

/// Runs `command` as [`step`] does, its standard error shown, and returns
/// its standard output.
pub fn step_output(command: &mut Command) -> Result<String, String> {
    println!("$ {}", describe(command));
    let output = command
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run `{}`: {e}", describe(command)))?;
    if !output.status.success() {
        return Err(format!(
            "`{}` failed ({})",
            describe(command),
            output.status
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Runs `command` quietly and returns its standard output.
pub fn capture(command: &mut Command) -> Result<String, String> {
    let output = command
        .stderr(Stdio::null())
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!("`{}` failed", describe(command)));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// PATH with binaryen's wasm-opt and cargo's bin directory first.
pub fn tool_path(root: &Path) -> OsString {
    let mut dirs = vec![root.join("node_modules/binaryen/bin")];
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).expect("PATH entries hold no separator")
}

fn describe(command: &Command) -> String {
    let mut words = vec![command.get_program().to_string_lossy().into_owned()];
    words.extend(command.get_args().map(|a| a.to_string_lossy().into_owned()));
    words.join(" ")
}

/// Test counts read from a suite's output.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    passed: u32,
    failed: u32,
    skipped: u32,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.skipped += other.skipped;
    }

    /// Reads one line of output: cargo test's and wasm-bindgen-test's
    /// `test result: ok. 8 passed; 0 failed; 1 ignored; …`, or node's TAP
    /// `# pass 5`, `# fail 0`, `# skipped 0`.
    fn read_line(&mut self, line: &str) {
        let number = |s: &str| s.trim().parse::<u32>().unwrap_or(0);
        if let Some(rest) = line.trim().strip_prefix("test result: ") {
            for part in rest.split(['.', ';']) {
                let mut words = part.split_whitespace();
                match (words.next().map(number), words.next()) {
                    (Some(n), Some("passed")) => self.passed += n,
                    (Some(n), Some("failed")) => self.failed += n,
                    (Some(n), Some("ignored")) => self.skipped += n,
                    _ => {}
                }
            }
        } else if let Some(rest) = line.strip_prefix("# pass ") {
            self.passed += number(rest);
        } else if let Some(rest) = line.strip_prefix("# fail ") {
            self.failed += number(rest);
        } else if let Some(rest) = line.strip_prefix("# skipped ") {
            self.skipped += number(rest);
        }
    }
}

/// Runs a test suite, echoing its standard output and counting its tests:
/// an error when it fails, has a failing test or runs none.
fn counted(command: &mut Command) -> Result<Counts, String> {
    println!("$ {}", describe(command));
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run `{}`: {e}", describe(command)))?;
    let mut counts = Counts::default();
    for line in BufReader::new(child.stdout.take().expect("piped")).lines() {
        let line = line.map_err(|e| e.to_string())?;
        println!("{line}");
        counts.read_line(&line);
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() || counts.failed > 0 {
        return Err(format!("`{}` failed ({status})", describe(command)));
    }
    if counts.passed == 0 {
        return Err(format!("`{}` ran no test", describe(command)));
    }
    Ok(counts)
}

/// One stage of `cargo xtask test`.
struct Stage {
    name: String,
    seconds: f64,
    counts: Option<Counts>,
}

/// `cargo xtask test`.
pub fn test_all(root: &Path) -> Result<(), String> {
    let mut stages: Vec<Stage> = Vec::new();
    let result = run_stages(root, &mut stages);
    println!("\n── cargo xtask test ──");
    let mut total = Counts::default();
    for stage in &stages {
        let counts = stage
            .counts
            .map(|c| {
                total.add(c);
                format!(
                    "{} passed, {} failed, {} skipped",
                    c.passed, c.failed, c.skipped
                )
            })
            .unwrap_or_else(|| "ok".into());
        println!("  {:<36} {:>6.1}s  {counts}", stage.name, stage.seconds);
    }
    match &result {
        Ok(()) => println!(
            "total: {} passed, {} failed, {} skipped",
            total.passed, total.failed, total.skipped
        ),
        Err(message) => println!("  FAILED at the next stage: {message}"),
    }
    result
}

fn run_stages(root: &Path, stages: &mut Vec<Stage>) -> Result<(), String> {
    let cargo = || {
        let mut command = Command::new("cargo");
        command.current_dir(root);
        command
    };
    let mut stage = |name: String, work: &mut dyn FnMut() -> Result<Option<Counts>, String>| {
        println!("\n── {name} ──");
        let start = Instant::now();
        let counts = work()?;
        stages.push(Stage {
            name,
            seconds: start.elapsed().as_secs_f64(),
            counts,
        });
        Ok::<(), String>(())
    };

    stage("bootstrap".into(), &mut || {
        bootstrap::test_tools(root).map(|()| None)
    })?;
    stage("cargo fmt --check".into(), &mut || {
        step(cargo().args(["fmt", "--all", "--check"])).map(|()| None)
    })?;
    stage("cargo clippy (native)".into(), &mut || {
        step(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
        .map(|()| None)
    })?;
    stage("cargo clippy (wasm32)".into(), &mut || {
        step(cargo().args([
            "clippy",
            "-p",
            "pyws",
            "--all-targets",
            "--target",
            WASM_TARGET,
            "--",
            "-D",
            "warnings",
        ]))
        .map(|()| None)
    })?;
    stage("native unit + server tests".into(), &mut || {
        counted(cargo().args(["test", "--workspace"])).map(Some)
    })?;
    stage("mypy: README examples, demo.py".into(), &mut || {
        typecheck::check_examples(root).map(|()| None)
    })?;
    stage("mypy refuses wrong calls".into(), &mut || {
        typecheck::check_refusals(root).map(|()| None)
    })?;
    stage(
        "compatibility tables name the libraries' APIs".into(),
        &mut || typecheck::check_compatibility_tables(root).map(|()| None),
    )?;
    stage("build pkg/".into(), &mut || {
        build::package(root).map(|()| None)
    })?;
    // Served at /wheel/ for the end-to-end suites (tests/e2e/wheel.test.mjs).
    stage("build the Pyodide wheel".into(), &mut || {
        wheel::build(root, &root.join(wheel::OUT)).map(|_| None)
    })?;

    let server = Server::start(root, "dev")?;
    let display = Display::start()?;
    for engine in Engine::ALL {
        stage(
            format!("wasm-bindgen tests ({})", engine.label()),
            &mut || wasm_bindgen_tests(root, engine, &server, &display).map(Some),
        )?;
        stage(
            format!("browser end-to-end ({})", engine.label()),
            &mut || end_to_end(root, engine, &server, &display).map(Some),
        )?;
        // Packs (in the first engine, Chromium) and tests the npm package.
        stage(format!("npm package ({})", engine.label()), &mut || {
            pack::test(root, engine, &server, &display).map(Some)
        })?;
    }
    // Benchmarks assert no time; this only keeps the harness working.
    stage("bench harness smoke run".into(), &mut || {
        bench(
            root,
            &server.base_url,
            &[
                "--repeats",
                "1",
                "--scale",
                "0.01",
                "--out",
                "target/bench/smoke.json",
            ],
        )
        .map(|()| None)
    })?;
    drop(server);
    Ok(())
}

/// The core's wasm-bindgen tests (`tests/web.rs`) in `engine`, against the
/// dev server's `/echo`.
///
/// Each is the `cargo test` that `wasm-pack test --headless --chrome`
/// (`--firefox`) runs: wasm-bindgen-test-runner, from the pinned
/// wasm-bindgen-cli the bootstrap installs, as the target's runner, told
/// which WebDriver server to start (`CHROMEDRIVER`, `GECKODRIVER`) or to use
/// (`GECKODRIVER_REMOTE`), headless unless `NO_HEADLESS` is set. Running it
/// ourselves saves compiling wasm-pack on a fresh machine.
fn wasm_bindgen_tests(
    root: &Path,
    engine: Engine,
    server: &Server,
    display: &Display,
) -> Result<Counts, String> {
    let mut command = Command::new("cargo");
    command.args(["test", "--target", WASM_TARGET]);
    // Held until the tests are done.
    let mut _webkit_driver = None;
    // Chromium and WebKit load the runner's page through the proxy (see
    // proxy.rs); held until the tests are done.
    let mut _proxy = None;
    match engine {
        Engine::Chromium => {
            command.env("CHROMEDRIVER", CHROMEDRIVER);
            _proxy = Some(through_proxy(root, &mut command, "webdriver.json")?);
        }
        Engine::Firefox => {
            // The runner reads the capabilities from `webdriver.json`.
            command.env("GECKODRIVER", bootstrap::geckodriver_path());
        }
        Engine::Webkit => {
            // The runner knows no WebKitGTK driver, but it speaks standard
            // WebDriver to a driver already running (`GECKODRIVER_REMOTE`)
            // with the capabilities of a file we name: WebKitWebDriver,
            // started here, and webdriver-webkit.json. (It then says
            // "Running headless tests in Firefox": the browser is WebKit's
            // MiniBrowser all the same.) In release mode, since MiniBrowser
            // failed to start the tests of the 16 MB debug binary within the
            // runner's 20 s in 3 of 3 runs of a clean clone (and took 62 s
            // once given 120), where the 1.1 MB release binary's start in
            // seconds.
            let driver = WebkitDriver::start(display)?;
            command
                .arg("--release")
                .env("GECKODRIVER_REMOTE", &driver.url);
            _proxy = Some(through_proxy(root, &mut command, "webdriver-webkit.json")?);
            _webkit_driver = Some(driver);
        }
    }
    command
        .current_dir(root)
        .env("PATH", tool_path(root))
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            "wasm-bindgen-test-runner",
        )
        .env("WASM_BINDGEN_TEST_ONLY_WEB", "1")
        .env_remove("NO_HEADLESS")
        .env("LANG", LANG)
        .env("PYWS_ECHO_URL", server.echo_url());
    counted(&mut command)
}

/// Starts a [`Proxy`] and points the runner `command` starts at it: the
/// runner on [`Proxy::runner_address`], and the browser's capabilities
/// those of `file` with the proxy's added (written to `target/`).
fn through_proxy(root: &Path, command: &mut Command, file: &str) -> Result<Proxy, String> {
    let proxy = Proxy::start()?;
    let text =
        std::fs::read_to_string(root.join(file)).map_err(|e| format!("cannot read {file}: {e}"))?;
    let out = root.join("target").join(file);
    std::fs::create_dir_all(root.join("target")).map_err(|e| e.to_string())?;
    std::fs::write(&out, proxy.capabilities(&text)?)
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    command
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", out)
        .env("WASM_BINDGEN_TEST_ADDRESS", Proxy::runner_address()?);
    Ok(proxy)
}

/// The browser end-to-end suites in `engine`: every `tests/e2e/*.test.mjs`,
/// and in Chromium also `tests/e2e/chromium/*.test.mjs` (Playwright only).
fn end_to_end(
    root: &Path,
    engine: Engine,
    server: &Server,
    display: &Display,
) -> Result<Counts, String> {
    let mut suites = test_files(&root.join("tests/e2e"))?;
    if engine == Engine::Chromium {
        suites.extend(test_files(&root.join("tests/e2e/chromium"))?);
    }
    node_tests(root, engine, server, display, &suites)
}

/// Runs the WebDriver specs `suites` (`node --test`) in `engine` against
/// `server`, one file at a time.
pub fn node_tests(
    root: &Path,
    engine: Engine,
    server: &Server,
    display: &Display,
    suites: &[PathBuf],
) -> Result<Counts, String> {
    let mut command = Command::new("node");
    display.apply(&mut command);
    counted(
        command
            .args(["--test", "--test-reporter=tap", "--test-concurrency=1"])
            .args(suites)
            .current_dir(root)
            .env("PYWS_ENGINE", engine.id())
            .env("PYWS_GECKODRIVER", bootstrap::geckodriver_path())
            .env("LANG", LANG)
            .env("PYWS_BASE_URL", &server.base_url)
            .env("PYWS_SERVER_BIN", &server.binary)
            .env("PYWS_ROOT", root),
    )
}

/// The `*.test.mjs` files directly in `dir`, sorted.
pub fn test_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    Ok(files)
}

/// Runs the benchmark driver (tests/bench/run.mjs) against a running server,
/// in the engine its `--engine` names (Chromium by default), on an X display
/// of its own for WebKit.
pub fn bench(root: &Path, base_url: &str, args: &[&str]) -> Result<(), String> {
    let webkit = args
        .windows(2)
        .any(|pair| pair == ["--engine", Engine::Webkit.id()]);
    let display = if webkit {
        Some(Display::start()?)
    } else {
        None
    };
    let mut command = Command::new("node");
    command
        .arg("tests/bench/run.mjs")
        .args(args)
        .current_dir(root)
        .env("PYWS_BASE_URL", base_url)
        .env("PYWS_GECKODRIVER", bootstrap::geckodriver_path())
        .env("LANG", LANG);
    if let Some(display) = &display {
        display.apply(&mut command);
    }
    step(&mut command)
}

/// `cargo xtask bench`: the release package and an optimised server, then
/// every approach × workload, median of `repeats` interleaved runs.
///
/// `--baseline REV` also builds REV's package ([`baseline`]) and passes
/// `--baseline <its short commit>` on, which adds each pyws row with that
/// package.
pub fn bench_all(root: &Path, extra: &[String]) -> Result<(), String> {
    bootstrap::test_tools(root)?;
    let mut args: Vec<String> = vec!["--repeats".into(), "5".into()];
    let mut rest = extra.iter();
    while let Some(arg) = rest.next() {
        if arg == "--baseline" {
            let rev = rest.next().ok_or("--baseline needs a commit")?;
            args.extend(["--baseline".into(), baseline::build(root, rev)?]);
        } else {
            args.push(arg.clone());
        }
    }
    build::package(root)?;
    let server = Server::start(root, "server-release")?;
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    bench(root, &server.base_url, &args)
}

#[cfg(test)]
mod tests {
    use super::Counts;

    #[test]
    fn counts_are_read_from_cargo_and_node_summaries() {
        let mut counts = Counts::default();
        for line in [
            "test result: ok. 8 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s",
            "test result: FAILED. 2 passed; 3 failed; 0 ignored; 0 measured; 0 filtered out",
            "# pass 5",
            "# fail 1",
            "# skipped 2",
            "ok 1 - a test named # pass 9",
        ] {
            counts.read_line(line);
        }
        assert_eq!(
            counts,
            Counts {
                passed: 15,
                failed: 4,
                skipped: 3
            }
        );
    }
}
