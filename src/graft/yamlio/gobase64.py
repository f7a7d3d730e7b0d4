"""Go's ``base64.StdEncoding`` as go-yaml and graft use it (``!!binary``, ``base64``).

Decoding follows Go exactly, so the byte offset in ``illegal base64 data at
input byte N`` is the one graft reports: padding is required, line breaks are
skipped (spaces are not), bits left over in the last quantum are ignored.
Encoding for ``!!binary`` breaks the text into lines of 70 characters as
go-yaml's writer does.
"""

from __future__ import annotations

_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_DECODE = {ord(ch): i for i, ch in enumerate(_ALPHABET)}
_PAD, _CR, _LF = ord("="), ord("\r"), ord("\n")

# go-yaml writes a !!binary value in lines of this many characters.
LINE = 70


class CorruptInput(Exception):
    """Go's ``base64.CorruptInputError``: the offset of the first bad byte."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


def _skip_breaks(src: bytes, si: int) -> int:
    while si < len(src) and src[si] in (_CR, _LF):
        si += 1
    return si


def _padding(src: bytes, si: int, j: int) -> int:
    """After a ``=`` met at quantum position ``j`` (``si`` just past it): check the
    rest of the padding and that nothing follows; the new position."""
    if j < 2:
        raise CorruptInput(si - 1)
    if j == 2:  # "==" expected: the second "=" must follow (line breaks aside)
        si = _skip_breaks(src, si)
        if si == len(src):
            raise CorruptInput(len(src))
        if src[si] != _PAD:
            raise CorruptInput(si - 1)
        si += 1
    si = _skip_breaks(src, si)
    if si < len(src):
        raise CorruptInput(si)  # trailing garbage
    return si


def _quantum(src: bytes, si: int) -> tuple[int, list[int], bool]:
    """One group of up to four symbols from ``si``: (next position, the 6-bit values,
    whether input ended)."""
    symbols: list[int] = []
    while len(symbols) < 4:
        if si == len(src):
            if not symbols:
                return si, symbols, True
            raise CorruptInput(si - len(symbols))  # padding is required
        byte = src[si]
        si += 1
        if byte in _DECODE:
            symbols.append(_DECODE[byte])
        elif byte in (_CR, _LF):
            continue
        elif byte != _PAD:
            raise CorruptInput(si - 1)
        else:
            return _padding(src, si, len(symbols)), symbols, True
    return si, symbols, False


def decode(src: bytes) -> bytes:
    """Go's ``StdEncoding.DecodeString``; ``CorruptInput`` on bad input."""
    out = bytearray()
    si = 0
    done = False
    while not done:
        si, symbols, done = _quantum(src, si)
        if not symbols:
            break
        value = 0
        for symbol in symbols + [0] * (4 - len(symbols)):
            value = value << 6 | symbol
        out += value.to_bytes(3, "big")[: len(symbols) - 1]
    return bytes(out)


def binary_text(data: bytes) -> str:
    """The text go-yaml writes after ``!!binary``: the base64 of ``data`` on one
    line when shorter than ``LINE`` characters, else in lines of ``LINE``
    characters, each ending with a line break."""
    import base64

    text = base64.b64encode(data).decode("ascii")
    if len(text) < LINE:
        return text
    return "".join(text[i : i + LINE] + "\n" for i in range(0, len(text), LINE))
