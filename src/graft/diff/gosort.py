"""Go's ``sort.Slice`` (pattern-defeating quicksort), which is not stable.

dyff sorts the keys of a printed map with ``sort.Slice``; for more than twelve
keys the order of keys that compare equal depends on the algorithm, so it is
reproduced step by step.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

_MASK = (1 << 64) - 1


def go_sort_slice(items: list, key: Callable) -> None:
    """Sort ``items`` in place by ``key`` (ascending) exactly as Go's sort.Slice."""
    keys = [key(item) for item in items]
    n = len(items)

    def less(i: int, j: int) -> bool:
        return keys[i] < keys[j]

    def swap(i: int, j: int) -> None:
        keys[i], keys[j] = keys[j], keys[i]
        items[i], items[j] = items[j], items[i]

    _pdqsort(less, swap, 0, n, n.bit_length())


def _insertion(less: Callable, swap: Callable, a: int, b: int) -> None:
    for i in range(a + 1, b):
        j = i
        while j > a and less(j, j - 1):
            swap(j, j - 1)
            j -= 1


def _sift_down(less: Callable, swap: Callable, lo: int, hi: int, first: int) -> None:
    root = lo
    while True:
        child = 2 * root + 1
        if child >= hi:
            return
        if child + 1 < hi and less(first + child, first + child + 1):
            child += 1
        if not less(first + root, first + child):
            return
        swap(first + root, first + child)
        root = child


def _heap_sort(less: Callable, swap: Callable, a: int, b: int) -> None:
    hi = b - a
    for i in range((hi - 1) // 2, -1, -1):
        _sift_down(less, swap, i, hi, a)
    for i in range(hi - 1, -1, -1):
        swap(a, a + i)
        _sift_down(less, swap, 0, i, a)


_UNKNOWN, _INCREASING, _DECREASING = 0, 1, 2


def _pdqsort(less: Callable, swap: Callable, a: int, b: int, limit: int) -> None:
    balanced = partitioned = True
    while True:
        length = b - a
        if length <= 12:
            _insertion(less, swap, a, b)
            return
        if limit == 0:
            _heap_sort(less, swap, a, b)
            return
        if not balanced:
            _break_patterns(swap, a, b)
            limit -= 1
        pivot, hint = _choose_pivot(less, swap, a, b)
        if hint == _DECREASING:
            i, j = a, b - 1
            while i < j:
                swap(i, j)
                i += 1
                j -= 1
            pivot = (b - 1) - (pivot - a)
            hint = _INCREASING
        sorted_run = balanced and partitioned and hint == _INCREASING
        if sorted_run and _partial_insertion(less, swap, a, b):
            return
        if a > 0 and not less(a - 1, pivot):
            a = _partition_equal(less, swap, a, b, pivot)
            continue
        mid, partitioned = _partition(less, swap, a, b, pivot)
        left, right = mid - a, b - mid
        threshold = length // 8
        if left < right:
            balanced = left >= threshold
            _pdqsort(less, swap, a, mid, limit)
            a = mid + 1
        else:
            balanced = right >= threshold
            _pdqsort(less, swap, mid + 1, b, limit)
            b = mid


def _partition(less: Callable, swap: Callable, a: int, b: int, pivot: int) -> tuple[int, bool]:
    swap(a, pivot)
    i, j = a + 1, b - 1
    while i <= j and less(i, a):
        i += 1
    while i <= j and not less(j, a):
        j -= 1
    if i > j:
        swap(j, a)
        return j, True
    swap(i, j)
    i += 1
    j -= 1
    while True:
        while i <= j and less(i, a):
            i += 1
        while i <= j and not less(j, a):
            j -= 1
        if i > j:
            break
        swap(i, j)
        i += 1
        j -= 1
    swap(j, a)
    return j, False


def _partition_equal(less: Callable, swap: Callable, a: int, b: int, pivot: int) -> int:
    swap(a, pivot)
    i, j = a + 1, b - 1
    while True:
        while i <= j and not less(a, i):
            i += 1
        while i <= j and less(a, j):
            j -= 1
        if i > j:
            return i
        swap(i, j)
        i += 1
        j -= 1


def _partial_insertion(less: Callable, swap: Callable, a: int, b: int) -> bool:
    i = a + 1
    for _ in range(5):
        while i < b and not less(i, i - 1):
            i += 1
        if i == b:
            return True
        if b - a < 50:
            return False
        swap(i, i - 1)
        if i - a >= 2:
            j = i - 1
            while j >= 1 and less(j, j - 1):
                swap(j, j - 1)
                j -= 1
        if b - i >= 2:
            j = i + 1
            while j < b and less(j, j - 1):
                swap(j, j - 1)
                j += 1
    return False


def _break_patterns(swap: Callable, a: int, b: int) -> None:
    length = b - a
    if length < 8:
        return
    state = length
    modulus = 1 << length.bit_length()
    for idx in range(a + (length // 4) * 2 - 1, a + (length // 4) * 2 + 2):
        state ^= (state << 13) & _MASK
        state ^= state >> 7
        state ^= (state << 17) & _MASK
        other = state & (modulus - 1)
        if other >= length:
            other -= length
        swap(idx, a + other)


def _choose_pivot(less: Callable, swap: Callable, a: int, b: int) -> tuple[int, int]:
    length = b - a
    swaps = [0]
    i, j, k = a + length // 4, a + length // 4 * 2, a + length // 4 * 3

    def order2(x: int, y: int) -> tuple[int, int]:
        if less(y, x):
            swaps[0] += 1
            return y, x
        return x, y

    def median(x: int, y: int, z: int) -> int:
        x, y = order2(x, y)
        y, z = order2(y, z)
        x, y = order2(x, y)
        return y

    if length >= 8:
        if length >= 50:
            i = median(i - 1, i, i + 1)
            j = median(j - 1, j, j + 1)
            k = median(k - 1, k, k + 1)
        j = median(i, j, k)
    if swaps[0] == 0:
        return j, _INCREASING
    if swaps[0] == 12:
        return j, _DECREASING
    return j, _UNKNOWN
