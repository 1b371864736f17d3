// The Brython adapter: the `websocket` builtin and the `WebSocket` and
// `WebSocketEvent` types, made the way Brython 3.14 makes its own builtin
// types (tp_funcs, tp_getset, tp_methods, then $B.finalize_type).
//
// This file only converts: Python arguments to JS values for the core,
// core errors to Python exceptions, and browser data to Python str/bytes.
// Validation, state and dispatch live in the Rust core; the names, messages
// and settings Python sees, in src/host/api.rs, which the core hands over as
// JSON (the same the Pyodide and MicroPython shim is built with).

const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

/** A message template of the API with its {names} filled in from `values`. */
const fill = (template, values = {}) => template.replace(/\{(\w+)\}/g, (_, name) => values[name]);

/**
 * Puts the Python packages pyws adds into Brython's virtual file system,
 * where `import` looks first: the `websockets` package the other adapters
 * write into their file systems, and what Brython adds (`asyncio`, which
 * replaces the placeholder of Brython's standard library, which implements
 * nothing). `modules` (JSON) names them; each stands as a stub until its
 * first import, which puts its real modules, from `source` (see
 * modules.js), in its place and runs the real one. Brython compiles a
 * module at its first import (and, on a page with text/python scripts,
 * keeps the compiled module in its IndexedDB cache until the timestamp, a
 * hash of the sources, changes).
 */
function addModules($B, modules, source) {
  const { python, brython, timestamp } = JSON.parse(modules);
  $B.VFS ??= {};
  const ours = [];
  // Brython's entry: extension, source, imports, and 1 for a package.
  const add = (name, text, isPackage) => {
    const entry = isPackage ? [".py", text, [], 1] : [".py", text, []];
    entry.timestamp = timestamp;
    $B.VFS[name] = entry;
    ours.push(name);
  };
  /** The top-level `name`'s modules into the VFS, and its real source. */
  const unpack = (name, kind) => {
    let files;
    try {
      files = source.files(kind, name);
    } catch (err) {
      $B.RAISE($B.builtins.ImportError, err.message);
    }
    for (const [path, text] of Object.entries(files)) {
      const parts = path.slice(0, -3).split("/");
      const isPackage = parts.at(-1) === "__init__";
      if (isPackage) parts.pop();
      add(parts.join("."), text, isPackage);
    }
    return $B.VFS[name][1];
  };
  $B.pyws_unpack = unpack;
  for (const [kind, names] of [["python", python], ["brython", brython]]) {
    for (const name of names) add(name, `exec(__BRYTHON__.pyws_unpack("${name}", "${kind}"))\n`, kind === "python");
  }
  $B.use_VFS = true;
  // Brython's standard library (brython_stdlib.js), loaded after pyws,
  // would put its placeholder asyncio back (and warn of a duplicate entry):
  // pyws's modules stay.
  const update = $B.update_VFS;
  $B.update_VFS = function (scripts) {
    for (const name of ours) delete scripts[name];
    return update.call(this, scripts);
  };
}

/**
 * Makes Brython's `await` take an object whose `__await__` returns an async
 * function (or a coroutine): pyws's awaitable Python classes (websockets'
 * `connect`, asyncio's `Task`) return one there, since Brython has no
 * iterator to await (its `await` takes a coroutine or a JS promise; for any
 * other object it calls `__await__` and hands back the iterator unawaited).
 * The function is called here, so that its coroutine is made in the frame
 * that awaits it: made in `__await__`'s own, Brython would warn at its return
 * that the coroutine was never awaited.
 */
function awaitCoroutines($B) {
  const _b_ = $B.builtins;
  const promise = $B.promise;
  const isCoroutine = (obj) => $B.exact_type(obj, $B.coroutine);
  $B.promise = function (obj) {
    if (obj !== null && typeof obj === "object" && typeof obj.then !== "function" && !isCoroutine(obj)) {
      const method = $B.$getattr(obj, "__await__", null);
      if (method !== null) {
        let awaitable = $B.$call(method);
        if (!isCoroutine(awaitable) && $B.$getattr(awaitable, "__next__", null) === null) {
          if (_b_.callable(awaitable)) awaitable = $B.$call(awaitable);
          if (!isCoroutine(awaitable)) {
            // As Brython's own does.
            $B.RAISE(_b_.TypeError, `__await__() returned non-iterator of type '${$B.class_name(awaitable)}'`);
          }
        }
        return isCoroutine(awaitable) ? promise(awaitable) : awaitable;
      }
    }
    return promise(obj);
  };
}

/**
 * Lets `break` and `continue` run inside `async for`, which Brython 3.14's
 * compiler refuses ("'break' outside loop"): it compiles `async for` as a
 * `for` loop, but looks for a loop to break out of with `instanceof For`,
 * which an `AsyncFor` node is not. Making `AsyncFor` a kind of `For` is all
 * that check needs (each keeps its own `to_js`); nothing else in Brython
 * asks whether a node is a `For`.
 */
function breakInAsyncFor($B) {
  const { For, AsyncFor } = $B.ast ?? {};
  if (For && AsyncFor && !(AsyncFor.prototype instanceof For)) Object.setPrototypeOf(AsyncFor.prototype, For.prototype);
}

/**
 * Installs `websocket` into Brython's builtins and the Python packages
 * (`websockets`, `asyncio`) into its virtual file system. `open(url,
 * protocols, hooks, target)` is the core's socket constructor, `api` the
 * API's JSON (see api.rs), `modules` and `source` the packages (see
 * addModules). Installing twice is harmless.
 */
export function installBrython($B, open, api, modules, source) {
  const _b_ = $B.builtins;
  $B.has_websocket = typeof globalThis.WebSocket === "function";
  if (_b_.websocket?.$pyws) return;
  addModules($B, modules, source);
  awaitCoroutines($B);
  breakInAsyncFor($B);
  const API = JSON.parse(api);
  const message = (key, values) => fill(API.messages[key], values);

  const { NULL } = $B;
  const None = _b_.None;
  const typeName = (obj) => $B.class_name(obj);

  /** Raises a core error as the Python exception its name says; anything
   * else (a bug, such as a trap in the wasm) as a RuntimeError. */
  function raiseCore(err) {
    if (err?.ob_type !== undefined) throw err; // already a Python exception
    if (err instanceof Error && API.errors.includes(err.name)) {
      $B.RAISE(_b_[err.name] ?? _b_.OSError, err.message);
    }
    $B.RAISE(_b_.RuntimeError, message("internal", { error: err instanceof Error ? `${err.name}: ${err.message}` : err }));
  }
  function core(action) {
    try {
      return action();
    } catch (err) {
      raiseCore(err);
    }
  }

  const toJsString = (s) => $B.pyobj2jsobj(s);
  /** A Python int or float (already checked to be one) as a JS number. */
  const jsNumber = (n) => ($B.$isinstance(n, _b_.int) ? Number($B.int_value(n)) : _b_.float.$to_js_number(n));
  const isStr = (obj) => $B.$isinstance(obj, _b_.str);

  /** A bytes-like object as a fresh Uint8Array (a snapshot: bytes(bytearray)
   * may share storage with the bytearray in Brython). */
  function toUint8Array(obj) {
    // Uint8Array.from, not new Uint8Array: 4x faster on a 64 KiB array.
    if ($B.$isinstance(obj, [_b_.bytes, _b_.bytearray])) return Uint8Array.from(obj.source);
    if ($B.$isinstance(obj, _b_.memoryview)) return Uint8Array.from($B.$call(_b_.bytes, obj).source);
    return null;
  }

  /** A Uint8Array's bytes as the plain array Brython's bytes hold (a loop:
   * Array.from() took 5x as long on 64 KiB). */
  function fromUint8Array(view) {
    const array = new Array(view.length);
    for (let i = 0; i < view.length; i++) array[i] = view[i];
    return array;
  }

  /**
   * How to call a handler: with the event (arity 1) or without (arity 0),
   * read from its signature, never by trial: a zero-parameter `async def`
   * called with an argument fails only once the coroutine runs.
   */
  function arityOf(name, handler, orNone = " or None") {
    if (!_b_.callable(handler)) {
      $B.RAISE(_b_.TypeError, message("callable", { name, or_none: orNone, type: typeName(handler) }));
    }
    let target = handler;
    let bound = 0;
    for (let depth = 0; depth < 4; depth++) {
      // A bound method: its function, less the bound self. (Checked before
      // __code__, which bound methods also expose.)
      const func = $B.$getattr(target, "__func__", NULL);
      if (func !== NULL) {
        bound += 1;
        target = func;
        continue;
      }
      const code = $B.$getattr(target, "__code__", NULL);
      if (code !== NULL) {
        const positional = $B.$getattr(code, "co_argcount") - bound;
        const flags = $B.$getattr(code, "co_flags");
        const defaults = $B.$getattr(target, "__defaults__", None);
        const optional = defaults === None ? 0 : defaults.length;
        if (positional - optional > 1) {
          $B.RAISE(_b_.TypeError, message("arity",
            { name, function: $B.$getattr(target, "__name__"), required: positional - optional }));
        }
        return positional >= 1 || (flags & API.co_varargs) ? 1 : 0;
      }
      // A callable object: its class's __call__, whose first argument is self.
      const call = $B.$getattr($B.get_class(target), "__call__", NULL);
      if (call === NULL || $B.$getattr(call, "__code__", NULL) === NULL) break;
      bound += 1;
      target = call;
    }
    return 1; // a builtin such as print: give it the event
  }

  /** Gives each getset attribute a setter that refuses, as CPython does. */
  function readOnly(type, names) {
    for (const name of names) {
      type.tp_funcs[`${name}_set`] = () => $B.RAISE(_b_.AttributeError,
        message("read_only", { name, type: type.tp_name }));
    }
  }

  function exceptionClass(name, base, doc) {
    const dict = $B.empty_dict();
    _b_.dict.$setitem(dict, "__module__", "builtins");
    _b_.dict.$setitem(dict, "__doc__", doc);
    // type() reads the calling frame, and there is none yet when pyws is
    // installed before Brython runs any script: lend it an empty one.
    const frames = $B.frame_obj;
    if (frames === null) $B.frame_obj = { frame: [name, {}, "builtins", {}], prev: null };
    try {
      return $B.$call(_b_.type, name, $B.fast_tuple([base]), dict);
    } finally {
      $B.frame_obj = frames;
    }
  }
  // The exception classes are made on first use, each by type(): the three
  // type() calls were most of install's time (3-8 ms of ~10), and a page
  // that never names them nor awaits a closed socket never needs them.
  const EXCEPTIONS = {
    ConnectionClosed: () => _b_.ConnectionError,
    ConnectionClosedOK: () => exception("ConnectionClosed"),
    ConnectionClosedError: () => exception("ConnectionClosed"),
  };
  const exceptions = {};
  function exception(name) {
    if (!exceptions[name]) {
      exceptions[name] = exceptionClass(name, EXCEPTIONS[name](), API.docs[name]);
    }
    return exceptions[name];
  }
  /** Makes target.<name> (a lazy builtin or module) a plain value again,
   * once read or replaced. */
  const settle = (target, name, value) =>
    Object.defineProperty(target, name, { value, writable: true, enumerable: true, configurable: true });

  /** The WebSocket and WebSocketEvent types and the hooks the core calls,
   * made at the first websocket() call: making types was most of what
   * install() cost, and install() runs synchronously while the page loads. */
  function makeTypes() {
    // The event handlers receive.
    const Event = $B.make_builtin_class("WebSocketEvent");
    Event.tp_funcs = {};
    const fields = [...new Set(["type", "target", ...Object.values(API.event_fields).flat()])];
    for (const field of fields) {
      Event.tp_funcs[`${field}_get`] = (self) => {
        const value = self[field];
        if (value === undefined) {
          $B.RAISE(_b_.AttributeError, message("no_attribute", { type: self.type, name: field }));
        }
        return value;
      };
    }
    readOnly(Event, fields);
    Event.tp_getset = fields;
    Event.tp_repr = (self) => message("event_repr", { type: self.type });
    $B.set_func_names(Event, "builtins");
    $B.finalize_type(Event);

    /** A message's data, a JS string or Uint8Array, as Brython's str or
     * bytes. $B.String scans the string in JS for characters beyond the BMP
     * (which Brython counts as one): only strings with a surrogate pair
     * need it. */
    const pythonData = (data) =>
      typeof data !== "string" ? $B.fast_bytes(fromUint8Array(data))
        : HIGH_SURROGATE.test(data) ? $B.String(data) : data;

    // The hooks the core calls for every event.
    const hooks = {
      event(type, target, data, code, reason, wasClean, unsent, attempt, delay) {
        // A message's is made directly: it is the one made per message.
        if (type === "message") return { ob_type: Event, type, target, data: pythonData(data) };
        const values = { code, reason: reason === undefined ? undefined : $B.String(reason), was_clean: wasClean,
          unsent, attempt, delay: delay === undefined ? undefined : $B.fast_float(delay) };
        const event = { ob_type: Event, type, target };
        for (const field of API.event_fields[type]) event[field] = values[field];
        return event;
      },
      call(handler, arity, event) {
        try {
          const result = arity ? $B.$call(handler, event) : $B.$call(handler);
          if ($B.get_class(result) === $B.coroutine) {
            // An async def handler: run it on Brython's event loop.
            const send = $B.$getattr($B.coroutine, "send");
            $B.$call(send, result).catch((err) => $B.show_error(err));
          }
        } catch (err) {
          $B.show_error(err);
        }
      },
      release() {},
    };

    const WebSocket = $B.make_builtin_class("WebSocket");
    const funcs = (WebSocket.tp_funcs = {});
    const getset = [];
    for (const kind of API.kinds) {
      const name = `on_${kind}`;
      getset.push(name);
      funcs[`${name}_get`] = (self) => self.$socket.getHandler(kind) ?? None;
      funcs[`${name}_set`] = (self, value) => {
        if (value === None || value === NULL || value === undefined) {
          self.$socket.setHandler(kind, null, 0);
        } else {
          self.$socket.setHandler(kind, value, arityOf(name, value));
        }
      };
    }
    for (const [name, coreName] of API.properties) {
      getset.push(name);
      funcs[`${name}_get`] = (self) => {
        const value = self.$socket[coreName];
        return typeof value === "string" ? $B.String(value) : value;
      };
    }
    readOnly(WebSocket, API.properties.map(([name]) => name));
    WebSocket.tp_getset = getset;

    funcs.send = function (self, data) {
      // The usual call, send(str) with no keywords, has nothing to parse.
      if (arguments.length !== 2 || typeof data !== "string") {
        const given = $B.args("send", 2, { self: null, data: null }, arguments, {}, null, null).data;
        data = isStr(given) ? toJsString(given) : toUint8Array(given);
        if (data === null) {
          $B.RAISE(_b_.TypeError, message("send_type", { type: typeName(given) }));
        }
      }
      core(() => self.$socket.send(data));
      return None;
    };
    funcs.close = function () {
      const $ = $B.args("close", 3, { self: null, code: null, reason: null }, arguments,
        { code: None, reason: None }, null, null);
      let code;
      if ($.code !== None) {
        if (!$B.$isinstance($.code, _b_.int) || $B.$isinstance($.code, _b_.bool)) {
          $B.RAISE(_b_.TypeError, message("close_code_type", { type: typeName($.code) }));
        }
        code = Number($B.int_value($.code));
      }
      let reason;
      if ($.reason !== None) {
        if (!isStr($.reason)) {
          $B.RAISE(_b_.TypeError, message("close_reason_type", { type: typeName($.reason) }));
        }
        reason = toJsString($.reason);
      }
      core(() => $.self.$socket.close(code, reason));
      return None;
    };
    funcs.bind = function () {
      const $ = $B.args("bind", 3, { self: null, event: null, handler: null }, arguments, {}, null, null);
      const event = eventName("bind", $.event);
      const arity = arityOf("bind() handler", $.handler, "");
      core(() => $.self.$socket.bind(event, $.handler, arity));
      return None;
    };
    funcs.unbind = function () {
      const $ = $B.args("unbind", 3, { self: null, event: null, handler: null }, arguments,
        { handler: None }, null, null);
      const event = eventName("unbind", $.event);
      let handler;
      if ($.handler !== None) {
        // Bound methods are made anew at each attribute access: find the
        // registered handler equal to this one, as Python's == sees it.
        const bound = core(() => $.self.$socket.boundHandlers(event));
        handler = bound.find((h) => $B.rich_comp("__eq__", h, $.handler)) ?? $.handler;
      }
      core(() => $.self.$socket.unbind(event, handler));
      return None;
    };
    function eventName(method, event) {
      if (!isStr(event)) {
        $B.RAISE(_b_.TypeError, message("event_type", { method, type: typeName(event) }));
      }
      return toJsString(event);
    }

    // The async API. Each method returns a JS promise, which Brython's await
    // (and async with / async for) accepts; the core's promises never reject,
    // so the Python exceptions are raised here.
    /** The exception for a close event: OK for a clean close with an OK code. */
    function closedError(event) {
      const ok = event.was_clean && API.ok_close_codes.includes(event.code);
      let text = message("closed", { code: event.code });
      if (event.reason) text += message("closed_reason", { reason: event.reason });
      if (!event.was_clean) text += message("closed_unclean");
      const exc = $B.$call(exception(ok ? "ConnectionClosedOK" : "ConnectionClosedError"), text);
      $B.$setattr(exc, "code", event.code);
      $B.$setattr(exc, "reason", event.reason);
      $B.$setattr(exc, "was_clean", event.was_clean);
      return exc;
    }
    const openedOrRaise = (result) => {
      if (result !== true) throw closedError(result);
      return None;
    };
    function received(event) {
      if (event.type !== "message") throw closedError(event);
      return event.data;
    }
    function noArguments(name, args) {
      return $B.args(name, 1, { self: null }, args, {}, null, null).self;
    }
    funcs.opened = function () {
      const self = noArguments("opened", arguments);
      return core(() => self.$socket.opened()).then(openedOrRaise);
    };
    // Waits with readable() and takes the message with poll(), so a recv()
    // given up on (aio.wait_for) leaves the message for the next one.
    async function nextMessage(socket) {
      for (;;) {
        const next = core(() => socket.poll());
        if (next !== undefined) return received(next);
        await core(() => socket.readable());
      }
    }
    funcs.recv = function () {
      const socket = noArguments("recv", arguments).$socket;
      // Lazy, as a coroutine is: nothing is taken until it is awaited, so a
      // recv() that is never awaited leaves the message for the next one.
      return { then: (resolve, reject) => nextMessage(socket).then(resolve, reject) };
    };
    funcs.drain = function () {
      const $ = $B.args("drain", 2, { self: null, limit: null }, arguments, { limit: 0 }, null, null);
      const limit = $.limit;
      if ($B.$isinstance(limit, _b_.bool) || !$B.$isinstance(limit, [_b_.int, _b_.float])) {
        $B.RAISE(_b_.TypeError, message("drain_type", { type: typeName(limit) }));
      }
      const bytes = jsNumber(limit);
      if (!(bytes >= 0)) {
        $B.RAISE(_b_.ValueError, message("drain_value", { value: _b_.repr(limit) }));
      }
      return core(() => $.self.$socket.drain(bytes)).then(openedOrRaise);
    };
    funcs.wait_closed = function () {
      const self = noArguments("wait_closed", arguments);
      return core(() => self.$socket.waitClosed()).then(() => None);
    };
    funcs.__aenter__ = function () {
      const self = noArguments("__aenter__", arguments);
      return funcs.opened(self).then(() => self);
    };
    // Compiled `async with` calls the class's __aexit__ as a plain function,
    // so it goes in the class dict itself (below), not in tp_methods.
    function aexit(self) {
      core(() => self.$socket.close());
      return core(() => self.$socket.waitClosed()).then(() => false);
    }
    funcs.__aiter__ = (self) => self;
    funcs.__anext__ = function (self) {
      return nextMessage(self.$socket).catch((err) => {
        if ($B.$isinstance(err, exception("ConnectionClosedOK"))) throw $B.$call(_b_.StopAsyncIteration);
        throw err;
      });
    };

    WebSocket.tp_methods = ["send", "close", "bind", "unbind", "opened", "recv", "drain", "wait_closed",
      "__aenter__", "__aiter__", "__anext__"];
    WebSocket.tp_repr = (self) =>
      message("socket_repr", { url: self.$socket.url, state: API.states[self.$socket.readyState] });
    $B.set_func_names(WebSocket, "builtins");
    $B.finalize_type(WebSocket);
    API.states.forEach((name, value) => $B.set_to_dict(WebSocket, name, value));
    $B.set_function_infos(aexit, {
      __module__: "builtins",
      __name__: "__aexit__",
      __qualname__: "WebSocket.__aexit__",
      __doc__: "Closes the socket and waits until it has closed.",
      __defaults__: [],
      __kwdefaults__: {},
    });
    $B.set_to_dict(WebSocket, "__aexit__", aexit);
    return { WebSocket, hooks };
  }
  let types;

  /** reconnect=False, True or a dict of settings, as the core's options. */
  function reconnectOption(reconnect) {
    if (reconnect === None || reconnect === false) return undefined;
    if (reconnect === true) return true;
    if (!$B.$isinstance(reconnect, _b_.dict)) {
      $B.RAISE(_b_.TypeError, message("reconnect_type", { type: typeName(reconnect) }));
    }
    const settings = {};
    for (const name of $B.make_js_iterator(reconnect)) {
      const key = isStr(name) ? toJsString(name) : undefined;
      if (!API.reconnect_settings.includes(key)) {
        $B.RAISE(_b_.TypeError, message("reconnect_unknown",
          { name: _b_.repr(name), settings: API.reconnect_settings.join(", ") }));
      }
      const value = $B.$getitem(reconnect, name);
      if (value === None) continue;
      if ($B.$isinstance(value, _b_.bool) || !$B.$isinstance(value, [_b_.int, _b_.float])) {
        $B.RAISE(_b_.TypeError, message("reconnect_value", { name: key, type: typeName(value) }));
      }
      settings[key] = jsNumber(value);
    }
    return settings;
  }

  function websocket() {
    const $ = $B.args("websocket", 4, { url: null, protocols: null, reconnect: null, max_queue: null },
      arguments, { protocols: None, reconnect: false, max_queue: None }, null, null);
    if (!isStr($.url)) {
      $B.RAISE(_b_.TypeError, message("url_type", { type: typeName($.url) }));
    }
    let protocols = [];
    if (isStr($.protocols)) {
      protocols = [toJsString($.protocols)];
    } else if ($B.$isinstance($.protocols, [_b_.list, _b_.tuple])) {
      protocols = Array.from($.protocols, (p) => {
        if (!isStr(p)) {
          $B.RAISE(_b_.TypeError, message("protocol_type", { type: typeName(p) }));
        }
        return toJsString(p);
      });
    } else if ($.protocols !== None) {
      $B.RAISE(_b_.TypeError, message("protocols_type", { type: typeName($.protocols) }));
    }
    const { WebSocket, hooks } = (types ??= makeTypes());
    const self = { ob_type: WebSocket };
    $B.init_dict(self);
    let maxQueue;
    if ($.max_queue !== None) {
      if ($B.$isinstance($.max_queue, _b_.bool) || !$B.$isinstance($.max_queue, _b_.int)) {
        $B.RAISE(_b_.TypeError, message("max_queue_type", { type: typeName($.max_queue) }));
      }
      maxQueue = Number($B.int_value($.max_queue));
    }
    const reconnect = reconnectOption($.reconnect);
    self.$socket = core(() => open(toJsString($.url), protocols, hooks, self, { reconnect, maxQueue }));
    return self;
  }
  websocket.$pyws = true;
  // Brython reads __name__ from the JS function's name, which the bundler's
  // minifier renames.
  Object.defineProperty(websocket, "name", { value: "websocket" });
  $B.set_function_infos(websocket, {
    __module__: "builtins",
    __name__: "websocket",
    __qualname__: "websocket",
    __doc__: API.docs.websocket,
    __defaults__: [],
    __kwdefaults__: {},
  });
  _b_.websocket = websocket;
  for (const name of Object.keys(EXCEPTIONS)) {
    Object.defineProperty(_b_, name, {
      get: () => settle(_b_, name, exception(name))[name],
      set: (value) => settle(_b_, name, value),
      enumerable: true,
      configurable: true,
    });
  }
  // The `pyws` module (`from pyws import websocket`, for type checkers),
  // made at the first import: it holds the exception classes themselves.
  if ($B.imported.pyws === undefined) {
    Object.defineProperty($B.imported, "pyws", {
      get() {
        const module = $B.module.$factory("pyws");
        $B.module_setattr(module, "__version__", API.version);
        for (const name of ["websocket", ...Object.keys(EXCEPTIONS)]) $B.module_setattr(module, name, _b_[name]);
        return settle($B.imported, "pyws", module).pyws;
      },
      set: (value) => settle($B.imported, "pyws", value),
      enumerable: true,
      configurable: true,
    });
  }
}
