# websocket() arguments: every bad input raises an ordinary Python exception
# saying what was wrong.


@test
def a_url_with_another_scheme_is_a_value_error(t):
    message = t.raises(ValueError, websocket, "ftp://127.0.0.1/")
    t.eq(message, 'invalid WebSocket URL "ftp://127.0.0.1/": the scheme must be ws, wss, http or https, not "ftp"',
         "message")
    t.done()


@test
def a_url_with_a_fragment_is_a_value_error(t):
    url = ECHO_URL + "#part"
    message = t.raises(ValueError, websocket, url)
    t.eq(message, 'invalid WebSocket URL "%s": WebSocket URLs cannot have a fragment (the part after #)' % url,
         "message")
    t.done()


@test
def an_unparsable_url_is_a_value_error(t):
    for url in ("ws://[::1", "ws://host:99999/", "ws://%zz/"):
        message = t.raises(ValueError, websocket, url)
        t.eq(message, 'invalid WebSocket URL "%s": it cannot be parsed as a URL' % url, "message")
    t.done()


@test
def a_url_that_is_not_a_str_is_a_type_error(t):
    t.eq(t.raises(TypeError, websocket, 8000), "websocket() url must be a str, not 'int'", "int")
    t.eq(t.raises(TypeError, websocket, b"ws://x/"), "websocket() url must be a str, not 'bytes'", "bytes")
    t.done()


@test
def bad_or_duplicate_subprotocols_are_value_errors(t):
    message = t.raises(ValueError, websocket, ECHO_URL, ["chat", "chat"])
    t.eq(message, 'invalid subprotocol "chat": it is listed more than once', "duplicate")
    message = t.raises(ValueError, websocket, ECHO_URL, "two words")
    t.eq(message, 'invalid subprotocol "two words": a subprotocol may hold only visible ASCII characters '
                  'other than ()<>@,;:\\"/[]?={} and space', "not a token")
    message = t.raises(ValueError, websocket, ECHO_URL, [""])
    t.eq(message, 'invalid subprotocol "": a subprotocol cannot be empty', "empty")
    t.done()


@test
def subprotocols_of_the_wrong_type_are_type_errors(t):
    t.eq(t.raises(TypeError, websocket, ECHO_URL, 3),
         "websocket() protocols must be a str, a list of str or None, not 'int'", "int")
    t.eq(t.raises(TypeError, websocket, ECHO_URL, ["chat", 1]),
         "websocket() protocols must be str, not 'int'", "list item")
    t.done()


@test
def websocket_needs_a_url(t):
    t.raises(TypeError, websocket)
    t.done()
