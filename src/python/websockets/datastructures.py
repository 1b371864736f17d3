# websockets.datastructures: HTTP headers, as the handshake's request and
# response carry them.

__all__ = ["Headers", "HeadersLike", "MultipleValuesError"]


class MultipleValuesError(LookupError):
    """Raised when a header has several values where one was expected."""

    def __str__(self):
        if len(self.args) == 1:
            return repr(self.args[0])
        return super().__str__()


class Headers:
    """An ordered mapping of HTTP headers whose names are case-insensitive;
    a name may have several values (get_all)."""

    def __init__(self, *args, **kwargs):
        self._dict = {}
        self._list = []
        self.update(*args, **kwargs)

    def __str__(self):
        return "".join("%s: %s\r\n" % (key, value) for key, value in self._list) + "\r\n"

    def __repr__(self):
        return "Headers(%r)" % (self._list,)

    def copy(self):
        copy = Headers()
        copy._dict = {key: list(values) for key, values in self._dict.items()}
        copy._list = list(self._list)
        return copy

    def serialize(self):
        return str(self).encode()

    def __contains__(self, key):
        return isinstance(key, str) and key.lower() in self._dict

    def __iter__(self):
        return iter(self._dict)

    def __len__(self):
        return len(self._dict)

    def __getitem__(self, key):
        value = self._dict[key.lower()]
        if len(value) == 1:
            return value[0]
        raise MultipleValuesError(key)

    def __setitem__(self, key, value):
        self._dict.setdefault(key.lower(), []).append(value)
        self._list.append((key, value))

    def __delitem__(self, key):
        key_lower = key.lower()
        del self._dict[key_lower]
        self._list = [(k, v) for k, v in self._list if k.lower() != key_lower]

    def __eq__(self, other):
        if not isinstance(other, Headers):
            return NotImplemented
        return self._dict == other._dict

    def clear(self):
        self._dict = {}
        self._list = []

    def update(self, *args, **kwargs):
        for arg in args:
            items = arg.raw_items() if isinstance(arg, Headers) else (arg.items() if hasattr(arg, "items") else arg)
            for key, value in items:
                self[key] = value
        for key, value in kwargs.items():
            self[key] = value

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def get_all(self, key):
        return self._dict.get(key.lower(), [])

    def raw_items(self):
        return iter(self._list)

    def keys(self):
        return list(self._dict)

    def items(self):
        return [(key, self[key]) for key in self._dict]


# What real code passes where websockets takes headers: a Headers, a mapping
# or a list of (name, value) pairs.
HeadersLike = (Headers, dict, list, tuple)
