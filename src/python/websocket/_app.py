# websocket-client's WebSocketApp: callbacks around a WebSocket, and
# run_forever(), which blocks until the connection ends (or, with
# reconnect, until close()). The callbacks run on run_forever()'s stack, so
# they may call the blocking API themselves.

import asyncio

from websockets._blocking import block, seconds

from ._abnf import ABNF
from ._core import WebSocket
from ._exceptions import WebSocketConnectionClosedException, WebSocketException
from ._limits import refuse
from ._logging import error, info
from ._socket import getdefaulttimeout

__all__ = ["WebSocketApp", "set_reconnect"]

# The async API a blocking call points to where it cannot block.
INSTEAD = ("websockets.asyncio.client.connect() (async with connect(uri) as ws: await ws.recv()), or pyws's "
           "websocket() builtin with on_message handlers")

_reconnect = 0


def set_reconnect(reconnectInterval):
    """The reconnect delay run_forever() takes when given none."""
    global _reconnect
    _reconnect = reconnectInterval


class WebSocketApp:
    """A long-lived connection with callbacks, as websocket-client's: each
    callback takes the app first (on_message(app, message), on_data(app,
    data, opcode, fin), on_error(app, exception), on_close(app, code,
    reason), on_open(app), on_reconnect(app))."""

    def __init__(self, url, header=None, on_open=None, on_reconnect=None, on_message=None, on_error=None,
                 on_close=None, on_ping=None, on_pong=None, on_cont_message=None, keep_running=True,
                 get_mask_key=None, cookie=None, subprotocols=None, on_data=None, socket=None):
        self.url = url
        self.header = header if header is not None else []
        self.cookie = cookie
        self.on_open = on_open
        self.on_reconnect = on_reconnect
        self.on_message = on_message
        self.on_data = on_data
        self.on_error = on_error
        self.on_close = on_close
        self.on_ping = on_ping  # never called: the browser answers pings and keeps them from the page
        self.on_pong = on_pong
        self.on_cont_message = on_cont_message  # never called: the browser hands over whole messages
        self.keep_running = False
        self.get_mask_key = get_mask_key
        self.subprotocols = subprotocols
        self.prepared_socket = socket
        self.sock = None
        self.has_errored = False

    def send(self, data, opcode=ABNF.OPCODE_TEXT):
        if not self.sock or self.sock.send(data, opcode) == 0:
            raise WebSocketConnectionClosedException("Connection is already closed.")

    def send_text(self, text_data):
        self.send(text_data, ABNF.OPCODE_TEXT)

    def send_bytes(self, data):
        self.send(data, ABNF.OPCODE_BINARY)

    def close(self, **kwargs):
        """Closes the connection (kwargs as WebSocket.close takes them) and
        ends run_forever(), reconnecting or not; callable from a callback."""
        self.keep_running = False
        if self.sock:
            self.sock.close(**kwargs)
            self.sock = None

    def ready(self):
        return bool(self.sock and self.sock.connected)

    def run_forever(self, sockopt=None, sslopt=None, ping_interval=0, ping_timeout=None, ping_payload="",
                    http_proxy_host=None, http_proxy_port=None, http_no_proxy=None, http_proxy_auth=None,
                    http_proxy_timeout=None, skip_utf8_validation=False, host=None, origin=None, dispatcher=None,
                    suppress_origin=False, proxy_type=None, reconnect=None):
        """Connects, calls on_open, then on_data and on_message for each
        message until the connection ends, then on_close. With reconnect
        (seconds), connects again that long after each end or failure, until
        close(). Returns True if an error occurred. Blocks: see
        websockets/_blocking.py for where it can."""
        if reconnect is None:
            reconnect = _reconnect
        seconds("reconnect", reconnect)
        if ping_timeout is not None and ping_timeout <= 0:
            raise WebSocketException("Ensure ping_timeout > 0")
        if ping_interval is not None and ping_interval < 0:
            raise WebSocketException("Ensure ping_interval >= 0")
        if ping_interval:
            raise ValueError("ping_interval=%r: a page cannot send ping frames; the browser answers the server's "
                             "pings itself" % (ping_interval,))
        if self.sock:
            raise WebSocketException("socket is already opened")
        header = self.header() if callable(self.header) else self.header
        options = {"header": header, "cookie": self.cookie, "http_proxy_host": http_proxy_host,
                   "http_proxy_port": http_proxy_port, "http_no_proxy": http_no_proxy,
                   "http_proxy_auth": http_proxy_auth, "http_proxy_timeout": http_proxy_timeout, "host": host,
                   "origin": origin, "suppress_origin": suppress_origin, "proxy_type": proxy_type,
                   "socket": self.prepared_socket, "subprotocols": self.subprotocols}
        for name in ("header", "cookie", "http_proxy_host", "http_proxy_port", "http_no_proxy", "http_proxy_auth",
                     "http_proxy_timeout", "host", "origin", "suppress_origin", "proxy_type", "socket"):
            refuse(name, options[name])
        for name, value in (("sockopt", sockopt), ("sslopt", sslopt), ("dispatcher", dispatcher),
                            ("get_mask_key", self.get_mask_key)):
            refuse(name, value)
        self.keep_running = True
        self.has_errored = False
        close_args = (None, None)
        reconnecting = False
        try:
            while True:
                self.sock = WebSocket(skip_utf8_validation=skip_utf8_validation)
                self.sock.settimeout(getdefaulttimeout())
                try:
                    self.sock.connect(self.url, **options)
                except (WebSocketException, OSError) as exc:
                    self.sock = None
                    self.has_errored = True
                    self._callback(self.on_error, exc)
                else:
                    info("Websocket connected")
                    self.sock.settimeout(None)  # the timeout bounds opening only
                    self._callback(self.on_reconnect if reconnecting and self.on_reconnect else self.on_open)
                    close_args = self._read()
                if not self.keep_running or not reconnect:
                    break
                info("reconnect() - retrying in %s seconds" % reconnect)
                block("run_forever()", INSTEAD, asyncio.sleep(reconnect))
                reconnecting = True
        finally:
            self.keep_running = False
            sock, self.sock = self.sock, None
            if sock is not None:
                sock.shutdown()
        self._callback(self.on_close, *close_args)
        return self.has_errored

    def create_dispatcher(self, ping_timeout, dispatcher=None, is_ssl=False, handleDisconnect=None):
        refuse("dispatcher", dispatcher or "a select() loop")

    def _read(self):
        """Dispatches messages until the connection ends: (code, reason) of
        the server's close, or (None, None) after close() or a failure."""
        while self.keep_running and self.sock is not None:
            try:
                opcode, frame = self.sock.recv_data_frame(True)
            except WebSocketConnectionClosedException as exc:
                if not self.keep_running:
                    break
                self.has_errored = True
                self._callback(self.on_error, exc)
                break
            if opcode == ABNF.OPCODE_CLOSE:
                code = 256 * frame.data[0] + frame.data[1] if len(frame.data) >= 2 else None
                return code, frame.data[2:].decode("utf-8") if code is not None else None
            data = frame.data.decode("utf-8") if opcode == ABNF.OPCODE_TEXT else frame.data
            self._callback(self.on_data, data, opcode, True)
            self._callback(self.on_message, data)
        return None, None

    def _callback(self, callback, *args):
        """Calls callback(self, *args); an exception from it is logged and
        passed to on_error (unless on_error raised it)."""
        if callback:
            try:
                callback(self, *args)
            except Exception as exc:
                error("error from callback %s: %s" % (callback, exc))
                if self.on_error and callback is not self.on_error:
                    self.on_error(self, exc)
