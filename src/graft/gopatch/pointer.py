"""go-patch pointers: path tokens, and parsing and escaping of paths.

A path such as ``/jobs/name=web?/instances`` or ``/list/0:after`` becomes a
``Pointer`` of tokens; ``str()`` writes it back the way the library does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class Modifier(Enum):
    """A ``:prev``/``:next``/``:before``/``:after`` suffix; values are Go type names."""

    PREV = "patch.PrevModifier"
    NEXT = "patch.NextModifier"
    BEFORE = "patch.BeforeModifier"
    AFTER = "patch.AfterModifier"

    @property
    def suffix(self) -> str:
        return ":" + self.name.lower()


_MODIFIERS = {m.name.lower(): m for m in Modifier}


@dataclass(frozen=True)
class KeyToken:
    """``/key``: a map key; ``optional`` once any earlier token ended in ``?``."""

    key: str
    optional: bool = False


@dataclass(frozen=True)
class IndexToken:
    """``/3``, ``/-1``, ``/0:before``: a list index."""

    index: int
    modifiers: tuple[Modifier, ...] = ()


@dataclass(frozen=True)
class AfterLastIndexToken:
    """``/-`` as the last token: the position after the last list item."""


@dataclass(frozen=True)
class MatchingIndexToken:
    """``/name=value``: the one list item that is a map with that string value."""

    key: str
    value: str
    optional: bool = False
    modifiers: tuple[Modifier, ...] = ()


Token = KeyToken | IndexToken | AfterLastIndexToken | MatchingIndexToken

GO_TOKEN_TYPES: dict[type, str] = {
    KeyToken: "patch.KeyToken",
    IndexToken: "patch.IndexToken",
    AfterLastIndexToken: "patch.AfterLastIndexToken",
    MatchingIndexToken: "patch.MatchingIndexToken",
}

_DECODE = {"~0": "~", "~1": "/", "~7": ":"}
_ENCODE = {"~": "~0", "/": "~1", ":": "~7"}
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def _unescape(text: str) -> str:
    return re.sub("~[017]", lambda m: _DECODE[m.group()], text)


def _escape(text: str) -> str:
    return re.sub("[~/:]", lambda m: _ENCODE[m.group()], text)


@dataclass(frozen=True)
class Pointer:
    """A parsed path; ``tokens`` excludes the root token."""

    tokens: tuple[Token, ...]

    def prefix(self, count: int) -> Pointer:
        """The pointer made of the first ``count`` tokens after the root."""
        return Pointer(self.tokens[:count])

    def __str__(self) -> str:
        parts = [""]
        marked = False  # only the first optional token shows its "?"
        for token in self.tokens:
            mark = not marked and getattr(token, "optional", False)
            marked = marked or mark
            parts.append(_token_text(token, mark))
        return "/".join(parts)


def _token_text(token: Token, mark: bool) -> str:
    """One token as written in a path; ``mark`` adds the ``?`` of optionality."""
    question = "?" if mark else ""
    match token:
        case IndexToken(index, modifiers):
            return f"{index}{_suffixes(modifiers)}"
        case AfterLastIndexToken():
            return "-"
        case MatchingIndexToken(key, value, _, modifiers):
            return f"{_escape(key)}={_escape(value)}{question}{_suffixes(modifiers)}"
        case KeyToken(key, _):
            return _escape(key) + question
    raise AssertionError(token)


def _suffixes(modifiers: tuple[Modifier, ...]) -> str:
    return "".join(m.suffix for m in modifiers)


class PointerError(Exception):
    """A path that is not a valid go-patch pointer."""


def parse_pointer(text: str) -> Pointer:
    """Parse a go-patch path such as ``/list/name=a?/v``; raises PointerError."""
    if text == "":
        return Pointer(())
    if not text.startswith("/"):
        raise PointerError("Expected to start with '/'")
    pieces = text.split("/")[1:]
    tokens: list[Token] = []
    optional = False
    for number, piece in enumerate(pieces):
        name, *suffixes = piece.split(":")
        modifiers = _parse_modifiers(suffixes)
        token_text = _unescape(name)
        if number == len(pieces) - 1 and token_text == "-":
            if modifiers:
                raise PointerError("Expected not to find any modifiers with after last index token")
            tokens.append(AfterLastIndexToken())
            continue
        index = _go_atoi(token_text)
        if index is not None:
            tokens.append(IndexToken(index, modifiers))
            continue
        optional = optional or token_text.endswith("?")
        tokens.append(_named_token(token_text, optional, modifiers))
    return Pointer(tuple(tokens))


def _parse_modifiers(suffixes: list[str]) -> tuple[Modifier, ...]:
    for suffix in suffixes:
        if suffix not in _MODIFIERS:
            # the library names the first suffix, whichever one is wrong
            raise PointerError(
                "Expected to find one of the following modifiers: 'prev', 'next', 'before', "
                f"or 'after' but found '{suffixes[0]}'"
            )
    return tuple(_MODIFIERS[s] for s in suffixes)


def _named_token(text: str, optional: bool, modifiers: tuple[Modifier, ...]) -> Token:
    key, equals, value = text.partition("=")
    if equals:
        return MatchingIndexToken(key, value.removesuffix("?"), optional, modifiers)
    if modifiers:
        raise PointerError("Expected not to find any modifiers with key token")
    return KeyToken(text.removesuffix("?"), optional)


def _go_atoi(text: str) -> int | None:
    """Go's ``strconv.Atoi``: optional sign, ASCII digits, 64-bit range."""
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        return None
    number = int(text)
    return number if INT64_MIN <= number <= INT64_MAX else None
