// Types of the package's main entry (`pyws`): the plain-JavaScript face and
// install() for every interpreter. wasm-bindgen's generated declaration
// types every value `any`; this one says what the values are.
// `cargo xtask pack` checks that it declares every member the generated
// one does.

/** What `init()` accepts: the wasm's URL, its bytes, a response or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;
/** What `initSync()` accepts. */
export type SyncInitInput = BufferSource | WebAssembly.Module;
/** The instantiated wasm's exports (internal). */
export interface InitOutput {
  readonly memory: WebAssembly.Memory;
}

/**
 * Fetches and instantiates the wasm; by default `pyws_bg.wasm` beside this
 * module (`new URL("pyws_bg.wasm", import.meta.url)`). Call it once before
 * anything else.
 */
export default function init(module_or_path?: { module_or_path: InitInput | Promise<InitInput> }): Promise<InitOutput>;
/** Instantiates the wasm from bytes or a compiled module, synchronously. */
export function initSync(module: { module: SyncInitInput }): InitOutput;

/**
 * Installs the `websocket()` builtin and the `ConnectionClosed`,
 * `ConnectionClosedOK` and `ConnectionClosedError` exceptions into an
 * interpreter: the object `loadPyodide()` or `loadMicroPython()` returns,
 * or Brython's `__BRYTHON__` (the default). Installing twice does nothing.
 * The Python packages pyws adds (`websockets`) are fetched at their first
 * `import`, synchronously, from `modules`: the URL of `pyws_modules.json`,
 * by default the one beside this module (Vite copies it; with esbuild,
 * import `pyws/pyws_modules.json` with the `file` loader and pass its URL).
 * @throws TypeError when `runtime` is no supported interpreter.
 */
export function install(runtime?: object | null, modules?: string | null): void;

/** Reconnection settings; every one optional. */
export interface ReconnectSettings {
  /** Seconds before the first attempt (default 1). */
  delay?: number;
  /** Each further wait is this much longer (default 2, at least 1). */
  factor?: number;
  /** The longest wait in seconds (default 30, at least `delay`). */
  maxDelay?: number;
  /** Each wait is spread randomly by ± this fraction (default 0.1, 0 to 1). */
  jitter?: number;
  /** Failed attempts in a row before giving up; `null` (the default) never gives up. */
  attempts?: number | null;
  /** The most messages `send()` keeps while not open (default 1000). */
  queue?: number;
}

export interface SocketOptions {
  /** Pause reading while this many received messages wait for `recv()` (where the browser has `WebSocketStream`). */
  maxQueue?: number | null;
  /** Reconnect after a lost connection: `true` for the default settings. */
  reconnect?: boolean | ReconnectSettings | null;
}

export type EventKind = "open" | "message" | "error" | "close" | "reconnect";

export interface SocketEvent {
  type: EventKind;
  target: Socket;
}
export interface OpenEvent extends SocketEvent {
  type: "open";
}
export interface ErrorEvent extends SocketEvent {
  type: "error";
}
export interface MessageEvent extends SocketEvent {
  type: "message";
  /** A string for a text frame, bytes for a binary one. */
  data: string | Uint8Array;
}
export interface CloseEvent extends SocketEvent {
  type: "close";
  code: number;
  reason: string;
  wasClean: boolean;
  /** Messages queued by `send()` that were never sent. */
  unsent: number;
}
export interface ReconnectEvent extends SocketEvent {
  type: "reconnect";
  /** The code and reason of the connection that was lost. */
  code: number;
  reason: string;
  /** The attempt about to be made, from 1. */
  attempt: number;
  /** Seconds until that attempt. */
  delay: number;
}
export interface EventMap {
  open: OpenEvent;
  message: MessageEvent;
  error: ErrorEvent;
  close: CloseEvent;
  reconnect: ReconnectEvent;
}

/** A handler: called with the event when its arity is 1, with nothing when 0. */
export type Handler<E> = ((event: E) => unknown) | (() => unknown);

/**
 * A WebSocket connection, as `websocket()` returns it. Errors are JS
 * `Error`s whose `name` is the Python exception (`ValueError`,
 * `TypeError`, `ConnectionError`). The promises never reject.
 */
export class Socket {
  private constructor();
  /** Closes an open or connecting socket with 1000, detaches every listener and frees the Rust side. */
  free(): void;
  [Symbol.dispose](): void;

  on_open: Handler<OpenEvent> | null;
  on_message: Handler<MessageEvent> | null;
  on_error: Handler<ErrorEvent> | null;
  on_close: Handler<CloseEvent> | null;
  on_reconnect: Handler<ReconnectEvent> | null;
  /** Sets the handler for `kind`, called with the event when `arity` is 1; `null` clears it. */
  setHandler<K extends EventKind>(kind: K, handler: Handler<EventMap[K]> | null, arity: 0 | 1): void;
  /** The handler set for `kind`, or `null`. */
  getHandler<K extends EventKind>(kind: K): Handler<EventMap[K]> | null;
  /** Adds a handler for `kind`, called after the `on_…` one and those bound earlier. */
  bind<K extends EventKind>(kind: K, handler: Handler<EventMap[K]>, arity: 0 | 1): void;
  /** Removes `handler` (or, when `undefined`, every bound handler) from `kind`; returns how many were removed. */
  unbind<K extends EventKind>(kind: K, handler?: Handler<EventMap[K]>): number;
  /** The handlers bound to `kind`, in order. */
  boundHandlers<K extends EventKind>(kind: K): Handler<EventMap[K]>[];

  /** A string as a text frame, bytes (any `ArrayBuffer` view) as a binary frame; queued while connecting. */
  send(data: string | ArrayBufferView): void;
  /** `code` 1000 (the default) or 3000–4999, `reason` at most 123 UTF-8 bytes. */
  close(code?: number | null, reason?: string | null): void;

  /** `true` once open, or the close event if it closes first. */
  opened(): Promise<true | CloseEvent>;
  /** The next message event; the close event once closed and every message read. */
  recv(): Promise<MessageEvent | CloseEvent>;
  /** `true` once a message is unread or the socket has closed; `poll()` then returns it. */
  readable(): Promise<true>;
  /** What `recv()` would resolve with without waiting, else `undefined`. */
  poll(): MessageEvent | CloseEvent | undefined;
  /** `true` once nothing is queued and at most `limit` bytes are buffered, or the close event. */
  drain(limit: number): Promise<true | CloseEvent>;
  /** The close event, once the socket has closed for good. */
  waitClosed(): Promise<CloseEvent>;

  /** 0 CONNECTING (also while waiting to reconnect), 1 OPEN, 2 CLOSING, 3 CLOSED. */
  readonly readyState: 0 | 1 | 2 | 3;
  readonly url: string;
  readonly protocol: string;
  readonly extensions: string;
  readonly bufferedAmount: number;
  /** Received messages waiting for `recv()`. */
  readonly unread: number;
}

/**
 * Opens a WebSocket: `url` `ws:`, `wss:`, `http:`/`https:` (mapped to
 * `ws`/`wss`) or relative to the page.
 * @throws Error named `ValueError` for a bad URL, subprotocol or setting,
 * `NotImplementedError` without WebSocket, `ConnectionError` when the browser refuses.
 */
export function websocket(url: string, protocols?: string[] | null, options?: SocketOptions | null): Socket;
