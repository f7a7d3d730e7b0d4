"""A maintainers' check: ``graft diff`` against the Go graft on random pairs.

    GRAFT_GO=/path/to/go/graft .venv/bin/python tools/diff_against_go.py [PAIRS]

Each pair is a random document (maps, named and unnamed lists, lists with a
guessable identifier, scalars of every kind, comments, blank lines, block
strings) and a mutation of it; both reports must be the same bytes with the
same exit status, piped and in an 80-column terminal. Prints the pairs that
differ (their files are kept) and exits 1 if there is one. Not part of the
test suite: CI has no Go graft; the reports it recorded are the golden cases
of tests/cli/test_diff_golden.py.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from graft.documents import Stdin
from graft.verbs.diff import diff_report

GO = os.environ.get("GRAFT_GO", "")

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


def written_pairs(tmp_path: Path, count: int, seed: int) -> Iterator[tuple[int, Path, Path]]:
    """``count`` generated pairs of files: a document and a mutation of it."""
    rng = random.Random(seed)
    pair = Pair(rng)
    tmp_path.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        first = {rng.choice(KEYS): pair.value(0) for _ in range(rng.randint(1, 5))}
        second = pair.mutate(first)
        a, b = tmp_path / f"{n}-a.yml", tmp_path / f"{n}-b.yml"
        a.write_text("\n".join(pair.text(first)) + "\n")
        b.write_text("\n".join(pair.text(second)) + "\n")
        yield n, a, b


def piped_pairs(tmp_path: Path, count: int) -> list[int]:
    """The pairs whose piped reports differ."""
    mismatches = []
    for n, a, b in written_pairs(tmp_path, count, 20261205):
        go = subprocess.run([GO, "diff", str(a), str(b)], capture_output=True, check=False)
        report, differ = diff_report(str(a), str(b), Stdin(), 80)
        if (go.returncode, go.stdout.decode()) != (int(differ), report + "\n"):
            mismatches.append(n)
    return mismatches


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


def terminal_pairs(tmp_path: Path, count: int) -> list[int]:
    """The pairs whose colored reports (80 columns, 16 colors) differ."""
    mismatches = []
    for n, a, b in written_pairs(tmp_path, count, 20261206):
        go = _in_terminal([GO, "diff", str(a), str(b)], 80).decode()
        if go.startswith("unable"):
            continue  # a load error: graft's messages are its own
        report, _ = diff_report(str(a), str(b), Stdin(), 80, colors=True)
        if go != report + "\n":
            mismatches.append(n)
    return mismatches


def main(argv: list[str]) -> int:
    if not GO:
        print("GRAFT_GO must name a Go graft binary", file=sys.stderr)
        return 2
    count = int(argv[0]) if argv else 200
    work = Path(tempfile.mkdtemp(prefix="graft-diff-vs-go-"))
    piped = piped_pairs(work / "piped", count)
    terminal = terminal_pairs(work / "terminal", count // 2)
    print(f"{count} piped pairs, {count // 2} in a terminal: {len(piped) + len(terminal)} differ")
    for name, found in (("piped", piped), ("terminal", terminal)):
        if found:
            print(f"  {name}: pairs {found} in {work / name}")
    if not piped and not terminal:
        shutil.rmtree(work)
    return 1 if piped or terminal else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
