//! `cargo xtask demo | test | build | pack | bench`: the project's two set-up
//! commands and what they stand on.
//!
//! Each command first installs whatever it needs that is missing, saying
//! what it installs, and nothing else; see [`bootstrap`].

mod baseline;
mod bootstrap;
mod build;
mod engines;
// What xtask shares with build.rs: pyws_modules.json is written from the
// sources the wasm's stubs name, minified the same way.
#[path = "../../src/host/literal.rs"]
mod literal;
#[path = "../../src/host/minify.rs"]
mod minify;
#[path = "../../src/host/modules.rs"]
#[allow(dead_code)]
mod modules;
mod names;
mod pack;
mod panics;
mod proxy;
mod run;
mod server;
mod typecheck;
mod wheel;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  demo [--port N]   install what is missing, build pkg/, serve the demo on http://127.0.0.1:8000/
  test              install what is missing and run every test suite, stopping at the first failure
  build             install the build tools and build pkg/ (release, size-optimised)
  pack [--no-build] build pkg/ (unless --no-build), pack the npm package into
                    target/npm/pyws-<version>.tgz and build the Pyodide wheel into
                    target/wheel/ (npm/, python/, docs/packaging.md)
  bench [OPTIONS]   run the benchmarks (tests/bench/run.mjs; options pass through, e.g.
                    --repeats 3 --approaches js-raw,pyws-pyodide --workloads stream
                    --engine firefox|webkit, Chromium by default; --baseline REV adds
                    each pyws row built from commit REV, and compares)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => demo(&args[1..]),
        Some("test") => run::test_all(&root()),
        Some("pack") => pack(&args[1..]),
        Some("bench") => run::bench_all(&root(), &args[1..]),
        Some("build") => bootstrap::build_tools(&root()).and_then(|()| build::package(&root())),
        Some("-h" | "--help") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root, where Cargo.toml, www/ and pkg/ live.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

fn pack(args: &[String]) -> Result<(), String> {
    let root = root();
    match args {
        [] => {
            bootstrap::build_tools(&root)?;
            build::package(&root)?;
        }
        [flag] if flag == "--no-build" => {}
        _ => return Err(format!("unexpected arguments {args:?}\n{USAGE}")),
    }
    pack::pack(&root)?;
    bootstrap::python_tools(&root)?;
    wheel::build(&root, &root.join(wheel::OUT)).map(|_| ())
}

fn demo(args: &[String]) -> Result<(), String> {
    let port = match args {
        [] => "8000".to_string(),
        [flag, port] if flag == "--port" => port.clone(),
        _ => return Err(format!("unexpected arguments {args:?}\n{USAGE}")),
    };
    let root = root();
    bootstrap::build_tools(&root)?;
    build::package(&root)?;
    println!("xtask: serving the demo; press Ctrl-C to stop");
    server::run_foreground(&root, &port)
}
