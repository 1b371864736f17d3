"""What the names checks share (websockets_names.py, websocket_client_names.py):
the names a document names, and the report of those it misses. A name
counts as named when it appears inside `backticks` in the document."""

import re


def named(text):
    """Every identifier inside a `backticked` span of text (outside fenced
    code blocks, whose fences would pair with the spans' backticks)."""
    names = set()
    for span in re.findall(r"`([^`]+)`", re.sub(r"```.*?```", "", text, flags=re.S)):
        names |= set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", span))
    return names


def public(names):
    return {name for name in names if not name.startswith("_")}


def report(path, expected, library):
    """Prints which of expected ((where, name) pairs) the document at path
    misses; 1 if any, else 0."""
    with open(path, encoding="utf-8") as file:
        text = named(file.read())
    missing = sorted((where, name) for where, name in expected if name not in text)
    for where, name in missing:
        print("%s: %s.%s is not in the table" % (path, where, name))
    if missing:
        print("%d names of %s missing from %s" % (len(missing), library, path))
        return 1
    print("%s names all %d public client-side names of %s" % (path, len(expected), library))
    return 0
