"""The fast writer must write exactly what LibYAML writes, or step aside."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graft.yamlio import writer
from graft.yamlio.emit import emit_reference, emit_yaml

_ALPHABET = st.sampled_from(
    list("ab yz09:#-?'\"\\,[]{}&*!|>%@`.~\n") + ["\t", "é", "\u00a0", "\u2028", "😀", "\r"]
)
_WORDS = st.sampled_from(["true", "no", "1:20", "0x1F", "1e3", "---", "...", "- x", "a: b"])
strings = st.one_of(
    st.text(_ALPHABET, max_size=12),
    _WORDS,
    st.lists(st.sampled_from(["word", "longer-word", "x", ":", "#", " "]), max_size=40).map(
        " ".join
    ),
    st.text(_ALPHABET, min_size=60, max_size=200),
)
scalars = st.one_of(
    strings,
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
keys = st.one_of(strings, st.integers(-5, 500), st.none())
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(keys, trees, max_size=5))
def test_fast_writer_matches_libyaml(tree: dict) -> None:
    assert emit_yaml(tree) == emit_reference(tree)


def test_fast_writer_handles_the_common_shapes() -> None:
    tree = {
        "name": "shop",
        "jobs": [{"name": "web", "port": 80, "tags": ["a", "b"], "m": {}}, [1, [2]], []],
        "cert": "-----BEGIN-----\nabc\n-----END-----\n",
        "text": " ".join(["word"] * 30),
        "quoted": "1:20",
        "single": "key: value",
    }
    assert writer.write(tree) == emit_reference(tree)


_ORDINARY = st.sampled_from(list("ab yz09:#-?'\"\\,[]{}&*!|>%@`.~\n") + ["é", "\u00a0"])
ordinary_strings = st.one_of(
    st.text(_ORDINARY, max_size=12),
    _WORDS,
    st.lists(st.sampled_from(["word", "a-much-longer-word", "x", "'", '"']), max_size=40).map(
        " ".join
    ),
    st.text(_ORDINARY, min_size=60, max_size=200),
)
ordinary_keys = ordinary_strings.map(lambda s: s.replace("\n", " "))
ordinary_trees = st.recursive(
    st.one_of(ordinary_strings, st.integers(), st.booleans(), st.none()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(ordinary_keys, inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(ordinary_keys, ordinary_trees, max_size=5))
def test_fast_writer_on_ordinary_text(tree: dict) -> None:
    try:
        fast = writer.write(tree)
    except writer.Unusual:
        return  # checked through emit_yaml above
    assert fast == emit_reference(tree)
