"""Reading files for ``graft diff`` as dyff does (gonvenience/ytbx, yaml.v3).

Documents are PyYAML node graphs composed by LibYAML (no values are built).
yaml.v3's tag of a scalar (YAML 1.2 core schema: ``on``/``yes`` are strings) is
worked out only when a comparison needs it. Comments are read from the source
text when a value is printed (``Source``).
"""

from __future__ import annotations

import re

from graft.errors import GraftError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

STR = "tag:yaml.org,2002:str"
IMPLICIT = "?"  # the tag the composer gives a scalar without an explicit tag
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
_PREFIX = "tag:yaml.org,2002:"

_SPECIAL = {
    "true": "!!bool",
    "True": "!!bool",
    "TRUE": "!!bool",
    "false": "!!bool",
    "False": "!!bool",
    "FALSE": "!!bool",
    "": "!!null",
    "~": "!!null",
    "null": "!!null",
    "Null": "!!null",
    "NULL": "!!null",
    ".nan": "!!float",
    ".NaN": "!!float",
    ".NAN": "!!float",
    ".inf": "!!float",
    ".Inf": "!!float",
    ".INF": "!!float",
    "+.inf": "!!float",
    "+.Inf": "!!float",
    "+.INF": "!!float",
    "-.inf": "!!float",
    "-.Inf": "!!float",
    "-.INF": "!!float",
    "<<": "!!merge",
}
_patterns: dict[str, Any] = {}


def _pattern(name: str) -> Any:
    """The regular expressions of yaml.v3's resolver, compiled on first use."""
    if not _patterns:
        _patterns["float"] = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
        _patterns["go_float"] = re.compile(
            r"[-+]?(([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?|inf|infinity|nan)\Z",
            re.IGNORECASE,
        )
        _patterns["go_int"] = re.compile(
            r"[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)\Z"
        )
        _patterns["timestamp"] = re.compile(
            r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
            r"(([Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]+)?(Z|[-+][0-9]{2}:[0-9]{2}))"
            r"|( [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]+)?))?\Z"
        )
    return _patterns[name]


def _go_int(text: str) -> bool:
    """strconv.ParseInt/ParseUint with base 0 (64 bits) accept ``text``."""
    if not _pattern("go_int").match(text):
        return False
    body = text.lstrip("+-")
    if len(body) > 1 and body[0] == "0" and body[1] in "xXoObB":
        value = int(body[2:], {"x": 16, "o": 8, "b": 2}[body[1].lower()])
    elif len(body) > 1 and body[0] == "0":
        value = int(body, 8)
    else:
        value = int(body)
    if text.startswith("-"):
        return value <= 1 << 63
    if text.startswith("+"):
        return value < 1 << 63
    return value < 1 << 64


def resolve(value: str) -> str:
    """yaml.v3's tag for a plain scalar."""
    tag = _SPECIAL.get(value)
    if tag is None:
        tag = _SPECIAL[value] = _resolve(value)
    return tag


def _resolve(value: str) -> str:
    hint = value[0]
    if hint == ".":
        return "!!float" if _pattern("go_float").match(value) else "!!str"
    if hint in "+-" or hint.isdigit():
        if value[0].isdigit() and _pattern("timestamp").match(value):
            return "!!timestamp"
        plain = value.replace("_", "")
        if _go_int(plain):
            return "!!int"
        if _pattern("float").match(plain):
            return "!!float"
        for base, digits in (("-0b", "01"), ("-0o", "01234567")):
            body = plain[len(base) :]
            if plain.startswith(base) and body and all(c in digits for c in body):
                return "!!int"
    return "!!str"


def short_tag(tag: str) -> str:
    return "!!" + tag[len(_PREFIX) :] if tag.startswith(_PREFIX) else tag


def tag_of(node: Any) -> str:
    """yaml.v3's short tag of a node."""
    tag = node.tag
    if node.id == "scalar":
        if tag != IMPLICIT:
            return short_tag(tag)
        return resolve(node.value) if not node.style else "!!str"
    return short_tag(tag)


def text_of(node: Any) -> str:
    """yaml.v3's ``Node.Value``: the text of a scalar, empty for a collection."""
    return node.value if node.id == "scalar" else ""


class Source:
    """The text of one file, for the comments next to its values."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            # a last line without its newline is read as if it had one: the parser's
            # marks may point at the line after it (an empty key at the end, `?`)
            text = self.text if self.text.endswith("\n") else self.text + "\n"
            self._lines = text.split("\n")
        return self._lines


class File:
    """The documents of one file (root nodes) and its text; for a directory, the
    documents of its files and the file names (which dyff uses as the names of
    the first documents)."""

    def __init__(
        self, documents: list[Any], source: Source, names: list[str] | None = None
    ) -> None:
        self.documents = documents
        self.source = source
        self.names = names or []


def _toml_like(text: str) -> bool:
    for line in text.split("\n", 50)[:50]:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        return bool(re.match(r"(\[|[A-Za-z0-9_\"'.-]+\s*=)", stripped))
    return True


def load(data: bytes, name: str) -> File:
    """The documents of a file, as ytbx.LoadDocuments reads them."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        from graft.yamlio.load import load_all

        load_all(data, name)  # raises graft's message for the bytes
        raise GraftError(f"unable to parse data from {name}: invalid UTF-8") from None
    if _toml_like(text):
        from graft.diff import synth

        documents = synth.toml_documents(text)
        if documents is not None:
            return File(documents, Source(""))
    if text[:1] in ("{", "["):
        from graft.diff import synth

        documents = synth.json_documents(text)
        if documents is not None:
            return File(documents, Source(""))
    from graft.diff import libyaml

    try:
        documents = libyaml.compose_all(text)
    except libyaml.yaml_error():
        from graft.yamlio.load import load_all

        load_all(data, name)  # raises graft's message for the error
        raise GraftError(f"unable to parse data from {name}") from None
    return File(documents, Source(text))


def load_directory(path: str) -> File:
    """The documents of every file in a directory, in file name order (ytbx)."""
    import os

    documents: list[Any] = []
    names = sorted(os.listdir(path))
    for name in names:
        full = os.path.join(path, name)
        try:
            with open(full, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise GraftError(f"{full}: {exc.strerror or exc}") from None
        documents += load(data, full).documents
    return File(documents, Source(""), names)  # comments are not read from directories
