"""Generate a document with N operator sites of the usual kinds.

Grabs, concats, chains of grabs, arithmetic, and references to maps that hold
operators, spread over groups so that paths have some depth.
"""

from __future__ import annotations

import sys


def document(n: int) -> str:
    lines = ["data:"]
    groups = max(1, n // 5)
    lines += [f"  v{i}: {i}" for i in range(groups)]
    lines.append("ops:")
    count = 0
    i = 0
    while count < n:
        k = i % groups
        lines += [
            f"  g{i}: (( grab data.v{k} ))",
            f'  c{i}: (( concat "item-" data.v{k} "-" ops.g{i} ))',
            f"  h{i}: (( grab ops.g{i} ))",
            f"  a{i}: (( ops.g{i} * 2 + data.v{k} ))",
            f"  m{i}:",
            f"    x: (( grab ops.h{i} ))",
        ]
        count += 5
        i += 1
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(document(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000))
