# websockets.frames: close codes and close frames as pyws reports them.
# Browsers send and receive whole messages: no frame API reaches a page, so
# Frame is here for its name, and a page never sees one.

from ._compat import _Enum

__all__ = ["Close", "CloseCode", "Frame", "Opcode", "OK_CLOSE_CODES"]


class Opcode(_Enum):
    """The frame opcodes."""


Opcode._add({"CONT": 0x00, "TEXT": 0x01, "BINARY": 0x02, "CLOSE": 0x08, "PING": 0x09, "PONG": 0x0A})


class CloseCode(_Enum):
    """The close codes RFC 6455 and IANA define."""


CloseCode._add({
    "NORMAL_CLOSURE": 1000, "GOING_AWAY": 1001, "PROTOCOL_ERROR": 1002, "UNSUPPORTED_DATA": 1003,
    "NO_STATUS_RCVD": 1005, "ABNORMAL_CLOSURE": 1006, "INVALID_DATA": 1007, "POLICY_VIOLATION": 1008,
    "MESSAGE_TOO_BIG": 1009, "MANDATORY_EXTENSION": 1010, "INTERNAL_ERROR": 1011, "SERVICE_RESTART": 1012,
    "TRY_AGAIN_LATER": 1013, "BAD_GATEWAY": 1014, "TLS_HANDSHAKE": 1015,
})

_EXPLANATIONS = {
    1000: "OK", 1001: "going away", 1002: "protocol error", 1003: "unsupported data",
    1005: "no status received [internal]", 1006: "abnormal closure [internal]", 1007: "invalid frame payload data",
    1008: "policy violation", 1009: "message too big", 1010: "mandatory extension", 1011: "internal error",
    1012: "service restart", 1013: "try again later", 1014: "bad gateway", 1015: "TLS handshake failure [internal]",
}

# Close codes that end a connection normally (websockets' OK_CLOSE_CODES).
OK_CLOSE_CODES = {1000, 1001, 1005}


class Close:
    """A close frame: its code and reason."""

    def __init__(self, code, reason):
        self.code = code
        self.reason = reason

    def __eq__(self, other):
        return isinstance(other, Close) and (self.code, self.reason) == (other.code, other.reason)

    def __str__(self):
        if 3000 <= self.code < 4000:
            explanation = "registered"
        elif 4000 <= self.code < 5000:
            explanation = "private use"
        else:
            explanation = _EXPLANATIONS.get(self.code, "unknown")
        result = "%d (%s)" % (self.code, explanation)
        if self.reason:
            result += " %s" % self.reason
        return result

    def __repr__(self):
        return "Close(code=%r, reason=%r)" % (self.code, self.reason)


class Frame:
    """A WebSocket frame. Pages never see frames: the browser hands over
    whole messages."""

    def __init__(self, opcode, data, fin=True, rsv1=False, rsv2=False, rsv3=False):
        self.opcode = opcode
        self.data = data
        self.fin = fin
        self.rsv1 = rsv1
        self.rsv2 = rsv2
        self.rsv3 = rsv3
