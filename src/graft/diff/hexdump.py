"""Go's encoding/hex Dump of base64 content (dyff's binary change)."""

from __future__ import annotations

import base64


def hex_dump(encoded: str) -> str:
    data = base64.b64decode(encoded)
    lines = []
    for offset in range(0, len(data), 16):
        chunk = data[offset : offset + 16]
        cells = [f"{byte:02x}" for byte in chunk]
        left = " ".join(cells[:8])
        right = " ".join(cells[8:])
        hexes = f"{left:<23}  {right:<23}"
        text = "".join(chr(b) if 32 <= b <= 126 else "." for b in chunk)
        lines.append(f"{offset:08x}  {hexes}  |{text}|\n")
    return "".join(lines)
