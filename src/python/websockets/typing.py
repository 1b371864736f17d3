# websockets.typing: the names of the real library's type aliases, as the
# types they stand for (MicroPython has no typing module).

__all__ = ["Data", "BytesLike", "HeadersLike", "LoggerLike", "StatusLike", "Origin", "Subprotocol",
           "ExtensionName", "ExtensionParameter"]

Data = (str, bytes)
BytesLike = (bytes, bytearray, memoryview)
LoggerLike = object
StatusLike = int
Origin = str
Subprotocol = str
ExtensionName = str
ExtensionParameter = tuple

from .datastructures import HeadersLike  # noqa: E402
