"""Colors for the report in a terminal, as gonvenience/bunt renders them.

dyff colors its report when standard output is a terminal (whatever graft's
``--color``): each character carries a style (bold, italic, a foreground
color), styling a text that already holds escape codes re-reads them, and the
codes are written where the style changes. Without 24-bit color support
(``COLORTERM``), a color is written as the nearest of the 16 terminal colors by
CIEDE2000 distance.
"""

from __future__ import annotations

import math
import re

_ESCAPE = re.compile(r"\x1b\[(\d+(?:;\d+)*)m")
_FG, _BOLD, _ITALIC, _UNDERLINE = 1, 4, 8, 16
_EMPHASIS = _BOLD | _ITALIC | _UNDERLINE
_COLOR_BITS = 0xFFFFFF00

# bunt's colors (hex) that dyff and neat use
COLORS = {
    "addition": (0x58, 0xBF, 0x38),
    "modification": (0xC7, 0xC4, 0x3F),
    "removal": (0xB9, 0x31, 0x1B),
    "LightGreen": (0x90, 0xEE, 0x90),
    "LightSalmon": (0xFF, 0xA0, 0x7A),
    "DimGray": (0x69, 0x69, 0x69),
    "LightSteelBlue": (0xB0, 0xC4, 0xDE),
}
# neat's color schemas of removed (red) and added (green) values
RED_SCHEMA = {
    "keyColor": (0xB2, 0x22, 0x22),  # FireBrick
    "indentLineColor": (51, 0, 0),
    "scalarDefaultColor": (0xF0, 0x80, 0x80),  # LightCoral
    "boolColor": (0xF0, 0x80, 0x80),
    "floatColor": (0xF0, 0x80, 0x80),
    "intColor": (0xF0, 0x80, 0x80),
    "multiLineTextColor": (0xE9, 0x96, 0x7A),  # DarkSalmon
    "nullColor": (0xFA, 0x80, 0x72),  # Salmon
    "emptyStructures": (0xFF, 0xA0, 0x7A),  # LightSalmon
    "dashColor": (0xB2, 0x22, 0x22),
}
GREEN_SCHEMA = {
    "keyColor": (0x00, 0x80, 0x00),  # Green
    "indentLineColor": (0, 51, 0),
    "scalarDefaultColor": (0x32, 0xCD, 0x32),  # LimeGreen
    "boolColor": (0x32, 0xCD, 0x32),
    "floatColor": (0x32, 0xCD, 0x32),
    "intColor": (0x32, 0xCD, 0x32),
    "multiLineTextColor": (0x6B, 0x8E, 0x23),  # OliveDrab
    "nullColor": (0x80, 0x80, 0x00),  # Olive
    "emptyStructures": (0x55, 0x6B, 0x2F),  # DarkOliveGreen
    "dashColor": (0x00, 0x80, 0x00),
}
_PARSED = {  # the colors bunt reads back from 16-color codes
    30: (1, 1, 1), 31: (222, 56, 43), 32: (57, 181, 74), 33: (255, 199, 6),
    34: (0, 111, 184), 35: (118, 38, 113), 36: (44, 181, 233), 37: (204, 204, 204),
    90: (128, 128, 128), 91: (255, 0, 0), 92: (0, 255, 0), 93: (255, 255, 0),
    94: (0, 0, 255), 95: (255, 0, 255), 96: (0, 255, 255), 97: (255, 255, 255),
}  # fmt: skip
_PALETTE = {
    30: (0x00, 0x00, 0x00), 31: (0xAA, 0x00, 0x00), 32: (0x00, 0xAA, 0x00),
    33: (0xFF, 0xFF, 0x00), 34: (0x00, 0x00, 0xAA), 35: (0xAA, 0x00, 0xAA),
    36: (0x00, 0xAA, 0xAA), 37: (0xAA, 0xAA, 0xAA), 90: (0x55, 0x55, 0x55),
    91: (0xFF, 0x55, 0x55), 92: (0x55, 0xFF, 0x55), 93: (0xFF, 0xFF, 0x55),
    94: (0x55, 0x55, 0xFF), 95: (0xFF, 0x55, 0xFF), 96: (0x55, 0xFF, 0xFF),
    97: (0xFF, 0xFF, 0xFF),
}  # fmt: skip


def plain_len(text: str) -> int:
    """The width of a text without its escape codes (bunt's PlainTextLength)."""
    return len(_ESCAPE.sub("", text)) if "\x1b" in text else len(text)


def _fg(rgb: tuple[int, int, int]) -> int:
    return _FG | rgb[0] << 8 | rgb[1] << 16 | rgb[2] << 24


class Paint:
    """bunt.Style for one run; a no-op unless ``enabled``."""

    def __init__(self, enabled: bool, truecolor: bool = False) -> None:
        self.enabled = enabled
        self.truecolor = truecolor
        self._nearest: dict[int, int] = {}

    def style(
        self,
        text: str,
        fg: tuple[int, int, int] | None = None,
        bold: bool = False,
        italic: bool = False,
        each_line: bool = False,
    ) -> str:
        if not self.enabled or not text:
            return text
        chars, settings = _parse(text)
        add = (_BOLD if bold else 0) | (_ITALIC if italic else 0)
        color = _fg(fg) if fg is not None else 0
        for i, char in enumerate(chars):
            if each_line and char == "\n":
                continue
            value = settings[i] | add
            if color:
                value = (value & ~_COLOR_BITS) | color
            settings[i] = value
        return self._render(chars, settings)

    def color(self, text: str, name: str) -> str:
        """dyff's green/red/yellow/lightgreen/lightred/dimgray: each line colored."""
        return self.style(text, COLORS[name], each_line=True)

    def bold(self, text: str) -> str:
        return self.style(text, bold=True, each_line=True)

    def italic(self, text: str) -> str:
        return self.style(text, italic=True, each_line=True)

    def _render(self, chars: list[str], settings: list[int]) -> str:
        out = []
        current = 0
        for char, value in zip(chars, settings, strict=True):
            if value != current:
                reset = current & _EMPHASIS & ~value
                out.append(self._sgr(value, [0] if reset else []))
                current = value
            out.append(char)
        if current:
            out.append("\x1b[0m")
        return "".join(out)

    def _sgr(self, value: int, params: list[int]) -> str:
        if value == 0:
            return "\x1b[0m"
        if value & _BOLD:
            params.append(1)
        if value & _ITALIC:
            params.append(3)
        if value & _UNDERLINE:
            params.append(4)
        if value & _FG:
            r, g, b = value >> 8 & 0xFF, value >> 16 & 0xFF, value >> 24 & 0xFF
            if self.truecolor:
                params += [38, 2, r, g, b]
            else:
                params.append(self._nearest_code(value & _COLOR_BITS, (r, g, b)))
        return "\x1b[" + ";".join(map(str, params)) + "m"

    def _nearest_code(self, key: int, rgb: tuple[int, int, int]) -> int:
        code = self._nearest.get(key)
        if code is None:
            lab = _lab(rgb)
            code = min(_PALETTE, key=lambda c: _ciede2000(lab, _lab(_PALETTE[c])))
            self._nearest[key] = code
        return code


def _parse(text: str) -> tuple[list[str], list[int]]:
    """The characters of a text and the style of each (its escape codes read)."""
    text = text.replace("\x1b[m", "\x1b[0m")
    chars: list[str] = []
    settings: list[int] = []
    current = pos = 0
    for match in _ESCAPE.finditer(text):
        segment = text[pos : match.start()]
        chars += segment
        settings += [current] * len(segment)
        current = _read_sgr(match.group(1))
        pos = match.end()
    segment = text[pos:]
    chars += segment
    settings += [current] * len(segment)
    return chars, settings


def _read_sgr(params: str) -> int:
    values = [int(v) & 0xFF for v in params.split(";")]
    result = 0
    i = 0
    while i < len(values):
        value = values[i]
        if value == 1:
            result |= _BOLD
        elif value == 3:
            result |= _ITALIC
        elif value == 4:
            result |= _UNDERLINE
        elif value in _PARSED:
            result |= _fg(_PARSED[value])
        elif value == 38 and len(values) > 4 and values[i + 1] == 2:
            result |= _fg((values[i + 2], values[i + 3], values[i + 4]))
            i += 4
        i += 1
    return result


def _lab(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    """mattn/go-ciede2000's RGB to Lab (note Go's integer 16/116 == 0)."""
    linear = []
    for channel in rgb:
        c = channel / 255.0
        c = math.pow((c + 0.055) / 1.055, 2.4) if c > 0.04045 else c / 12.92
        linear.append(c * 100)
    r, g, b = linear
    x = (r * 0.4124 + g * 0.3576 + b * 0.1805) / 95.047
    y = (r * 0.2126 + g * 0.7152 + b * 0.0722) / 100.0
    z = (r * 0.0193 + g * 0.1192 + b * 0.9505) / 108.883
    x, y, z = (math.pow(v, 1.0 / 3.0) if v > 0.008856 else 7.787 * v for v in (x, y, z))
    return max(0.0, 116 * y - 16), 500 * (x - y), 200 * (y - z)


def _ciede2000(lab1: tuple[float, float, float], lab2: tuple[float, float, float]) -> float:
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    deg360, deg180 = math.radians(360.0), math.radians(180.0)
    pow25_7 = 6103515625.0
    c1, c2 = math.sqrt(a1 * a1 + b1 * b1), math.sqrt(a2 * a2 + b2 * b2)
    bar_c = (c1 + c2) / 2.0
    g = 0.5 * (1 - math.sqrt(math.pow(bar_c, 7) / (math.pow(bar_c, 7) + pow25_7)))
    a1p, a2p = (1.0 + g) * a1, (1.0 + g) * a2
    c1p, c2p = math.sqrt(a1p * a1p + b1 * b1), math.sqrt(a2p * a2p + b2 * b2)

    def hue(b: float, ap: float) -> float:
        if b == 0 and ap == 0:
            return 0.0
        h = math.atan2(b, ap)
        return h + deg360 if h < 0 else h

    h1p, h2p = hue(b1, a1p), hue(b2, a2p)
    delta_l = l2 - l1
    delta_c = c2p - c1p
    product = c1p * c2p
    if product == 0:
        delta_h = 0.0
    else:
        delta_h = h2p - h1p
        if delta_h < -deg180:
            delta_h += deg360
        elif delta_h > deg180:
            delta_h -= deg360
    delta_hh = 2.0 * math.sqrt(product) * math.sin(delta_h / 2.0)
    bar_l = (l1 + l2) / 2.0
    bar_cp = (c1p + c2p) / 2.0
    h_sum = h1p + h2p
    if c1p * c2p == 0:
        bar_h = h_sum
    elif abs(h1p - h2p) <= deg180:
        bar_h = h_sum / 2.0
    elif h_sum < deg360:
        bar_h = (h_sum + deg360) / 2.0
    else:
        bar_h = (h_sum - deg360) / 2.0
    t = (
        1.0
        - 0.17 * math.cos(bar_h - math.radians(30.0))
        + 0.24 * math.cos(2.0 * bar_h)
        + 0.32 * math.cos(3.0 * bar_h + math.radians(6.0))
        - 0.20 * math.cos(4.0 * bar_h - math.radians(63.0))
    )
    delta_theta = math.radians(30.0) * math.exp(
        -math.pow((bar_h - math.radians(275.0)) / math.radians(25.0), 2.0)
    )
    r_c = 2.0 * math.sqrt(math.pow(bar_cp, 7.0) / (math.pow(bar_cp, 7.0) + pow25_7))
    s_l = 1 + (0.015 * math.pow(bar_l - 50.0, 2.0)) / math.sqrt(20 + math.pow(bar_l - 50.0, 2.0))
    s_c = 1 + 0.045 * bar_cp
    s_h = 1 + 0.015 * bar_cp * t
    r_t = -math.sin(2.0 * delta_theta) * r_c
    return math.sqrt(
        math.pow(delta_l / s_l, 2.0)
        + math.pow(delta_c / s_c, 2.0)
        + math.pow(delta_hh / s_h, 2.0)
        + r_t * (delta_c / s_c) * (delta_hh / s_h)
    )
