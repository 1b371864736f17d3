//! Native dev server for pyws: serves the demo pages, the wasm package and
//! the vendored Python runtimes, plus WebSocket endpoints the demos talk to.

#![deny(missing_docs)]

pub mod cli;
pub mod closes;
pub mod echo;
pub mod faults;
pub mod upgrade;

use std::path::{Path, PathBuf};

use axum::{
    extract::Request,
    http::{
        header::{CACHE_CONTROL, CONTENT_TYPE},
        HeaderName, HeaderValue,
    },
    middleware::{self, Next},
    response::Response,
    routing::get,
    Router,
};
use tower_http::{
    services::ServeDir,
    set_header::{SetResponseHeader, SetResponseHeaderLayer},
};

/// Where the server finds the files it serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Demo pages, served at `/`.
    pub www: PathBuf,
    /// The wasm-bindgen output, served at `/pkg/`.
    pub pkg: PathBuf,
    /// npm packages the Python runtimes come from, served under `/vendor/`.
    pub node_modules: PathBuf,
    /// The shared Python conformance suite, served at `/conformance/suite/` so the
    /// runner pages can load it into each interpreter.
    pub conformance: PathBuf,
    /// The npm package's throwaway consumer project (`target/consumer/`,
    /// written by `tests/consumer/build.mjs`), served cross-origin isolated
    /// at `/consumer/`.
    pub consumer: PathBuf,
    /// The Pyodide wheel `cargo xtask wheel` builds, served at `/wheel/`.
    pub wheel: PathBuf,
    /// What Pyodide's lock file names but npm's `pyodide` package leaves out
    /// (micropip's wheel, which the bootstrap downloads) and the lock file
    /// that matches it, served under `/vendor/pyodide/` before that package.
    pub pyodide_extras: PathBuf,
    /// The package an earlier commit builds, for `cargo xtask bench
    /// --baseline REV` to compare with (`target/bench/baseline/`, holding its
    /// `pkg/`), served at `/baseline/`.
    pub bench_baseline: PathBuf,
    /// Wheels from PyPI for the third-party library suites (gql, sgqlc and their
    /// dependencies, with a simple index of them under `simple/` for
    /// micropip's `index_urls`), which the bootstrap downloads, served
    /// under `/vendor/pypi/`.
    pub pypi: PathBuf,
}

impl Config {
    /// The standard layout below a workspace root: `www/`, `pkg/` and `node_modules/`.
    pub fn from_root(root: &Path) -> Config {
        Config {
            www: root.join("www"),
            pkg: root.join("pkg"),
            node_modules: root.join("node_modules"),
            conformance: root.join("tests/conformance"),
            consumer: root.join("target/consumer"),
            wheel: root.join("target/wheel"),
            pyodide_extras: root.join("target/vendor/pyodide"),
            bench_baseline: root.join("target/bench/baseline"),
            pypi: root.join("target/vendor/pypi"),
        }
    }
}

/// The whole application: WebSocket endpoints first, then static files.
/// Serve it with `into_make_service_with_connect_info::<SocketAddr>()`: the
/// [`closes`] endpoints answer loopback peers only, and need to know who
/// the peer is.
pub fn app(config: &Config) -> Router {
    let vendor = |package: &str| ServeDir::new(config.node_modules.join(package));
    Router::new()
        .route("/echo", get(echo::handler))
        .route("/drop", get(faults::drop_connection))
        .route("/close", get(faults::close))
        .route("/reject", get(faults::reject))
        // Any path below /reject refuses too: Firefox delays each new
        // connection to a path that failed recently, so tests that must not
        // inherit that delay refuse on a path of their own.
        .route("/reject/{*rest}", get(faults::reject))
        .route("/flood", get(faults::flood))
        .route("/greet", get(faults::greet))
        .route("/slow", get(faults::slow))
        .route("/record-close", get(closes::record))
        .route("/recorded-close", get(closes::report))
        .with_state(closes::Records::default())
        .nest_service("/pkg", ServeDir::new(&config.pkg))
        // The benchmark pages: cross-origin isolated, which gives them
        // performance.now() at full resolution.
        .nest_service(
            "/bench",
            cross_origin_isolated(ServeDir::new(config.www.join("bench"))),
        )
        .nest_service("/conformance/suite", ServeDir::new(&config.conformance))
        .nest_service(
            "/consumer",
            cross_origin_isolated(ServeDir::new(&config.consumer)),
        )
        .nest_service("/vendor/brython", vendor("brython"))
        .nest_service("/wheel", ServeDir::new(&config.wheel))
        .nest_service("/baseline", ServeDir::new(&config.bench_baseline))
        .nest_service(
            "/vendor/pyodide",
            ServeDir::new(&config.pyodide_extras).fallback(vendor("pyodide")),
        )
        .nest_service("/vendor/pypi", ServeDir::new(&config.pypi))
        .nest_service(
            "/vendor/micropython",
            vendor("@micropython/micropython-webassembly-pyscript"),
        )
        // The oldest supported releases, beside the newest above (npm
        // aliases in package.json).
        .nest_service("/vendor/pyodide-314.0.7", vendor("pyodide-314.0.7"))
        .nest_service("/vendor/micropython-1.27.0", vendor("micropython-1.27.0"))
        // PyScript's Python standard library, for the benchmarks' rows of
        // its `pyscript.WebSocket`.
        .nest_service("/vendor/pyscript", vendor("@pyscript/core"))
        .fallback_service(ServeDir::new(&config.www))
        .layer(middleware::from_fn(fix_content_type))
        // A dev server: a rebuilt pkg/ must be picked up on the next reload.
        .layer(SetResponseHeaderLayer::overriding(
            CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

/// `service` with the headers that make its pages cross-origin isolated
/// (COOP `same-origin`, COEP `require-corp`): PyScript workers reach the
/// page's DOM through a `SharedArrayBuffer`, which only such pages have,
/// and only such pages' `performance.now()` has its full resolution.
fn cross_origin_isolated<S>(
    service: S,
) -> SetResponseHeader<SetResponseHeader<S, HeaderValue>, HeaderValue> {
    let header = |name: &'static str, value: &'static str| {
        (
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        )
    };
    let (coop, same_origin) = header("cross-origin-opener-policy", "same-origin");
    let (coep, require_corp) = header("cross-origin-embedder-policy", "require-corp");
    SetResponseHeader::overriding(
        SetResponseHeader::overriding(service, coop, same_origin),
        coep,
        require_corp,
    )
}

/// Content types browsers insist on, whatever `mime_guess` says: streaming
/// wasm compilation needs `application/wasm`, and module scripts are refused
/// unless served as JavaScript (`mime_guess` gives `.mjs` the obsolete
/// `application/javascript`).
fn required_content_type(path: &str) -> Option<&'static str> {
    let file_name = path.rsplit('/').next()?;
    let (_, extension) = file_name.rsplit_once('.')?;
    match extension {
        "wasm" => Some("application/wasm"),
        "js" | "mjs" => Some("text/javascript"),
        _ => None,
    }
}

/// Overrides the content type of successfully served files whose type
/// browsers are strict about (see [`required_content_type`]).
async fn fix_content_type(request: Request, next: Next) -> Response {
    let required = required_content_type(request.uri().path());
    let mut response = next.run(request).await;
    if let Some(content_type) = required.filter(|_| response.status().is_success()) {
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_root_uses_the_standard_layout() {
        let config = Config::from_root(Path::new("/ws"));
        assert_eq!(
            config,
            Config {
                www: PathBuf::from("/ws/www"),
                pkg: PathBuf::from("/ws/pkg"),
                node_modules: PathBuf::from("/ws/node_modules"),
                conformance: PathBuf::from("/ws/tests/conformance"),
                consumer: PathBuf::from("/ws/target/consumer"),
                wheel: PathBuf::from("/ws/target/wheel"),
                pyodide_extras: PathBuf::from("/ws/target/vendor/pyodide"),
                bench_baseline: PathBuf::from("/ws/target/bench/baseline"),
                pypi: PathBuf::from("/ws/target/vendor/pypi"),
            }
        );
    }

    #[test]
    fn required_content_types() {
        assert_eq!(
            required_content_type("/pkg/pyws_bg.wasm"),
            Some("application/wasm")
        );
        assert_eq!(
            required_content_type("/pkg/pyws.js"),
            Some("text/javascript")
        );
        assert_eq!(
            required_content_type("/vendor/pyodide/pyodide.mjs"),
            Some("text/javascript")
        );
        assert_eq!(required_content_type("/index.html"), None);
        assert_eq!(required_content_type("/vendor/brython/"), None);
        // A dot in a directory name is not an extension.
        assert_eq!(required_content_type("/dist.js/readme"), None);
    }
}
