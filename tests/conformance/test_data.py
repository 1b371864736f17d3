# Data: str travels as text frames and arrives as str; bytes-like data
# travels as binary frames and arrives as bytes, byte for byte.


def echo_each(t, payloads, expected):
    """Sends each payload once open and checks the echoes, in order."""
    ws = t.record(t.socket())

    def opened():
        for payload in payloads:
            ws.send(payload)
        t.wait_events(1 + len(expected), check)

    def check():
        t.eq(t.events[1:], expected, "echoes")
        t.done()

    t.wait_events(1, opened)


def echo_once(t, payload, check, timeout_ms=5000):
    """Sends payload once open; calls check(data) with the echoed data."""
    ws = t.socket()
    received = []
    ws.on_open = lambda: ws.send(payload)
    ws.on_message = lambda evt: received.append(evt.data)
    t.wait(lambda: received, lambda: check(received[0]), "the echo", timeout_ms)


@test
def text_of_every_utf8_length_arrives_as_the_same_str(t):
    text = "a é ☃ 😀 𝄞 \U0010ffff end"
    echo_each(t, [text, ""], ["message str " + text, "message str "])


@test
def text_with_nul_characters_arrives_whole(t):
    text = "before\x00after\x00"

    def check(data):
        t.eq(data, text, "data")
        t.eq(len(data), 13, "length")
        t.done()

    echo_once(t, text, check)


@test
def bytes_arrive_as_bytes_with_identical_content(t):
    every_byte = bytes(range(256))
    echo_each(t, [every_byte, b""], ["message bytes " + repr(list(every_byte)), "message bytes []"])


@test
def bytearray_and_memoryview_are_sent_as_binary(t):
    echo_each(
        t,
        [bytearray(b"\x00\xff"), memoryview(b"xyz"), memoryview(bytearray(b"\x01\x02"))],
        ["message bytes [0, 255]", "message bytes [120, 121, 122]", "message bytes [1, 2]"],
    )


@test
def received_binary_is_bytes_not_a_javascript_buffer(t):
    def check(data):
        t.eq(type(data), bytes, "type")
        t.eq(data, b"\x01\x02\x03", "content")
        t.eq(data[1], 2, "indexing gives ints")
        t.eq(data.hex(), "010203", "bytes methods work")
        t.done()

    echo_once(t, b"\x01\x02\x03", check)


@test
def a_large_binary_message_arrives_intact(t):
    payload = bytes(range(256)) * 4096  # 1 MiB

    def check(data):
        t.eq(len(data), len(payload), "length")
        t.true(data == payload, "the echo differs from what was sent")
        t.done()

    echo_once(t, payload, check, 15000)


@test
def send_rejects_data_that_is_neither_str_nor_bytes_like(t):
    ws = t.socket()
    for value, name in ((42, "int"), (None, "NoneType"), ([1, 2], "list"), ({"a": 1}, "dict")):
        message = t.raises(TypeError, ws.send, value)
        t.eq(message, "send() takes str or a bytes-like object (bytes, bytearray, memoryview), not '%s'" % name,
             "message for " + name)
    t.done()
