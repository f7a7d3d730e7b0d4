"""The line diff dyff shows for multi-line strings: diff-match-patch in line
mode (sergi/go-diff ``DiffLinesToChars``, ``DiffMain``, ``DiffCharsToLines``).

Each distinct line becomes one character, the characters are diffed (common
prefix and suffix, half match, Myers bisection, merge clean-up), and the result
is turned back into lines.
"""

from __future__ import annotations

EQUAL, INSERT, DELETE = 0, 1, -1


def line_diff(a: str, b: str) -> list[tuple[int, str]]:
    """(operation, text) pairs; operation 1 inserts, -1 deletes, 0 keeps."""
    lines = [""]
    index: dict[str, int] = {}
    chars_a = _munge(a, lines, index)
    chars_b = _munge(b, lines, index)
    return [(op, "".join(lines[ord(c)] for c in text)) for op, text in _main(chars_a, chars_b)]


def char_diff(a: str, b: str) -> list[list]:
    """diff-match-patch's DiffMain of two texts, character by character."""
    return _main(a, b)


def _munge(text: str, lines: list[str], index: dict[str, int]) -> str:
    out = []
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end == -1:
            end = len(text) - 1
        line = text[start : end + 1]
        start = end + 1
        code = index.get(line)
        if code is None:
            lines.append(line)
            code = index[line] = len(lines) - 1
        out.append(chr(code))
    return "".join(out)


def _prefix(a: str, b: str) -> int:
    n = 0
    limit = min(len(a), len(b))
    while n < limit and a[n] == b[n]:
        n += 1
    return n


def _suffix(a: str, b: str) -> int:
    n = 0
    limit = min(len(a), len(b))
    while n < limit and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _main(a: str, b: str) -> list[list]:
    if a == b:
        return [[EQUAL, a]] if a else []
    n = _prefix(a, b)
    prefix, a, b = a[:n], a[n:], b[n:]
    n = _suffix(a, b)
    suffix = a[len(a) - n :] if n else ""
    if n:
        a, b = a[:-n], b[:-n]
    diffs = _compute(a, b)
    if prefix:
        diffs.insert(0, [EQUAL, prefix])
    if suffix:
        diffs.append([EQUAL, suffix])
    return _cleanup_merge(diffs)


def _compute(a: str, b: str) -> list[list]:
    if not a:
        return [[INSERT, b]]
    if not b:
        return [[DELETE, a]]
    long, short = (a, b) if len(a) > len(b) else (b, a)
    i = long.find(short)
    if i != -1:
        op = DELETE if len(a) > len(b) else INSERT
        return [[op, long[:i]], [EQUAL, short], [op, long[i + len(short) :]]]
    if len(short) == 1:
        return [[DELETE, a], [INSERT, b]]
    half = _half_match(a, b)
    if half is not None:
        a1, a2, b1, b2, common = half
        return [*_main(a1, b1), [EQUAL, common], *_main(a2, b2)]
    return _bisect(a, b)


def _half_match(a: str, b: str) -> tuple | None:
    long, short = (a, b) if len(a) > len(b) else (b, a)
    if len(long) < 4 or len(short) * 2 < len(long):
        return None
    first = _half_match_at(long, short, (len(long) + 3) // 4)
    second = _half_match_at(long, short, (len(long) + 1) // 2)
    if first is None and second is None:
        return None
    if second is None:
        best = first
    elif first is None:
        best = second
    else:
        best = first if len(first[4]) > len(second[4]) else second
    if len(a) > len(b):
        return best
    return best[2], best[3], best[0], best[1], best[4]


def _half_match_at(long: str, short: str, i: int) -> tuple | None:
    seed = long[i : i + len(long) // 4]
    best_len = 0
    best = None
    j = short.find(seed)
    while j != -1:
        pre = _prefix(long[i:], short[j:])
        suf = _suffix(long[:i], short[:j])
        if best_len < suf + pre:
            best_len = suf + pre
            best = (
                long[: i - suf],
                long[i + pre :],
                short[: j - suf],
                short[j + pre :],
                short[j - suf : j] + short[j : j + pre],
            )
        j = short.find(seed, j + 1)
    if best_len * 2 < len(long):
        return None
    return best


def _bisect(a: str, b: str) -> list[list]:
    len_a, len_b = len(a), len(b)
    max_d = (len_a + len_b + 1) // 2
    offset, length = max_d, 2 * max_d
    v1 = [-1] * length
    v2 = [-1] * length
    v1[offset + 1] = 0
    v2[offset + 1] = 0
    delta = len_a - len_b
    front = delta % 2 != 0
    k1start = k1end = k2start = k2end = 0
    for d in range(max_d):
        for k1 in range(-d + k1start, d - k1end + 1, 2):
            k1o = offset + k1
            if k1 == -d or (k1 != d and v1[k1o - 1] < v1[k1o + 1]):
                x1 = v1[k1o + 1]
            else:
                x1 = v1[k1o - 1] + 1
            y1 = x1 - k1
            while x1 < len_a and y1 < len_b and a[x1] == b[y1]:
                x1 += 1
                y1 += 1
            v1[k1o] = x1
            if x1 > len_a:
                k1end += 2
            elif y1 > len_b:
                k1start += 2
            elif front:
                k2o = offset + delta - k1
                if 0 <= k2o < length and v2[k2o] != -1 and x1 >= len_a - v2[k2o]:
                    return _main(a[:x1], b[:y1]) + _main(a[x1:], b[y1:])
        for k2 in range(-d + k2start, d - k2end + 1, 2):
            k2o = offset + k2
            if k2 == -d or (k2 != d and v2[k2o - 1] < v2[k2o + 1]):
                x2 = v2[k2o + 1]
            else:
                x2 = v2[k2o - 1] + 1
            y2 = x2 - k2
            while x2 < len_a and y2 < len_b and a[len_a - x2 - 1] == b[len_b - y2 - 1]:
                x2 += 1
                y2 += 1
            v2[k2o] = x2
            if x2 > len_a:
                k2end += 2
            elif y2 > len_b:
                k2start += 2
            elif not front:
                k1o = offset + delta - k2
                if 0 <= k1o < length and v1[k1o] != -1:
                    x1 = v1[k1o]
                    y1 = offset + x1 - k1o
                    if x1 >= len_a - x2:
                        return _main(a[:x1], b[:y1]) + _main(a[x1:], b[y1:])
    return [[DELETE, a], [INSERT, b]]


def _cleanup_merge(diffs: list[list]) -> list[list]:
    diffs.append([EQUAL, ""])
    pointer = count_delete = count_insert = 0
    text_delete = text_insert = ""
    while pointer < len(diffs):
        op = diffs[pointer][0]
        if op == INSERT:
            count_insert += 1
            text_insert += diffs[pointer][1]
            pointer += 1
        elif op == DELETE:
            count_delete += 1
            text_delete += diffs[pointer][1]
            pointer += 1
        else:
            if count_delete + count_insert > 1:
                if count_delete and count_insert:
                    n = _prefix(text_insert, text_delete)
                    if n:
                        x = pointer - count_delete - count_insert
                        if x > 0 and diffs[x - 1][0] == EQUAL:
                            diffs[x - 1][1] += text_insert[:n]
                        else:
                            diffs.insert(0, [EQUAL, text_insert[:n]])
                            pointer += 1
                        text_insert, text_delete = text_insert[n:], text_delete[n:]
                    n = _suffix(text_insert, text_delete)
                    if n:
                        diffs[pointer][1] = text_insert[len(text_insert) - n :] + diffs[pointer][1]
                        text_insert = text_insert[: len(text_insert) - n]
                        text_delete = text_delete[: len(text_delete) - n]
                start = pointer - count_delete - count_insert
                if count_delete == 0:
                    merged = [[INSERT, text_insert]]
                elif count_insert == 0:
                    merged = [[DELETE, text_delete]]
                else:
                    merged = [[DELETE, text_delete], [INSERT, text_insert]]
                diffs[start : start + count_delete + count_insert] = merged
                pointer = start + 1 + (1 if count_delete else 0) + (1 if count_insert else 0)
            elif pointer != 0 and diffs[pointer - 1][0] == EQUAL:
                diffs[pointer - 1][1] += diffs[pointer][1]
                del diffs[pointer]
            else:
                pointer += 1
            count_insert = count_delete = 0
            text_delete = text_insert = ""
    if not diffs[-1][1]:
        diffs.pop()
    changes = False
    pointer = 1
    while pointer < len(diffs) - 1:
        before, here, after = diffs[pointer - 1], diffs[pointer], diffs[pointer + 1]
        if before[0] == EQUAL and after[0] == EQUAL:
            if here[1].endswith(before[1]):
                if before[1]:
                    here[1] = before[1] + here[1][: len(here[1]) - len(before[1])]
                after[1] = before[1] + after[1]
                del diffs[pointer - 1]
                changes = True
            elif here[1].startswith(after[1]):
                before[1] += after[1]
                here[1] = here[1][len(after[1]) :] + after[1]
                del diffs[pointer + 1]
                changes = True
        pointer += 1
    if changes:
        return _cleanup_merge(diffs)
    return diffs
