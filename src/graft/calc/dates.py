"""Times in quoted strings: govaluate reads one that fits a Go layout as Unix seconds."""

from __future__ import annotations

import re

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any
# govaluate reads a quoted string that parses as a time in one of these Go layouts
# as that time's Unix seconds.

_LAYOUTS = (
    "Mon Jan _2 15:04:05 2006",
    "Mon Jan _2 15:04:05 MST 2006",
    "Mon Jan 02 15:04:05 -0700 2006",
    "3:04PM",
    "2006-01-02T15:04:05Z07:00",
    "2006-01-02T15:04:05.999999999Z07:00",
    "2006-01-02",
    "2006-01-02 15:04",
    "2006-01-02 15:04:05",
    "2006-01-02 15:04:05-07:00",
    "2006-01-02T15Z0700",
    "2006-01-02T15:04Z0700",
    "2006-01-02T15:04:05Z0700",
    "2006-01-02T15:04:05.999999999Z0700",
)
_ELEMENTS = re.compile(
    r"Mon|Jan|MST|PM|2006|Z07:00|Z0700|-07:00|-0700|\.999999999|_2|01|02|15|04|05|3"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_FIXED = {"2006": 4, "01": 2, "02": 2, "04": 2, "05": 2}
_FIELD = {"2006": "year", "01": "month", "02": "day", "_2": "day", "15": "hour", "3": "hour"}
_FIELD.update({"04": "minute", "05": "second"})
_LIMITS = {"month": (1, 12), "hour": (0, 23), "minute": (0, 59), "second": (0, 59)}


def parse_time(text: str) -> int | None:
    """Unix seconds of ``text`` in the first layout that reads all of it, or None."""
    for layout in _LAYOUTS:
        fields = _match_layout(layout, text)
        if fields is not None:
            seconds = _unix(fields)
            if seconds is not None:
                return seconds
    return None


def _match_layout(layout: str, text: str) -> dict[str, Any] | None:
    fields: dict[str, Any] = {"year": 0, "month": 1, "day": 1, "hour": 0, "minute": 0}
    fields.update(second=0, offset=None, pm=None)
    pos = 0
    for literal, element in _layout_parts(layout):
        pos = _skip_literal(literal, text, pos)
        if pos is None:
            return None
        if element:
            pos = _read_element(element, text, pos, fields)
            if pos is None:
                return None
        if element == "05":
            pos = _fraction(text, pos)  # a fraction may follow the seconds
    return fields if pos == len(text) else None


def _layout_parts(layout: str) -> list[tuple[str, str]]:
    parts, pos = [], 0
    for match in _ELEMENTS.finditer(layout):
        parts.append((layout[pos : match.start()], match.group()))
        pos = match.end()
    parts.append((layout[pos:], ""))
    return parts


def _skip_literal(literal: str, text: str, pos: int) -> int | None:
    for char in literal:
        if pos >= len(text) or text[pos] != char:
            return None
        pos += 1
        if char == " ":
            while pos < len(text) and text[pos] == " ":
                pos += 1
    return pos


def _read_element(element: str, text: str, pos: int, fields: dict[str, Any]) -> int | None:
    if element in _FIELD:
        return _read_number(element, text, pos, fields)
    if element in ("Mon", "Jan"):
        names = _DAYS if element == "Mon" else _MONTHS
        word = text[pos : pos + 3].lower()
        if word not in names:
            return None
        if element == "Jan":
            fields["month"] = names.index(word) + 1
        return pos + 3
    if element == "PM":
        if text[pos : pos + 2] not in ("AM", "PM"):
            return None
        fields["pm"] = text[pos : pos + 2] == "PM"
        return pos + 2
    if element == "MST":
        zone = re.match(r"[A-Z]{3,5}", text[pos:])
        if zone is None:
            return None
        fields["offset"] = 0
        return pos + zone.end()
    if element == ".999999999":
        return _fraction(text, pos)
    return _read_zone(element, text, pos, fields)


def _read_number(element: str, text: str, pos: int, fields: dict[str, Any]) -> int | None:
    if element == "_2" and text[pos : pos + 1] == " ":
        pos += 1
    width = _FIXED.get(element)
    digits = re.match(f"[0-9]{{{width}}}" if width else "[0-9]{1,2}", text[pos:])
    if digits is None:
        return None
    field, value = _FIELD[element], int(digits.group())
    low, high = _LIMITS.get(field, (0, 9999))
    if element == "3":
        high = 12
    if not low <= value <= high:
        return None
    fields[field] = value
    return pos + digits.end()


def _fraction(text: str, pos: int) -> int:
    fraction = re.match(r"[.,][0-9]+", text[pos:])
    return pos + fraction.end() if fraction else pos


def _read_zone(element: str, text: str, pos: int, fields: dict[str, Any]) -> int | None:
    if element.startswith("Z") and text[pos : pos + 1] == "Z":
        fields["offset"] = 0
        return pos + 1
    colon = ":" if ":" in element else ""
    zone = re.match(r"([+-])([0-9]{2})" + colon + r"([0-9]{2})", text[pos:])
    if zone is None:
        return None
    minutes = int(zone.group(2)) * 60 + int(zone.group(3))
    fields["offset"] = (-minutes if zone.group(1) == "-" else minutes) * 60
    return pos + zone.end()


def _days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (any year)."""
    year -= month <= 2
    era = year // 400
    of_era = year - era * 400
    of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    of_cycle = of_era * 365 + of_era // 4 - of_era // 100 + of_year
    return era * 146097 + of_cycle - 719468


def _unix(fields: dict[str, Any]) -> int | None:
    year, month, day = fields["year"], fields["month"], fields["day"]
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    length = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    if not 1 <= day <= length:
        return None
    hour = fields["hour"]
    if fields["pm"] is not None:
        hour = hour % 12 + (12 if fields["pm"] else 0)
    local = _days_from_civil(year, month, day) * 86400
    local += hour * 3600 + fields["minute"] * 60 + fields["second"]
    offset = fields["offset"]
    if offset is None:
        offset = _local_offset(local)
    return local - offset


def _local_offset(seconds: int) -> int:
    """The local zone's UTC offset around a wall-clock time (seconds east)."""
    import time

    try:
        return time.localtime(seconds).tm_gmtoff or 0
    except (OverflowError, OSError, ValueError):
        return time.localtime(0).tm_gmtoff or 0
