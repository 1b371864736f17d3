# websocket-client's WebSocket and create_connection(), over pyws's
# websockets.sync client (which blocks through websockets/_blocking.py).
# What differs from the real library is what a browser decides: it makes the
# handshake (no custom headers, cookies, proxies or TLS options), masks and
# frames the messages (no raw frames, pings or fragments), and tells a page
# nothing of a failed handshake but that it failed.

from websockets import exceptions as _ws
from websockets._blocking import seconds
from websockets._compat import TimeoutError
from websockets.sync.client import connect as _connect

from ._abnf import ABNF, STATUS_NORMAL
from ._exceptions import (WebSocketAddressException, WebSocketBadStatusException,
                          WebSocketConnectionClosedException, WebSocketTimeoutException)
from ._limits import BROWSER_DECIDES, IGNORED, refuse
from ._socket import getdefaulttimeout

__all__ = ["WebSocket", "create_connection"]

def _frame_length(size):
    """The bytes a client frame of size bytes of payload takes on the wire."""
    return 6 + size + (2 if size >= ABNF.LENGTH_7 else 0) + (6 if size >= ABNF.LENGTH_16 else 0)


class WebSocket:
    """A blocking WebSocket connection, as websocket-client's: connect(),
    send(), recv(), close(). Its timeout (settimeout) bounds opening and
    each recv(), raising WebSocketTimeoutException."""

    def __init__(self, get_mask_key=None, sockopt=None, sslopt=None, fire_cont_frame=False,
                 enable_multithread=True, skip_utf8_validation=False, dispatcher=None, **_):
        refuse("get_mask_key", get_mask_key)
        refuse("sockopt", sockopt)
        refuse("sslopt", sslopt)
        refuse("dispatcher", dispatcher)
        self.connected = False
        self._connection = None
        self._url = None
        self._timeout = getdefaulttimeout()

    def __iter__(self):
        while True:
            yield self.recv()

    def __next__(self):
        return self.recv()

    next = __next__

    def fileno(self):
        raise NotImplementedError("fileno(): a page has no socket; the browser owns the connection")

    def set_mask_key(self, func):
        refuse("get_mask_key", func)

    def settimeout(self, timeout):
        """Seconds that opening and each recv() may take (None: no limit)."""
        self._timeout = seconds("timeout", timeout)

    def gettimeout(self):
        return self._timeout

    timeout = property(gettimeout, settimeout)

    def getsubprotocol(self):
        return None if self._connection is None else self._connection.subprotocol

    subprotocol = property(getsubprotocol)

    def getstatus(self):
        """101 once the connection has opened (the browser opened it with that
        status), else None."""
        return None if self._connection is None else 101

    status = property(getstatus)

    def getheaders(self):
        """The response headers a browser tells a page of: the negotiated
        sec-websocket-protocol and sec-websocket-extensions (lower case, as
        websocket-client keys them)."""
        if self._connection is None:
            return None
        return {name.lower(): value for name, value in self._connection.response.headers.raw_items()}

    headers = property(getheaders)

    def is_ssl(self):
        return self._url is not None and self._url.startswith("wss:")

    def connect(self, url, **options):
        """Opens the connection to url (ws:// or wss://), waiting at most the
        timeout (options' timeout, else settimeout's)."""
        for name, value in options.items():
            if name in BROWSER_DECIDES:
                refuse(name, value)
            elif name not in IGNORED:
                raise TypeError("connect() got an unexpected keyword argument %r" % name)
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme not in ("ws", "wss"):
            raise ValueError("scheme %s is invalid" % scheme)
        self.settimeout(options.get("timeout", self._timeout))
        timeout = self._timeout
        try:
            self._connection = _connect(url, subprotocols=options.get("subprotocols"), open_timeout=timeout,
                                        max_size=None, max_queue=None)
        except TimeoutError:
            raise WebSocketTimeoutException("timed out while opening %s" % url)
        except _ws.HandshakeFailed as failed:
            raise WebSocketBadStatusException(
                "Handshake failed: %s (a browser does not tell a page the status)" % failed, None)
        except _ws.InvalidURI as invalid:
            raise WebSocketAddressException(str(invalid))
        self._url = url
        self.connected = True

    # -- sending ---------------------------------------------------------

    def send(self, payload, opcode=ABNF.OPCODE_TEXT):
        """Sends payload as a text (str, or bytes of UTF-8) or binary message;
        returns the frame's length in bytes."""
        if opcode not in (ABNF.OPCODE_TEXT, ABNF.OPCODE_BINARY):
            name = ABNF.OPCODE_MAP.get(opcode, opcode)
            raise ValueError("opcode %s: a page sends only text and binary messages; the browser sends the "
                             "control frames (ping, pong, close: use close()) and fragments itself" % name)
        if not isinstance(payload, (str, bytes, bytearray, memoryview)):
            raise TypeError("payload must be str or bytes, not %s" % type(payload).__name__)
        if self._connection is None:
            raise WebSocketConnectionClosedException("socket is already closed.")
        try:
            self._connection.send(payload, text=opcode == ABNF.OPCODE_TEXT)
        except _ws.ConnectionClosed:
            self.connected = False
            raise WebSocketConnectionClosedException("socket is already closed.")
        size = len(payload.encode()) if isinstance(payload, str) else len(payload)
        return _frame_length(size)

    def send_text(self, text_data):
        return self.send(text_data, ABNF.OPCODE_TEXT)

    def send_bytes(self, data):
        return self.send(data, ABNF.OPCODE_BINARY)

    def send_binary(self, payload):
        return self.send(payload, ABNF.OPCODE_BINARY)

    def send_frame(self, frame):
        raise NotImplementedError("send_frame(): a page cannot send frames; the browser frames each message "
                                  "(use send())")

    def ping(self, payload=""):
        raise NotImplementedError("ping(): a page cannot send ping frames; the browser answers the server's pings")

    def pong(self, payload=""):
        raise NotImplementedError("pong(): a page cannot send pong frames; the browser answers the server's pings")

    # -- receiving -------------------------------------------------------

    def recv(self):
        """The next message: str for text, bytes for binary; "" for the
        server's close (then WebSocketConnectionClosedException)."""
        opcode, data = self.recv_data()
        if opcode == ABNF.OPCODE_TEXT:
            return data.decode("utf-8")
        if opcode == ABNF.OPCODE_BINARY:
            return data
        return ""

    def recv_data(self, control_frame=False):
        """(opcode, data) of the next message, data as bytes."""
        opcode, frame = self.recv_data_frame(control_frame)
        return opcode, frame.data

    def recv_data_frame(self, control_frame=False):
        """(opcode, frame) of the next message, or of the server's close frame
        once; then WebSocketConnectionClosedException. Waits at most the
        timeout, else WebSocketTimeoutException."""
        if self._connection is None:
            raise WebSocketConnectionClosedException("socket is already closed.")
        try:
            message = self._connection.recv(self._timeout)
        except TimeoutError:
            raise WebSocketTimeoutException("timed out while waiting for a message")
        except _ws.ConnectionClosed as closed:
            self.connected = False
            if closed.rcvd is None:
                raise WebSocketConnectionClosedException("Connection to remote host was lost.")
            self._connection = None
            code = closed.rcvd.code
            data = bytes([code >> 8, code & 255]) + closed.rcvd.reason.encode()
            return ABNF.OPCODE_CLOSE, ABNF(1, opcode=ABNF.OPCODE_CLOSE, data=data)
        if isinstance(message, str):
            return ABNF.OPCODE_TEXT, ABNF(1, opcode=ABNF.OPCODE_TEXT, data=message.encode())
        return ABNF.OPCODE_BINARY, ABNF(1, opcode=ABNF.OPCODE_BINARY, data=message)

    def recv_frame(self):
        return self.recv_data_frame(True)[1]

    # -- closing ---------------------------------------------------------

    def send_close(self, status=STATUS_NORMAL, reason=b""):
        """Starts the closing handshake without waiting for its end."""
        if status < 0 or status >= ABNF.LENGTH_16:
            raise ValueError("code is invalid range")
        self.connected = False
        if self._connection is not None:
            self._connection._connection._start_close(status, _text(reason))

    def close(self, status=STATUS_NORMAL, reason=b"", timeout=3):
        """Closes the connection and waits for the server's close, timeout
        seconds at most (None: no limit). Close codes as pyws's websockets
        sends them: 1000 and 3000-4999 as they are, 1001-1999 as 4001-4999."""
        if not self.connected:
            return
        if status < 0 or status >= ABNF.LENGTH_16:
            raise ValueError("code is invalid range")
        timeout = seconds("timeout", timeout)
        self.connected = False
        connection, self._connection = self._connection, None
        connection._connection.close_timeout = timeout
        connection.close(status, _text(reason))

    def abort(self):
        """Closes the connection at once, without waiting."""
        self.shutdown()

    def shutdown(self):
        self.connected = False
        connection, self._connection = self._connection, None
        if connection is not None:
            connection._connection._start_close(STATUS_NORMAL, "")


def _text(reason):
    return reason.decode("utf-8") if isinstance(reason, (bytes, bytearray)) else reason


def create_connection(url, timeout=None, class_=WebSocket, **options):
    """Connects to url and returns the WebSocket once it has opened.
    timeout (else getdefaulttimeout()) bounds opening and each recv()."""
    websock = class_(sockopt=options.pop("sockopt", None), sslopt=options.pop("sslopt", None),
                     fire_cont_frame=options.pop("fire_cont_frame", False),
                     enable_multithread=options.pop("enable_multithread", True),
                     skip_utf8_validation=options.pop("skip_utf8_validation", False))
    websock.settimeout(timeout if timeout is not None else getdefaulttimeout())
    websock.connect(url, **options)
    return websock
