//! Browser tests of the core against the dev server's `/echo`.
//!
//! `cargo xtask test` starts the server and passes its echo URL in at build
//! time as `PYWS_ECHO_URL`. Each test records the events its socket sees and
//! asserts the exact sequence.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect, Uint8Array};
use pyws::{websocket, Socket};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn echo_url() -> &'static str {
    match option_env!("PYWS_ECHO_URL") {
        Some(url) => url,
        None => panic!(
            "PYWS_ECHO_URL is not set: run the browser tests with `cargo xtask test`, \
             or set it to a running server's echo endpoint (ws://127.0.0.1:8000/echo)"
        ),
    }
}

/// What a socket's handlers saw, in order, as readable strings.
#[derive(Clone, Default)]
struct Log(Rc<RefCell<Vec<String>>>);

impl Log {
    fn push(&self, entry: String) {
        self.0.borrow_mut().push(entry);
    }

    fn entries(&self) -> Vec<String> {
        self.0.borrow().clone()
    }

    /// Waits (yielding to the browser) until an entry starting with `prefix`
    /// is logged; panics after five seconds.
    async fn wait_for(&self, prefix: &str) {
        for _ in 0..500 {
            if self.0.borrow().iter().any(|e| e.starts_with(prefix)) {
                return;
            }
            sleep_ms(10).await;
        }
        panic!("no {prefix:?} event after 5 s; saw {:?}", self.entries());
    }
}

async fn sleep_ms(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        let set_timeout: Function = Reflect::get(&js_sys::global(), &"setTimeout".into())
            .unwrap()
            .into();
        set_timeout
            .call2(&JsValue::NULL, &resolve, &ms.into())
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

fn get(event: &JsValue, key: &str) -> JsValue {
    Reflect::get(event, &key.into()).unwrap()
}

/// Installs handlers on all four events that describe each event in `log`.
/// The closures are returned so they live as long as the test.
fn record(socket: &Socket, log: &Log) -> Vec<Closure<dyn FnMut(JsValue)>> {
    let describe = |log: Log| {
        Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let kind = get(&event, "type").as_string().unwrap();
            let entry = match kind.as_str() {
                "message" => {
                    let data = get(&event, "data");
                    match data.as_string() {
                        Some(text) => format!("message text {text}"),
                        None => format!("message bytes {:?}", Uint8Array::new(&data).to_vec()),
                    }
                }
                "close" => format!(
                    "close {} {:?} clean={} unsent={}",
                    get(&event, "code").as_f64().unwrap(),
                    get(&event, "reason").as_string().unwrap(),
                    get(&event, "wasClean").as_bool().unwrap(),
                    get(&event, "unsent").as_f64().unwrap(),
                ),
                other => other.to_owned(),
            };
            log.push(entry);
        })
    };
    let closures: Vec<_> = (0..4).map(|_| describe(log.clone())).collect();
    socket.set_on_open(closures[0].as_ref().clone()).unwrap();
    socket.set_on_message(closures[1].as_ref().clone()).unwrap();
    socket.set_on_error(closures[2].as_ref().clone()).unwrap();
    socket.set_on_close(closures[3].as_ref().clone()).unwrap();
    closures
}

#[wasm_bindgen_test]
async fn open_echo_close_in_order_with_non_bmp_text_intact() {
    let socket = websocket(echo_url(), None, JsValue::UNDEFINED).unwrap();
    let log = Log::default();
    let _keep = record(&socket, &log);
    log.wait_for("open").await;
    let text = "héllo 世界 😀 𝄞 \u{10FFFF}";
    socket.send(text.into()).unwrap();
    log.wait_for("message").await;
    socket.close(None, None).unwrap();
    log.wait_for("close").await;
    assert_eq!(
        log.entries(),
        vec![
            "open".to_string(),
            format!("message text {text}"),
            "close 1000 \"\" clean=true unsent=0".to_string(),
        ]
    );
}

#[wasm_bindgen_test]
async fn binary_is_echoed_as_binary_with_identical_bytes() {
    let socket = websocket(echo_url(), None, JsValue::UNDEFINED).unwrap();
    let log = Log::default();
    let _keep = record(&socket, &log);
    log.wait_for("open").await;
    let bytes: Vec<u8> = (0..=255).collect();
    socket.send(Uint8Array::from(&bytes[..]).into()).unwrap();
    log.wait_for("message").await;
    assert_eq!(log.entries()[1], format!("message bytes {bytes:?}"));
    socket.close(Some(4000.0), Some("done".into())).unwrap();
    log.wait_for("close").await;
    assert_eq!(log.entries()[2], "close 4000 \"done\" clean=true unsent=0");
}

#[wasm_bindgen_test]
async fn messages_sent_while_connecting_are_queued_and_sent_in_order() {
    let socket = websocket(echo_url(), None, JsValue::UNDEFINED).unwrap();
    let log = Log::default();
    let _keep = record(&socket, &log);
    assert_eq!(socket.ready_state(), 0);
    let buffer = Uint8Array::from(&[1u8, 2, 3][..]);
    socket.send("first".into()).unwrap();
    socket.send(buffer.clone().into()).unwrap();
    // Changing the buffer after send must not change the queued message.
    buffer.set_index(0, 99);
    socket.send("third".into()).unwrap();
    for _ in 0..500 {
        if log.entries().len() >= 4 {
            break;
        }
        sleep_ms(10).await;
    }
    assert_eq!(
        log.entries(),
        vec![
            "open",
            "message text first",
            "message bytes [1, 2, 3]",
            "message text third"
        ]
    );
    socket.close(None, None).unwrap();
    log.wait_for("close").await;
}

#[wasm_bindgen_test]
async fn send_after_close_is_an_error_not_a_silent_drop() {
    let socket = websocket(echo_url(), None, JsValue::UNDEFINED).unwrap();
    let log = Log::default();
    let _keep = record(&socket, &log);
    log.wait_for("open").await;
    socket.close(None, None).unwrap();
    let err = socket.send("late".into()).unwrap_err();
    assert_eq!(err.python_class(), "ConnectionError");
    assert_eq!(
        err.to_string(),
        "cannot send: the WebSocket is closing or closed"
    );
    // Closing again does nothing.
    socket.close(None, None).unwrap();
    log.wait_for("close").await;
    assert_eq!(
        log.entries(),
        vec!["open", "close 1000 \"\" clean=true unsent=0"]
    );
}

#[wasm_bindgen_test]
fn bad_arguments_are_rejected_before_reaching_the_browser() {
    let err = websocket("ftp://127.0.0.1/", None, JsValue::UNDEFINED).unwrap_err();
    assert_eq!(err.python_class(), "ValueError");
    assert_eq!(
        err.to_string(),
        "invalid WebSocket URL \"ftp://127.0.0.1/\": the scheme must be ws, wss, http or https, not \"ftp\""
    );
    let err = websocket(&format!("{}#frag", echo_url()), None, JsValue::UNDEFINED).unwrap_err();
    assert!(err.to_string().contains("fragment"), "{err}");
    let err = websocket(
        echo_url(),
        Some(vec!["chat".into(), "chat".into()]),
        JsValue::UNDEFINED,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid subprotocol \"chat\": it is listed more than once"
    );

    let socket = websocket(echo_url(), None, JsValue::UNDEFINED).unwrap();
    let err = socket.close(Some(1001.0), None).unwrap_err();
    assert_eq!(err.python_class(), "ValueError");
    let err = socket.close(None, Some("x".repeat(124))).unwrap_err();
    assert_eq!(
        err.to_string(),
        "close reason is 124 bytes long in UTF-8; it must be at most 123 bytes"
    );
    let err = socket.send(JsValue::from_f64(1.0)).unwrap_err();
    assert_eq!(err.python_class(), "TypeError");
    let err = socket.set_on_open(JsValue::from_f64(1.0)).unwrap_err();
    assert_eq!(err.to_string(), "on_open must be a function or null");
}

#[wasm_bindgen_test]
async fn http_urls_become_ws_urls() {
    let http = echo_url().replacen("ws://", "http://", 1);
    let socket = websocket(&http, None, JsValue::UNDEFINED).unwrap();
    assert_eq!(socket.url(), echo_url());
    socket.close(None, None).unwrap();
}

#[wasm_bindgen_test]
async fn a_freed_socket_calls_no_handler_again() {
    let socket = websocket(echo_url(), None, JsValue::UNDEFINED).unwrap();
    let log = Log::default();
    let _keep = record(&socket, &log);
    log.wait_for("open").await;
    socket.send("never seen".into()).unwrap();
    drop(socket);
    sleep_ms(200).await;
    assert_eq!(log.entries(), vec!["open"]);
}

/// The URL of another endpoint on the same server as `/echo`.
fn endpoint(path: &str) -> String {
    format!("{}{path}", echo_url().trim_end_matches("/echo"))
}

/// How the server saw the connection recorded as `id` end (see the dev
/// server's `/record-close`): `"1000"`, `"4001 bye"`, `"1006"`, …
async fn recorded_close(id: &str) -> String {
    let url = endpoint(&format!("/recorded-close?id={id}"));
    let reporter = websocket(&url, None, JsValue::UNDEFINED).unwrap();
    let report = JsFuture::from(reporter.recv()).await.unwrap();
    get(&report, "data").as_string().unwrap()
}

/// A name no other run of the test uses, for `/record-close`.
fn unique_id(name: &str) -> String {
    format!("{name}-{}", js_sys::Date::now())
}

#[wasm_bindgen_test]
async fn a_freed_open_socket_closes_its_connection_with_1000() {
    let id = unique_id("freed-open");
    let url = endpoint(&format!("/record-close?id={id}"));
    let socket = websocket(&url, None, JsValue::UNDEFINED).unwrap();
    assert_eq!(
        JsFuture::from(socket.opened()).await.unwrap(),
        JsValue::TRUE
    );
    drop(socket);
    assert_eq!(recorded_close(&id).await, "1000");
}

#[wasm_bindgen_test]
async fn recv_resolves_with_queued_messages_then_the_close_event() {
    let socket = websocket(echo_url(), None, JsValue::UNDEFINED).unwrap();
    assert_eq!(
        JsFuture::from(socket.opened()).await.unwrap(),
        JsValue::TRUE
    );
    socket.send("one".into()).unwrap();
    socket.send(Uint8Array::from(&[7u8][..]).into()).unwrap();
    let first = JsFuture::from(socket.recv()).await.unwrap();
    assert_eq!(get(&first, "data").as_string().as_deref(), Some("one"));
    let second = JsFuture::from(socket.recv()).await.unwrap();
    assert_eq!(Uint8Array::new(&get(&second, "data")).to_vec(), vec![7]);
    socket.close(Some(4001.0), Some("bye".into())).unwrap();
    let closed = JsFuture::from(socket.wait_closed()).await.unwrap();
    assert_eq!(get(&closed, "code").as_f64(), Some(4001.0));
    // Once closed and read, recv() resolves with the close event every time.
    let after = JsFuture::from(socket.recv()).await.unwrap();
    assert_eq!(get(&after, "type").as_string().as_deref(), Some("close"));
    assert_eq!(get(&after, "reason").as_string().as_deref(), Some("bye"));
}

#[wasm_bindgen_test]
async fn reconnects_after_a_drop_and_fires_reconnect_then_open() {
    let options = js_sys::Object::new();
    let settings = js_sys::Object::new();
    Reflect::set(&settings, &"delay".into(), &0.01.into()).unwrap();
    Reflect::set(&settings, &"jitter".into(), &0.into()).unwrap();
    Reflect::set(&options, &"reconnect".into(), &settings).unwrap();
    let socket = websocket(&endpoint("/drop?after=1"), None, options.into()).unwrap();
    let log = Log::default();
    let _keep = record(&socket, &log);
    let on_reconnect = {
        let log = log.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            log.push(format!(
                "reconnect {} {} {}",
                get(&event, "attempt").as_f64().unwrap(),
                get(&event, "delay").as_f64().unwrap(),
                get(&event, "code").as_f64().unwrap(),
            ));
        })
    };
    socket
        .bind("reconnect", on_reconnect.as_ref().clone(), 1)
        .unwrap();
    JsFuture::from(socket.opened()).await.unwrap();
    socket.send("x".into()).unwrap();
    log.wait_for("reconnect").await;
    assert_eq!(socket.ready_state(), 0);
    JsFuture::from(socket.opened()).await.unwrap();
    socket.close(None, None).unwrap();
    log.wait_for("close").await;
    assert_eq!(
        log.entries(),
        vec![
            "open",
            "message text x",
            "error",
            "reconnect 1 0.01 1006",
            "open",
            "close 1000 \"\" clean=true unsent=0"
        ]
    );
}

#[wasm_bindgen_test]
async fn on_reconnect_is_a_handler_property_like_the_others() {
    let options = js_sys::Object::new();
    let settings = js_sys::Object::new();
    Reflect::set(&settings, &"delay".into(), &0.01.into()).unwrap();
    Reflect::set(&settings, &"jitter".into(), &0.into()).unwrap();
    Reflect::set(&settings, &"attempts".into(), &1.into()).unwrap();
    Reflect::set(&options, &"reconnect".into(), &settings).unwrap();
    // A path of its own: Firefox delays new connections to a path that
    // failed recently.
    let url = endpoint("/reject/on-reconnect");
    let socket = websocket(&url, None, options.into()).unwrap();
    let log = Log::default();
    let _keep = record(&socket, &log);
    assert!(socket.on_reconnect().is_null());
    let on_reconnect = {
        let log = log.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            log.push(format!(
                "reconnect {}",
                get(&event, "attempt").as_f64().unwrap()
            ));
        })
    };
    let function: JsValue = on_reconnect.as_ref().clone();
    socket.set_on_reconnect(function.clone()).unwrap();
    assert!(js_sys::Object::is(&socket.on_reconnect(), &function));
    socket.set_on_reconnect(JsValue::NULL).unwrap();
    assert!(socket.on_reconnect().is_null());
    socket.set_on_reconnect(function).unwrap();
    let err = socket
        .set_on_reconnect("not a function".into())
        .unwrap_err();
    assert_eq!(err.to_string(), "on_reconnect must be a function or null");
    log.wait_for("close").await;
    assert_eq!(
        log.entries(),
        vec![
            "error",
            "reconnect 1",
            "close 1006 \"\" clean=false unsent=0"
        ]
    );
    // Released with the others once closed for good.
    assert!(socket.on_reconnect().is_null());
}

#[wasm_bindgen_test]
fn bad_reconnect_settings_are_rejected() {
    let options = js_sys::Object::new();
    let settings = js_sys::Object::new();
    Reflect::set(&settings, &"factor".into(), &0.5.into()).unwrap();
    Reflect::set(&options, &"reconnect".into(), &settings).unwrap();
    let err = websocket(echo_url(), None, options.into()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid reconnect setting factor=0.5: it must be a number, 1 or more"
    );
}
