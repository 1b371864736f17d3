//! Static files: where each URL prefix is served from, content types and
//! caching headers.

use std::{
    fs,
    path::{Path, PathBuf},
    sync::atomic::{AtomicUsize, Ordering},
};

use axum::{
    body::{to_bytes, Body},
    http::{
        header::{CACHE_CONTROL, CONTENT_TYPE},
        Request, StatusCode,
    },
    Router,
};
use pyws_server::{app, Config};
use tower::ServiceExt;

/// A throwaway workspace root, removed again on drop.
struct TempRoot(PathBuf);

impl TempRoot {
    fn new(files: &[(&str, &[u8])]) -> TempRoot {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let root = std::env::temp_dir().join(format!(
            "pyws-server-test-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&root);
        for (path, contents) in files {
            let path = root.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, contents).unwrap();
        }
        TempRoot(root)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempRoot {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

const WASM: &[u8] = b"\0asm\x01\0\0\0";

const FILES: &[(&str, &[u8])] = &[
    ("www/index.html", b"<!doctype html><title>pyws</title>"),
    ("www/demo/index.html", b"<p>demo</p>"),
    ("www/data.json", b"{\"ok\":true}"),
    ("www/lib.zip", b"PK\x05\x06"),
    ("pkg/x.wasm", WASM),
    ("pkg/x.js", b"export default 1;"),
    ("node_modules/brython/brython.js", b"var brython;"),
    (
        "node_modules/pyodide/pyodide.mjs",
        b"export const loadPyodide = 0;",
    ),
    (
        "node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs",
        b"export const mp = 0;",
    ),
    (
        "node_modules/@pyscript/core/src/stdlib/pyscript.js",
        b"export default {};",
    ),
    ("target/consumer/dist/index.html", b"<p>bundled</p>"),
    ("www/bench/index.html", b"<p>bench</p>"),
    ("www/bench/bench.js", b"export {};"),
    (
        "target/vendor/pypi/simple/gql/index.html",
        b"<a href=\"../../gql-4.4.0-py3-none-any.whl\">gql</a>",
    ),
];

struct Reply {
    status: StatusCode,
    content_type: Option<String>,
    cache_control: Option<String>,
    body: Vec<u8>,
}

async fn get(app: &Router, uri: &str) -> Reply {
    let request = Request::get(uri).body(Body::empty()).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let header = |name| {
        response
            .headers()
            .get(name)
            .map(|value: &axum::http::HeaderValue| value.to_str().unwrap().to_owned())
    };
    let (status, content_type, cache_control) = (
        response.status(),
        header(CONTENT_TYPE),
        header(CACHE_CONTROL),
    );
    let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    Reply {
        status,
        content_type,
        cache_control,
        body: body.to_vec(),
    }
}

async fn assert_served(app: &Router, uri: &str, content_type: &str, file: &str) {
    let reply = get(app, uri).await;
    assert_eq!(reply.status, StatusCode::OK, "{uri}");
    assert_eq!(reply.content_type.as_deref(), Some(content_type), "{uri}");
    assert_eq!(reply.cache_control.as_deref(), Some("no-store"), "{uri}");
    let expected = FILES.iter().find(|(path, _)| *path == file).unwrap().1;
    assert_eq!(reply.body, expected, "{uri}");
}

#[tokio::test]
async fn files_are_served_with_the_right_types() {
    let root = TempRoot::new(FILES);
    let app = app(&Config::from_root(root.path()));
    assert_served(&app, "/", "text/html", "www/index.html").await;
    assert_served(&app, "/index.html", "text/html", "www/index.html").await;
    assert_served(&app, "/demo/", "text/html", "www/demo/index.html").await;
    assert_served(&app, "/data.json", "application/json", "www/data.json").await;
    assert_served(&app, "/lib.zip", "application/zip", "www/lib.zip").await;
    assert_served(&app, "/pkg/x.wasm", "application/wasm", "pkg/x.wasm").await;
    assert_served(&app, "/pkg/x.js", "text/javascript", "pkg/x.js").await;
    assert_served(
        &app,
        "/vendor/brython/brython.js",
        "text/javascript",
        "node_modules/brython/brython.js",
    )
    .await;
    assert_served(
        &app,
        "/vendor/pyodide/pyodide.mjs",
        "text/javascript",
        "node_modules/pyodide/pyodide.mjs",
    )
    .await;
    assert_served(
        &app,
        "/vendor/micropython/micropython.mjs",
        "text/javascript",
        "node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs",
    )
    .await;
    assert_served(
        &app,
        "/vendor/pyscript/src/stdlib/pyscript.js",
        "text/javascript",
        "node_modules/@pyscript/core/src/stdlib/pyscript.js",
    )
    .await;
    // A project's page of the simple index, as micropip's index_urls ask
    // for it: its directory.
    assert_served(
        &app,
        "/vendor/pypi/simple/gql/",
        "text/html",
        "target/vendor/pypi/simple/gql/index.html",
    )
    .await;
}

#[tokio::test]
async fn missing_files_are_404_and_not_cached() {
    let root = TempRoot::new(FILES);
    let app = app(&Config::from_root(root.path()));
    for uri in [
        "/missing.html",
        "/pkg/missing.wasm",
        "/vendor/brython/missing.js",
        "/vendor/pyscript/missing.js",
        "/vendor/unknown/x.js",
        // Files of one mount are not reachable through another.
        "/pkg/index.html",
        "/x.wasm",
    ] {
        let reply = get(&app, uri).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(reply.cache_control.as_deref(), Some("no-store"), "{uri}");
        // A 404 must not claim to be the JavaScript or wasm that was asked for.
        assert_ne!(
            reply.content_type.as_deref(),
            Some("text/javascript"),
            "{uri}"
        );
        assert_ne!(
            reply.content_type.as_deref(),
            Some("application/wasm"),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn paths_cannot_escape_the_served_directories() {
    let root = TempRoot::new(FILES);
    let app = app(&Config::from_root(root.path()));
    for uri in [
        "/../pkg/x.wasm",
        "/pkg/../www/index.html",
        "/%2e%2e/pkg/x.js",
    ] {
        let reply = get(&app, uri).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{uri}");
    }
}

#[tokio::test]
async fn the_consumer_project_and_the_bench_pages_are_served_cross_origin_isolated_and_nothing_else_is(
) {
    let root = TempRoot::new(FILES);
    let app = app(&Config::from_root(root.path()));
    assert_served(
        &app,
        "/consumer/dist/index.html",
        "text/html",
        "target/consumer/dist/index.html",
    )
    .await;
    let isolation = |uri: &'static str| {
        let app = app.clone();
        async move {
            let request = Request::get(uri).body(Body::empty()).unwrap();
            let response = app.oneshot(request).await.unwrap();
            let header = |name: &str| {
                response
                    .headers()
                    .get(name)
                    .map(|v| v.to_str().unwrap().to_owned())
            };
            (
                header("cross-origin-opener-policy"),
                header("cross-origin-embedder-policy"),
            )
        }
    };
    for isolated in ["/consumer/dist/index.html", "/bench/", "/bench/bench.js"] {
        assert_eq!(
            isolation(isolated).await,
            (Some("same-origin".into()), Some("require-corp".into())),
            "{isolated}"
        );
    }
    assert_eq!(isolation("/index.html").await, (None, None));
}
