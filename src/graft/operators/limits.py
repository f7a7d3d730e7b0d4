"""Caps on work that could not finish (``GRAFT_MAX_ITEMS``, ``GRAFT_MAX_BYTES``).

An operator that builds a result whose size it can tell in advance (``ips``,
``cartesian-product``, ``concat``, ...) asks here before it builds it, so that a
request for four billion addresses or a string doubled forty times is refused at
once with a ``$.path`` error instead of running for hours or running out of
memory. The limits are read only when a result is large, so ordinary runs never
pay for them.
"""

from __future__ import annotations

from graft.operators.base import OpError

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

# Below these sizes a result is never refused (whatever the limits): no lookup.
_SMALL_ITEMS = 100_000
_SMALL_BYTES = 1 << 20


def _settings() -> Any:
    from graft import config

    return config.current()


def max_items() -> int:
    return int(_settings().max_items)


def max_bytes() -> int:
    return int(_settings().max_bytes)


def check_items(count: int, what: str) -> None:
    """``OpError`` when ``what`` would build more values than ``GRAFT_MAX_ITEMS``."""
    if count > _SMALL_ITEMS:
        limit = max_items()
        if count > limit:
            raise OpError(too_many(what, count, limit))


def too_many(what: str, count: int, limit: int) -> str:
    return f"{what} would make {count} values, more than GRAFT_MAX_ITEMS ({limit})"


def check_bytes(count: int, what: str) -> None:
    """``OpError`` when ``what`` would build a longer string than ``GRAFT_MAX_BYTES``."""
    if count > _SMALL_BYTES:
        limit = max_bytes()
        if count > limit:
            raise OpError(
                f"{what} would make a string of {count} bytes, more than GRAFT_MAX_BYTES ({limit})"
            )


def expanded_size(value: Any, limit: int) -> int:
    """How many values ``value`` holds once written out, each shared part counted
    as often as it appears (operators share what they grab, so a tree can be small
    in memory and astronomically large in text). The walk visits each container
    once; counting stops as soon as the total passes ``limit``."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(value, False)]
    while stack:
        node, leaving = stack.pop()
        kind = type(node)
        if kind is not dict and kind is not list:
            continue
        key = id(node)
        if leaving:
            children = node.values() if kind is dict else node
            total = 1
            for child in children:
                child_kind = type(child)
                total += sizes.get(id(child), 1) if child_kind in (dict, list) else 1
            sizes[key] = total
            if total > limit:
                return total
            continue
        if key in sizes:
            continue
        sizes[key] = 1  # a container met again before it is done is a cycle: counted once
        stack.append((node, True))
        children = node.values() if kind is dict else node
        stack.extend((child, False) for child in children if type(child) in (dict, list))
    return sizes.get(id(value), 1)


def check_text_of(value: Any, what: str) -> None:
    """``OpError`` when the ``%v`` text of a map or list would be astronomically long
    (a shared part is written out each time it appears)."""
    if type(value) is dict or type(value) is list:
        limit = max_items()
        count = expanded_size(value, limit)
        if count > limit:
            raise OpError(too_many(what, count, limit))
