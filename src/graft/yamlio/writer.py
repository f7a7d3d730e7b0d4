"""A fast writer for the common shapes of YAML that graft prints.

It reproduces LibYAML's block layout and its scalar analysis for strings of
ordinary characters (plain, single-quoted, double-quoted without escapes,
literal blocks, folding at 80 columns). Anything else (tabs, control or
astral characters, keys too long for a simple key) raises ``Unusual`` and the
caller falls back to LibYAML itself, which is the reference. A differential
test keeps the two in step.
"""

from __future__ import annotations

import functools
import re

from graft.values import TypedKey
from graft.yamlio.keyorder import sorted_keys
from graft.yamlio.styles import QUOTED_WORDS, needs_quotes, scalar_text

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

WIDTH = 80
# Characters LibYAML writes as they are: printable, and not a line break of its own.
_ASCII_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f]")
_UNUSUAL = "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]"


@functools.cache
def _unusual_pattern() -> re.Pattern[str]:
    return re.compile(_UNUSUAL)  # compiled on first use: its ranges are slow to compile


def _ordinary(text: str) -> bool:
    if text.isascii():
        return _ASCII_CONTROL.search(text) is None
    return _unusual_pattern().search(text) is None


class Unusual(Exception):
    """A value this writer does not handle; use the reference emitter."""


# A string that is plain wherever it stands: a word of safe characters that
# starts with a letter (so it reads back as a number only if it is one of the
# QUOTED_WORDS), with no space to fold at.
_WORD = re.compile(r"[A-Za-z_/][A-Za-z0-9_./=+-]*\Z")

# Where LibYAML refuses a one-line string the plain style in block context: an
# indicator at the start, ": " or " #" inside, a final ":", a leading or
# trailing space, or a document marker.
_NOT_PLAIN = re.compile(
    "\\A(?:---|\\.\\.\\.|[#,\\[\\]{}&*!|>'\"%@`]|[?:-](?: |\\Z))|.:(?: |\\Z)| #|\\A | \\Z"
)


def _fold(text: str, column: int, indent: int, *, quote: str) -> str:
    """``text`` written from ``column`` with LibYAML's folding at spaces."""
    if column + len(text) <= WIDTH:
        return text
    words = text.split(" ")
    if all(words):  # single spaces only: fold word by word
        out = [words[0]]
        column += len(words[0])
        pad = "\n" + " " * indent
        for word in words[1:]:
            if column > WIDTH:
                out.append(pad + word)
                column = indent + len(word)
            else:
                out.append(" " + word)
                column += 1 + len(word)
        return "".join(out)
    out = []
    spaces = False
    last = len(text) - 1
    for i, ch in enumerate(text):
        if ch == " ":
            inner = quote == "" or (i != 0 and i != last)
            next_space = i < last and text[i + 1] == " "
            if not spaces and column > WIDTH and inner and (quote == '"' or not next_space):
                out.append("\n" + " " * indent)
                column = indent
                if quote == '"' and next_space:
                    out.append("\\")
                    column += 1
            else:
                out.append(" ")
                column += 1
            spaces = True
        else:
            out.append(ch)
            column += len(ch)
            spaces = False
    return "".join(out)


class Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.keys: dict[Any, str] = {}  # key -> its text (keys repeat a lot)
        self.orders: dict[tuple, list] = {}  # a map's keys -> their written order
        self.open_ended = False  # the last block scalar kept its trailing newlines

    # --- scalars ---------------------------------------------------------------------

    def string(self, text: str, column: int, indent: int, key: bool) -> str:
        if _WORD.match(text) and text not in QUOTED_WORDS:
            return text
        if not _ordinary(text):
            raise Unusual("characters")
        if needs_quotes(text):
            return self.double(text, column, indent, key)
        if "\n" in text:
            if key:
                raise Unusual("multi-line key")
            return self.literal(text, indent)
        if not _NOT_PLAIN.search(text):
            return text if key else _fold(text, column, indent, quote="")
        quoted = "'" + text.replace("'", "''") + "'"
        if key:
            return quoted
        return "'" + _fold(text.replace("'", "''"), column + 1, indent, quote="'") + "'"

    def double(self, text: str, column: int, indent: int, key: bool) -> str:
        if "\n" in text:
            raise Unusual("multi-line double-quoted")
        body = text.replace("\\", "\\\\").replace('"', '\\"')
        if key:
            return '"' + body + '"'
        if column + len(body) + 2 > WIDTH and (body != text or " " in text):
            raise Unusual("fold escaped")  # folding an escaped string: leave it to LibYAML
        return '"' + _fold(body, column + 1, indent, quote='"') + '"'

    def literal(self, text: str, indent: int) -> str:
        lines = text.split("\n")
        if " \n" in text or text.endswith(" "):
            raise Unusual("no block")  # a space before a break, or a trailing space: no block style
        hint = "|"
        if text[0] in " \n":
            hint += "2"
        if not text.endswith("\n"):
            hint += "-"
            self.open_ended = False
        elif text == "\n" or text.endswith("\n\n"):
            hint += "+"
            self.open_ended = True
        else:
            self.open_ended = False
        pad = " " * indent
        body = [(pad + line if line else "") for line in lines]
        if text.endswith("\n"):
            body.pop()
            return hint + "\n" + "\n".join(body) + "\n"
        return hint + "\n" + "\n".join(body)

    def scalar(self, value: Any, column: int, indent: int, key: bool = False) -> str:
        if type(value) is str:
            return self.string(value, column, indent, key)
        if type(value) is TypedKey:
            value = value.value
        return scalar_text(value)

    # --- collections -----------------------------------------------------------------

    def key_text(self, key: Any) -> str:
        text = self.keys.get(key)
        if text is None:
            text = self.scalar(key, 0, 0, key=True)
            if len(key.encode() if type(key) is str else text) > 128:  # LibYAML counts bytes
                raise Unusual("long key")  # not a simple key: LibYAML writes "? key"
            self.keys[key] = text
        return text

    def value(self, value: Any, prefix: str, indent: int, in_map: bool) -> None:
        """Write ``prefix`` (``key:`` or ``-``, already indented) and a value."""
        parts = self.parts
        kind = type(value)
        if kind is dict:
            if not value:
                parts.append(prefix + " {}\n")
            elif in_map:
                parts.append(prefix + "\n")
                self.mapping(value, indent + 2)
            else:
                self.mapping(value, indent + 2, first=prefix + " ")
        elif kind is list:
            if not value:
                parts.append(prefix + " []\n")
            elif in_map:
                parts.append(prefix + "\n")
                self.sequence(value, indent)
            else:
                self.sequence(value, indent + 2, first=prefix + " ")
        elif kind is int:
            parts.append(f"{prefix} {value}\n")
        else:
            text = self.scalar(value, len(prefix) + 1, indent + 2)
            if text.endswith("\n"):
                parts.append(prefix + " " + text)
            else:
                parts.append(prefix + " " + text + "\n")

    def mapping(self, mapping: dict, indent: int, first: str | None = None) -> None:
        pad = " " * indent
        parts = self.parts
        keys = tuple(mapping)
        order = self.orders.get(keys)
        if order is None:
            order = self.orders[keys] = sorted_keys(mapping)
        for key in order:
            lead = first if first is not None else pad
            first = None
            prefix = lead + self.key_text(key) + ":"
            value = mapping[key]
            if type(value) is str and _WORD.match(value) and value not in QUOTED_WORDS:
                parts.append(prefix + " " + value + "\n")  # the common case, inlined
            else:
                self.value(value, prefix, indent, True)

    def sequence(self, items: list, indent: int, first: str | None = None) -> None:
        pad = " " * indent
        parts = self.parts
        for item in items:
            lead = first if first is not None else pad
            first = None
            if type(item) is str and _WORD.match(item) and item not in QUOTED_WORDS:
                parts.append(lead + "- " + item + "\n")
            else:
                self.value(item, lead + "-", indent, False)


def write(tree: dict) -> str:
    """The YAML text of a map, or raise ``Unusual``."""
    if not tree:
        return "{}\n"
    writer = Writer()
    writer.mapping(tree, 0)
    text = "".join(writer.parts)
    return text + "...\n" if writer.open_ended else text
