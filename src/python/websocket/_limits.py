# What a page cannot do of websocket-client's API, in one place: the options
# a browser decides itself (refused unless they ask for nothing), and the
# functions of a layer a page has no access to (raw sockets, frames).

__all__ = ["BROWSER_DECIDES", "IGNORED", "refuse", "not_in_a_page"]

# Options that are fine as long as they ask for nothing (None, False, empty).
BROWSER_DECIDES = {
    "header": "set HTTP headers (the browser sends its own)",
    "cookie": "set cookies (the browser sends the page's cookies for the server's site)",
    "origin": "set the Origin header (the browser sends the page's)",
    "suppress_origin": "leave out the Origin header",
    "host": "set the Host header",
    "connection": "set the Connection header",
    "http_proxy_host": "choose a proxy (the browser uses its own settings)",
    "http_proxy_port": "choose a proxy (the browser uses its own settings)",
    "http_no_proxy": "choose a proxy (the browser uses its own settings)",
    "http_proxy_auth": "choose a proxy (the browser uses its own settings)",
    "http_proxy_timeout": "choose a proxy (the browser uses its own settings)",
    "proxy_type": "choose a proxy (the browser uses its own settings)",
    "socket": "use a socket of its own (a page has none)",
    "sockopt": "set socket options (a page has no socket)",
    "sslopt": "set TLS options (the browser checks certificates itself)",
    "get_mask_key": "choose the masking key (the browser masks every frame itself)",
    "dispatcher": "use a dispatcher (the page's event loop runs the connection)",
}
# Options with nothing to do in a browser, whatever their value.
IGNORED = ("timeout", "subprotocols", "redirect_limit", "enable_multithread", "skip_utf8_validation",
            "fire_cont_frame")


def refuse(name, value):
    """Raises ValueError if value asks a browser for what it cannot do."""
    if value in (None, False, "", (), [], {}):
        return
    raise ValueError("%s=%r: a page cannot %s" % (name, value, BROWSER_DECIDES[name]))


def not_in_a_page(name, why):
    """A function standing for websocket-client's `name`, which raises
    NotImplementedError saying why a page cannot have it."""

    def refusal(*args, **kwargs):
        raise NotImplementedError("websocket.%s: %s" % (name, why))

    return refusal
