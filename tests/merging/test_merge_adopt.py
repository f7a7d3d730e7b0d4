"""Taking over the first document in place must give what copying it gives."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from graft.errors import ErrorList
from graft.merging.engine import Merger

_STRINGS = st.sampled_from(
    [
        "x",
        "web",
        "(( append ))",
        "(( prepend ))",
        "(( merge ))",
        "(( merge on id ))",
        "(( replace ))",
        "(( inline ))",
        "(( delete 0 ))",
        '(( delete "web" ))',
        "(( insert after 0 ))",
        "(( prune ))",
        "(( sort ))",
        "(( grab x ))",
        "((merge_token))",
    ]
)
_KEYS = st.sampled_from(["name", "id", "a", "b", "jobs"])
documents = st.recursive(
    st.one_of(_STRINGS, st.integers(0, 3), st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)),
    max_leaves=16,
)


def _merge(document: dict, adopt: bool, append: bool) -> tuple:
    merger = Merger(adopt=adopt, fallback_append=append)
    merger.merge(document)
    result = merger.result
    try:
        merger.finish()
        errors = None
    except ErrorList as error:
        errors = sorted(error.messages)
    return result.tree, result.prune_paths, result.sort_paths, result.warnings, errors


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(_KEYS, documents, max_size=5), st.booleans())
def test_adopting_equals_copying(document: dict, append: bool) -> None:
    adopted = _merge(copy.deepcopy(document), True, append)
    assert adopted == _merge(copy.deepcopy(document), False, append)
