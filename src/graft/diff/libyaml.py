"""LibYAML's composer (PyYAML's C extension), loaded for ``graft diff`` only.

Two things make PyYAML's import and composition slower than they need to be
for a diff, which builds no values:

* importing ``yaml`` compiles about forty regular expressions (the Unicode
  class of the reader alone takes ~10 ms); while ``yaml`` is imported here,
  ``re.compile`` returns patterns that compile on first use;
* the composer asks a Python resolver for the tag of every node; here it gets
  the plain default tags at once (yaml.v3's tags are worked out later, and only
  for the scalars a comparison needs).
"""

from __future__ import annotations

import re

from graft.diff.nodes import IMPLICIT, MAP, SEQ

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_parser_class: Any = None


class _LazyPattern:
    """A regular expression compiled the first time it is used."""

    __slots__ = ("_args", "_pattern")

    def __init__(self, *args: Any) -> None:
        self._args = args
        self._pattern = None

    def __getattr__(self, name: str) -> Any:
        pattern = self._pattern
        if pattern is None:
            pattern = self._pattern = _COMPILE(*self._args)
        return getattr(pattern, name)


_COMPILE = re.compile


def _import_yaml() -> Any:
    import sys

    if "yaml" in sys.modules:
        import yaml

        return yaml
    re.compile = _LazyPattern  # type: ignore[assignment]
    try:
        import yaml
    finally:
        re.compile = _COMPILE
    return yaml


def parser_class() -> Any:
    """A CParser subclass that composes nodes with default tags."""
    global _parser_class
    if _parser_class is None:
        yaml = _import_yaml()
        tags = {yaml.ScalarNode: IMPLICIT, yaml.SequenceNode: SEQ, yaml.MappingNode: MAP}

        class Parser(yaml.cyaml.CParser):
            def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
                return tags[kind]

            def descend_resolver(self, parent: Any, index: Any) -> None:
                return None

            def ascend_resolver(self) -> None:
                return None

        _parser_class = Parser
    return _parser_class


def compose_all(text: str) -> list[Any]:
    """The root node of every document of ``text`` (raises yaml.YAMLError)."""
    parser = parser_class()(text)
    documents = []
    while parser.check_node():
        documents.append(parser.get_node())
    return documents


def yaml_error() -> type:
    import yaml

    return yaml.YAMLError
