"""Plain data to the bytes graft writes (docs/output-format.md, "Writing"; D4).

LibYAML's emitter (through PyYAML's ``CSafeDumper``) writes the layout: block
style, indentless sequences in maps, folding at 80 columns, chomping
indicators. We decide what it cannot know: the natural key order, which
strings go-yaml would double-quote because they would read back as something
else, literal block style for strings with newlines, and float text.
"""

from __future__ import annotations

import functools

from graft.lazyre import lazy
from graft.values import TypedKey, go_bytes
from graft.yamlio import writer
from graft.yamlio.keyorder import sorted_keys
from graft.yamlio.styles import needs_quotes, scalar_text

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

    import yaml


STR_TAG = "tag:yaml.org,2002:str"
BINARY_TAG = "tag:yaml.org,2002:binary"
_RAW_BYTES = lazy("[\udc80-\udcff]")


@functools.cache
def _dumper() -> type[yaml.CSafeDumper]:
    """LibYAML's dumper with our representers (PyYAML is imported on first use)."""
    import yaml

    from graft.yamlio.gobase64 import binary_text

    class _Dumper(yaml.CSafeDumper):
        yaml_implicit_resolvers: dict = {}  # noqa: RUF012 - no implicit typing: we choose styles

        def ignore_aliases(self, data: Any) -> bool:
            return True

    def represent_str(dumper: _Dumper, text: str) -> yaml.ScalarNode:
        if not text.isascii() and _RAW_BYTES.search(text):
            # bytes that are not UTF-8 (kept as surrogate escapes): go-yaml writes them
            # !!binary, in lines of 70 characters from 70 on
            raw = go_bytes(text)
            try:
                text = raw.decode("utf-8")  # escaped bytes that join into characters
            except UnicodeDecodeError:
                encoded = binary_text(raw)
                style = "|" if "\n" in encoded else None
                return yaml.ScalarNode(BINARY_TAG, encoded, style=style)
        if needs_quotes(text):
            style = '"'
        elif "\n" in text:
            style = "|"
        else:
            style = None
        return yaml.ScalarNode(STR_TAG, text, style=style)

    def represent_other(dumper: _Dumper, value: Any) -> yaml.ScalarNode:
        return yaml.ScalarNode(STR_TAG, scalar_text(value))

    def represent_key(dumper: _Dumper, key: TypedKey) -> yaml.ScalarNode:
        return represent_other(dumper, key.value)

    def represent_dict(dumper: _Dumper, mapping: dict) -> yaml.MappingNode:
        pairs = [(k, mapping[k]) for k in sorted_keys(mapping)]
        return dumper.represent_mapping("tag:yaml.org,2002:map", pairs)

    def represent_list(dumper: _Dumper, items: list) -> yaml.SequenceNode:
        return dumper.represent_sequence("tag:yaml.org,2002:seq", items)

    _Dumper.add_representer(str, represent_str)
    _Dumper.add_representer(dict, represent_dict)
    _Dumper.add_representer(list, represent_list)
    _Dumper.add_representer(TypedKey, represent_key)
    for kind in (bool, int, float, type(None)):
        _Dumper.add_representer(kind, represent_other)
    return _Dumper


def emit_yaml(tree: dict) -> str:
    """The YAML text of ``tree`` (without graft's extra trailing newline)."""
    try:
        return writer.write(tree)
    except writer.Unusual:
        return emit_reference(tree)


def emit_reference(tree: Any) -> str:
    """The YAML text of ``tree`` written by LibYAML itself."""
    import yaml

    return yaml.dump(
        tree,
        Dumper=_dumper(),
        default_flow_style=False,
        allow_unicode=True,
        width=80,
        indent=2,
        sort_keys=False,
    )
