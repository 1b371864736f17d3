# The demo page's behaviour, in Python: Brython's documented WebSocket example
# grown into a small client. Received data is shown as text, never as HTML.
#
# The same code runs in Brython, Pyodide and MicroPython: the page runs it
# after a prelude (www/runtimes.js) that defines document, window and
# on(element, event, fn) for the chosen interpreter.


def element(id):
    return document.getElementById(id)


def default_url():
    scheme = "wss" if window.location.protocol == "https:" else "ws"
    return "%s://%s/echo" % (scheme, window.location.host)


def log(kind, text):
    item = document.createElement("li")
    item.className = kind
    tag = document.createElement("span")
    tag.className = "tag"
    tag.textContent = kind
    item.appendChild(tag)
    item.appendChild(document.createTextNode(text))
    element("log").appendChild(item)
    item.scrollIntoView(False)


def describe(data):
    if isinstance(data, bytes):
        return "%d bytes: [%s]" % (len(data), ", ".join(str(b) for b in data))
    return data


def show(state):
    element("state").textContent = state
    element("state").dataset.state = state
    is_open = state == "open"
    for id in ("send", "send-binary", "close"):
        element(id).disabled = not is_open
    element("connect").disabled = state in ("open", "connecting")


ws = None


def socket():
    """The socket connect() opened: the buttons that use it are enabled only
    once it is open."""
    assert ws is not None
    return ws


def on_open():
    show("open")
    log("info", "connected to " + socket().url)


def on_message(evt):
    log("received", describe(evt.data))


def on_error():
    show("error")
    log("error", "the connection failed")


def on_close(evt):
    show("closed")
    reason = ", " + evt.reason if evt.reason else ""
    log("info", "closed (code %d%s)" % (evt.code, reason))


def connect(evt):
    global ws
    try:
        ws = websocket(element("url").value)
    except (ValueError, TypeError) as exc:
        log("error", "%s: %s" % (type(exc).__name__, exc))
        return
    show("connecting")
    ws.on_open = on_open
    ws.on_message = on_message
    ws.on_error = on_error
    ws.on_close = on_close


def send(evt):
    text = element("message").value
    socket().send(text)
    log("sent", text)


def send_binary(evt):
    data = element("message").value.encode("utf-8")
    socket().send(data)
    log("sent", describe(data))


def close_connection(evt):
    show("closing")
    socket().close()


element("url").value = default_url()
on(element("connect"), "click", connect)
on(element("send"), "click", send)
on(element("send-binary"), "click", send_binary)
on(element("close"), "click", close_connection)
show("closed")
document.body.dataset.ready = "true"
