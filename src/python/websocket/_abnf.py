# websocket-client's frame constants: the opcodes (ABNF) and close statuses.
# The browser builds and parses the frames; ABNF here only carries what a
# received frame holds (fin, opcode, data), as recv_data_frame() returns it.

from ._limits import not_in_a_page

__all__ = [
    "ABNF", "continuous_frame", "frame_buffer", "STATUS_NORMAL", "STATUS_GOING_AWAY", "STATUS_PROTOCOL_ERROR", "STATUS_UNSUPPORTED_DATA_TYPE",
    "STATUS_STATUS_NOT_AVAILABLE", "STATUS_ABNORMAL_CLOSED", "STATUS_INVALID_PAYLOAD", "STATUS_POLICY_VIOLATION",
    "STATUS_MESSAGE_TOO_BIG", "STATUS_INVALID_EXTENSION", "STATUS_UNEXPECTED_CONDITION", "STATUS_BAD_GATEWAY",
    "STATUS_TLS_HANDSHAKE_ERROR",
]

STATUS_NORMAL = 1000
STATUS_GOING_AWAY = 1001
STATUS_PROTOCOL_ERROR = 1002
STATUS_UNSUPPORTED_DATA_TYPE = 1003
STATUS_STATUS_NOT_AVAILABLE = 1005
STATUS_ABNORMAL_CLOSED = 1006
STATUS_INVALID_PAYLOAD = 1007
STATUS_POLICY_VIOLATION = 1008
STATUS_MESSAGE_TOO_BIG = 1009
STATUS_INVALID_EXTENSION = 1010
STATUS_UNEXPECTED_CONDITION = 1011
STATUS_SERVICE_RESTART = 1012
STATUS_TRY_AGAIN_LATER = 1013
STATUS_BAD_GATEWAY = 1014
STATUS_TLS_HANDSHAKE_ERROR = 1015


_NO_FRAMES = "a page sees no frames; the browser frames and reassembles each message"
continuous_frame = not_in_a_page("continuous_frame", _NO_FRAMES)
frame_buffer = not_in_a_page("frame_buffer", _NO_FRAMES)


class ABNF:
    """A received frame: fin, opcode and data (bytes)."""

    OPCODE_CONT = 0x0
    OPCODE_TEXT = 0x1
    OPCODE_BINARY = 0x2
    OPCODE_CLOSE = 0x8
    OPCODE_PING = 0x9
    OPCODE_PONG = 0xA
    OPCODES = (OPCODE_CONT, OPCODE_TEXT, OPCODE_BINARY, OPCODE_CLOSE, OPCODE_PING, OPCODE_PONG)
    OPCODE_MAP = {OPCODE_CONT: "cont", OPCODE_TEXT: "text", OPCODE_BINARY: "binary", OPCODE_CLOSE: "close",
                  OPCODE_PING: "ping", OPCODE_PONG: "pong"}
    LENGTH_7 = 0x7E
    LENGTH_16 = 1 << 16
    LENGTH_63 = 1 << 63

    def __init__(self, fin=0, rsv1=0, rsv2=0, rsv3=0, opcode=OPCODE_TEXT, mask_value=1, data=b""):
        self.fin = fin
        self.rsv1 = rsv1
        self.rsv2 = rsv2
        self.rsv3 = rsv3
        self.opcode = opcode
        self.mask_value = mask_value
        self.data = data

    def __str__(self):
        return "fin=%s opcode=%s data=%r" % (self.fin, self.opcode, self.data)
