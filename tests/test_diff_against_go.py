"""``graft diff`` against the Go graft on random pairs of documents.

Runs only when ``GRAFT_GO`` names a Go graft binary (CI has none): each pair is
a random document (maps, named and unnamed lists, lists with a guessable
identifier, scalars of every kind, comments, blank lines, block strings) and a
mutation of it; both reports must be the same bytes with the same exit status.
``GRAFT_DIFF_PAIRS`` sets the number of pairs (default 200).
"""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

import pytest

from graft.documents import Stdin
from graft.verbs.diff import diff_report

GO = os.environ.get("GRAFT_GO")
pytestmark = pytest.mark.skipif(not GO, reason="GRAFT_GO names no Go graft binary")

SCALARS = [
    "1", "2", "x", "y", "true", "false", "~", "1.5", "'1'", '"a b"', "(( grab x ))", "'*'",
    "-x", "null", "0x10", "2020-01-01", "yes", "''", "hello world", '"a: b"', "' x '", "'x'",
    "a-very-long-value-that-goes-on-and-on-for-a-while-0123456789-abcdefghijklmnopqrstuvwxyz",
    "|\n  l1\n  l2\n", "|\n  l1\n  l3\n  l4\n", ">\n  folded text\n", "| # hc\n  l1\n  l2\n",
    "10%", "'50% off'", "a%sb", "'%d'", '"tab\\there"', "'it''s'", "héllo wörld", "'#no'",
    "!!str 5", "!!binary aGVsbG8=", "0o17", "1e3", "+1", "-.inf", ".NaN", "Null", "NO", "off",
]  # fmt: skip
KEYS = ["a", "b", "c", "d", "name", "id", "key", "url", "version", "properties", "jobs", "on"]


class Pair:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def value(self, depth: int) -> object:
        rng = self.rng
        r = rng.random()
        if depth > 2 or r < 0.45:
            return rng.choice(SCALARS)
        if r < 0.75:
            return {rng.choice(KEYS): self.value(depth + 1) for _ in range(rng.randint(0, 4))}
        kind = rng.random()
        if kind < 0.2:
            domains = rng.sample([f"{c}.com" for c in "abcdef"], rng.randint(3, 6))
            return [{"domain": d, rng.choice(KEYS): self.value(depth + 2)} for d in domains]
        if kind < 0.4:
            names = rng.sample(list("abcdef"), rng.randint(0, 5))
            return [
                dict([("name", n)] + [(rng.choice(KEYS), self.value(depth + 2))]) for n in names
            ]
        return [self.value(depth + 1) for _ in range(rng.randint(0, 4))]

    def mutate(self, v: object, depth: int = 0) -> object:
        rng = self.rng
        if isinstance(v, dict):
            v = dict(v)
            for k in list(v):
                r = rng.random()
                if r < 0.1:
                    del v[k]
                elif r < 0.5:
                    v[k] = self.mutate(v[k], depth + 1)
            if rng.random() < 0.2:
                v[rng.choice(KEYS)] = self.value(depth + 1)
            if rng.random() < 0.1:
                items = list(v.items())
                rng.shuffle(items)
                v = dict(items)
            return v
        if isinstance(v, list):
            v = [self.mutate(x, depth + 1) if rng.random() < 0.4 else x for x in v]
            if v and rng.random() < 0.2:
                v.pop(rng.randrange(len(v)))
            if rng.random() < 0.2:
                v.insert(rng.randint(0, len(v)), self.value(depth + 1))
            if rng.random() < 0.15:
                rng.shuffle(v)
            return v
        return rng.choice(SCALARS) if rng.random() < 0.3 else v

    def text(self, v: object, indent: int = 0) -> list[str]:
        rng, pad, lines = self.rng, " " * indent, []
        if isinstance(v, dict):
            for k, x in v.items():
                if rng.random() < 0.05:
                    lines.append(f"{pad}# comment {k}")
                if rng.random() < 0.05:
                    lines.append("")
                if isinstance(x, (dict, list)) and x:
                    lines.append(f"{pad}{k}:")
                    lines += self.text(x, indent + 2 if isinstance(x, dict) else indent)
                elif isinstance(x, (dict, list)):
                    lines.append(f"{pad}{k}: {'{}' if isinstance(x, dict) else '[]'}")
                elif x[:1] in "|>":
                    head, *rest = x.split("\n")
                    lines.append(f"{pad}{k}: {head}")
                    lines += [pad + r for r in rest if r]
                else:
                    lines.append(f"{pad}{k}: {x}{'  # lc' if rng.random() < 0.05 else ''}")
            return lines
        for x in v:  # a list
            if isinstance(x, (dict, list)) and x:
                inner = self.text(x, indent + 2)
                lines.append(pad + "- " + inner[0].lstrip())
                lines += inner[1:]
            elif isinstance(x, (dict, list)):
                lines.append(pad + ("- {}" if isinstance(x, dict) else "- []"))
            elif x[:1] in "|>":
                head, *rest = x.split("\n")
                lines.append(pad + "- " + head)
                lines += [pad + r for r in rest if r]
            else:
                lines.append(pad + "- " + x)
        return lines


def test_random_pairs_match_the_go_graft(tmp_path: Path) -> None:
    rng = random.Random(20261205)
    pair = Pair(rng)
    mismatches = []
    for n in range(int(os.environ.get("GRAFT_DIFF_PAIRS", "200"))):
        first = {rng.choice(KEYS): pair.value(0) for _ in range(rng.randint(1, 5))}
        second = pair.mutate(first)
        a, b = tmp_path / f"{n}-a.yml", tmp_path / f"{n}-b.yml"
        a.write_text("\n".join(pair.text(first)) + "\n")
        b.write_text("\n".join(pair.text(second)) + "\n")
        go = subprocess.run([GO, "diff", str(a), str(b)], capture_output=True, check=False)
        report, differ = diff_report(str(a), str(b), Stdin(), 80)
        if (go.returncode, go.stdout.decode()) != (int(differ), report + "\n"):
            mismatches.append(n)
    assert not mismatches, f"reports differ for pairs {mismatches} in {tmp_path}"


def _in_terminal(argv: list[str], columns: int) -> bytes:
    """Standard output of ``argv`` run in a pseudo-terminal of ``columns``."""
    import fcntl
    import pty
    import struct
    import termios

    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of the given width, then the command
        os.environ["TERM"] = "xterm"
        os.environ.pop("COLORTERM", None)
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
        os.execv(argv[0], argv)
    out = b""
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        out += data
    os.waitpid(pid, 0)
    os.close(fd)
    return out.replace(b"\r\n", b"\n")


def test_random_pairs_in_a_terminal_match_the_go_graft(tmp_path: Path) -> None:
    """The colored reports (80 columns, 16 colors) of the same kind of pairs."""
    rng = random.Random(20261206)
    pair = Pair(rng)
    mismatches = []
    for n in range(int(os.environ.get("GRAFT_DIFF_PAIRS", "200")) // 2):
        first = {rng.choice(KEYS): pair.value(0) for _ in range(rng.randint(1, 5))}
        second = pair.mutate(first)
        a, b = tmp_path / f"{n}-a.yml", tmp_path / f"{n}-b.yml"
        a.write_text("\n".join(pair.text(first)) + "\n")
        b.write_text("\n".join(pair.text(second)) + "\n")
        go = _in_terminal([GO, "diff", str(a), str(b)], 80).decode()
        if go.startswith("unable"):
            continue  # a load error: graft's messages are its own
        report, _ = diff_report(str(a), str(b), Stdin(), 80, colors=True)
        if go != report + "\n":
            mismatches.append(n)
    assert not mismatches, f"reports differ for pairs {mismatches} in {tmp_path}"
