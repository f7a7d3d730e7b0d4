"""Bytes to plain Python data with graft's reading rules (docs/output-format.md; D1, D3, D12).

Two readers give the same values. A small document in a strict subset of YAML
(``simple.py``) is read in pure Python, which spares a short run the cost of
importing PyYAML; everything else, and every error, goes to LibYAML
(``libyaml.py``, imported on first use).
"""

from __future__ import annotations

import sys

from graft.errors import GraftError
from graft.yamlio.simple import DECLINE, load_simple

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

    from yaml.nodes import Node


# A short-lived process (the CLI) sets this to a list to keep node graphs until it
# exits: freeing the nodes of a 5 MB file one by one costs more time than keeping them.
retained: list[Node] | None = None

# A document may nest this deep; go-yaml stops at the same depth.
MAX_DEPTH = 10000

# Documents up to this many bytes are first offered to the pure-Python reader.
SIMPLE_LIMIT = 16 * 1024


class LoadError(GraftError):
    """A document that cannot be read; the message names the document."""


def parse_error(name: str, detail: str) -> LoadError:
    return LoadError(f"{name}: parse_error: failed to parse YAML: {detail}", trailer="\n")


def compose(data: bytes | str, name: str) -> Node | None:
    """The node graph of the first document in ``data`` (None when empty)."""
    from graft.yamlio import libyaml

    return libyaml.compose(data, name)


def load_document(
    data: bytes | str,
    name: str,
    *,
    legacy: bool = False,
    origin: tuple[str, int] | None = None,
) -> Any:
    """Parse the first document of ``data``; an empty document is None.

    ``origin`` is the file the text comes from and the line it starts at: with
    locations on, the places of its operator strings are recorded (LibYAML knows them)."""
    # graft.locations is imported only when locations are on (start-up time)
    recorder = getattr(sys.modules.get("graft.locations"), "current", None)
    if recorder is None or b"((" not in data:
        origin = recorder = None
    if not legacy and origin is None and type(data) is bytes and len(data) <= SIMPLE_LIMIT:
        value = load_simple(data)
        if value is not DECLINE:
            return value
    from graft.yamlio import libyaml

    places = (recorder, *origin) if recorder is not None and origin is not None else None
    return libyaml.load_document(data, name, legacy=legacy, places=places)


def load_all(data: bytes | str, name: str) -> list[Any]:
    """Every document of a YAML stream (``graft diff``)."""
    from graft.yamlio import libyaml

    return libyaml.load_all(data, name)
