"""The summary dyff prints for a changed X.509 certificate (PEM in a string).

Only the fields dyff shows are read from the DER encoding: serial number,
issuer, validity and subject of the TBSCertificate.
"""

from __future__ import annotations

import base64
import binascii

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_FIELDS = {
    "2.5.4.3": "cn",
    "2.5.4.10": "o",
    "2.5.4.11": "ou",
    "2.5.4.7": "l",
    "2.5.4.8": "st",
    "2.5.4.6": "c",
}
_TEMPLATE = """Subject:
  Common Name: {cn}
  Organization: {o}
  Organization Unit: {ou}
  Locality: {l}
  State: {st}
  Country: {c}
Validity Period:
  NotBefore: {not_before}
  NotAfter: {not_after}
Issuer: {issuer_cn}, {issuer_o}
Serial Number: {serial} ({serial:#x})
"""


class _Bad(Exception):
    pass


def _pem_block(text: str) -> bytes | None:
    """The bytes of the first PEM block (Go's pem.Decode), or None."""
    start = 0 if text.startswith("-----BEGIN ") else text.find("\n-----BEGIN ")
    if start < 0:
        return None
    head_end = text.find("-----", text.find("-----BEGIN ", start) + 11)
    if head_end < 0:
        return None
    kind = text[text.find("-----BEGIN ", start) + 11 : head_end]
    body_start = text.find("\n", head_end)
    end = text.find(f"-----END {kind}-----", body_start)
    if body_start < 0 or end < 0:
        return None
    body = text[body_start:end]
    if ":" in body:  # PEM headers: dyff's certificates have none
        return None
    try:
        return base64.b64decode("".join(body.split()), validate=True)
    except (binascii.Error, ValueError):
        return None


def _element(data: bytes, pos: int) -> tuple[int, int, int]:
    """(tag, start of contents, end of contents) of the DER element at ``pos``."""
    if pos + 2 > len(data):
        raise _Bad
    tag, length = data[pos], data[pos + 1]
    pos += 2
    if length & 0x80:
        count = length & 0x7F
        if count == 0 or count > 4 or pos + count > len(data):
            raise _Bad
        length = int.from_bytes(data[pos : pos + count], "big")
        pos += count
    if pos + length > len(data):
        raise _Bad
    return tag, pos, pos + length


def _children(data: bytes, start: int, end: int) -> list[tuple[int, int, int]]:
    out = []
    while start < end:
        element = _element(data, start)
        out.append(element)
        start = element[2]
    if start != end:
        raise _Bad
    return out


def _oid(raw: bytes) -> str:
    if not raw:
        raise _Bad
    parts = [raw[0] // 40, raw[0] % 40]
    value = 0
    for byte in raw[1:]:
        value = value << 7 | byte & 0x7F
        if not byte & 0x80:
            parts.append(value)
            value = 0
    return ".".join(map(str, parts))


def _name(data: bytes, start: int, end: int) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for tag, s, e in _children(data, start, end):
        if tag != 0x31:
            raise _Bad
        for tag2, s2, e2 in _children(data, s, e):
            if tag2 != 0x30:
                raise _Bad
            parts = _children(data, s2, e2)
            if len(parts) != 2 or parts[0][0] != 0x06:
                raise _Bad
            field = _FIELDS.get(_oid(data[parts[0][1] : parts[0][2]]))
            if field is not None:
                value = data[parts[1][1] : parts[1][2]]
                fields.setdefault(field, []).append(value.decode("utf-8", "replace"))
    return fields


def _time(data: bytes, tag: int, start: int, end: int) -> str:
    text = data[start:end].decode("ascii")
    if tag == 0x17:  # UTCTime
        year = int(text[:2])
        year += 1900 if year >= 50 else 2000
        rest = text[2:]
    elif tag == 0x18:  # GeneralizedTime
        year, rest = int(text[:4]), text[4:]
    else:
        raise _Bad
    month, day, hour, minute, second = (int(rest[i : i + 2]) for i in range(0, 10, 2))
    return f"{_MONTHS[month - 1]} {day} {hour:02d}:{minute:02d}:{second:02d} {year} UTC"


def summary(text: str) -> str | None:
    """dyff's summary of the certificate in ``text``, None when there is none."""
    der = _pem_block(text)
    if der is None:
        return None
    try:
        _, s, e = _element(der, 0)
        tbs_tag, ts, te = _children(der, s, e)[0]
        if tbs_tag != 0x30:
            return None
        parts = _children(der, ts, te)
        if parts[0][0] == 0xA0:  # explicit version
            parts = parts[1:]
        serial = int.from_bytes(der[parts[0][1] : parts[0][2]], "big", signed=True)
        issuer = _name(der, parts[2][1], parts[2][2])
        validity = _children(der, parts[3][1], parts[3][2])
        subject = _name(der, parts[4][1], parts[4][2])
        not_before = _time(der, *validity[0])
        not_after = _time(der, *validity[1])
    except (_Bad, IndexError, ValueError, UnicodeDecodeError):
        return None

    def last(fields: dict, key: str) -> str:
        return fields.get(key, [""])[-1]

    def joined(fields: dict, key: str) -> str:
        return " ".join(fields.get(key, []))

    return _TEMPLATE.format(
        cn=last(subject, "cn"),
        o=joined(subject, "o"),
        ou=joined(subject, "ou"),
        l=joined(subject, "l"),
        st=joined(subject, "st"),
        c=joined(subject, "c"),
        not_before=not_before,
        not_after=not_after,
        issuer_cn=last(issuer, "cn"),
        issuer_o=joined(issuer, "o"),
        serial=serial,
    )
