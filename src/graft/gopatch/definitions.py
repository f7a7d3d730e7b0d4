"""Reading a go-patch file's operation definitions, with the library's error texts."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from graft.errors import GraftError
from graft.gopatch.operations import DescriptiveOp, Operation, RemoveOp, ReplaceOp, TestOp
from graft.gopatch.pointer import Pointer, PointerError, parse_pointer

_STRING_FIELDS = ("type", "path", "error")


@dataclass
class _Definition:
    """The library's OpDefinition; ``None`` means the field was not given."""

    type: str = ""
    path: str | None = None
    value: object = None  # YAML null counts as missing, as in Go
    absent: bool | None = None
    error: str | None = None


class _LineFinder:
    """Line numbers for decoder messages, from the file text when we have it."""

    def __init__(self, source: str | None) -> None:
        self.root: yaml.Node | None = None
        if source is not None:
            try:
                self.root = next(yaml.compose_all(source, Loader=yaml.SafeLoader), None)
            except yaml.YAMLError:
                self.root = None

    def line(self, item: int | None = None, field: str | None = None) -> str:
        node = self.root
        if node is not None and item is not None:
            node = self._child(node, item)
        if node is not None and field is not None:
            node = self._field(node, field)
        return "?" if node is None else str(node.start_mark.line + 1)

    @staticmethod
    def _child(node: yaml.Node, item: int) -> yaml.Node | None:
        if isinstance(node, yaml.SequenceNode) and item < len(node.value):
            return node.value[item]
        return None

    @staticmethod
    def _field(node: yaml.Node, field: str) -> yaml.Node | None:
        if not isinstance(node, yaml.MappingNode):
            return None
        found = [value for key, value in node.value if getattr(key, "value", None) == field]
        return found[-1] if found else None


def _yaml_tag(value: object) -> str:
    if isinstance(value, bool):
        return "!!bool"
    if isinstance(value, int):
        return "!!int"
    if isinstance(value, float):
        return "!!float"
    if isinstance(value, list):
        return "!!seq"
    if isinstance(value, dict):
        return "!!map"
    return "!!str"


def _scalar_text(value: object) -> str:
    """The text of a scalar, as go-yaml hands it to a string field."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    return str(value)


def _cannot_unmarshal(line: str, value: object, target: str) -> str:
    shown = ""
    if not isinstance(value, list | dict):
        text = _scalar_text(value)
        if len(text.encode()) > 10:
            text = text.encode()[:7].decode(errors="ignore") + "..."
        shown = f" `{text}`"
    return f"line {line}: cannot unmarshal {_yaml_tag(value)}{shown} into {target}"


class _Decoder:
    """go-yaml's lenient decoding of the file into OpDefinition structs."""

    def __init__(self, lines: _LineFinder) -> None:
        self.lines = lines
        self.errors: list[str] = []

    def decode(self, data: object) -> list[_Definition]:
        if data is None:
            return []
        if not isinstance(data, list):
            line = self.lines.line()
            self.errors.append(_cannot_unmarshal(line, data, "[]patch.OpDefinition"))
            return []
        return [self._definition(number, item) for number, item in enumerate(data)]

    def _definition(self, number: int, item: object) -> _Definition:
        definition = _Definition()
        if item is None:
            return definition
        if not isinstance(item, dict):
            line = self.lines.line(number)
            self.errors.append(_cannot_unmarshal(line, item, "patch.OpDefinition"))
            return definition
        for key, value in item.items():
            if type(key) is str and key in ("type", "path", "value", "absent", "error"):
                self._field(definition, number, key, value)
        return definition

    def _field(self, definition: _Definition, number: int, field: str, value: object) -> None:
        if value is None:
            return
        if field == "value":
            definition.value = value
        elif field == "absent":
            if isinstance(value, bool):
                definition.absent = value
            else:
                self._error(number, field, value, "bool")
        elif isinstance(value, list | dict):
            self._error(number, field, value, "string")
        else:
            setattr(definition, field, _scalar_text(value))

    def _error(self, number: int, field: str, value: object, target: str) -> None:
        line = self.lines.line(number, field)
        self.errors.append(_cannot_unmarshal(line, value, target))


def _go_json(definition: _Definition) -> str:
    """``json.MarshalIndent`` of the definition, value redacted, as the library prints it."""
    fields: dict[str, object] = {}
    if definition.type:
        fields["Type"] = definition.type
    if definition.path is not None:
        fields["Path"] = definition.path
    if definition.value is not None:
        fields["Value"] = "<redacted>"
    if definition.absent is not None:
        fields["Absent"] = definition.absent
    if definition.error is not None:
        fields["Error"] = definition.error
    text = json.dumps(fields, indent=2, ensure_ascii=False)
    text = text.replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text.replace("\\u003c", "<").replace("\\u003e", ">")


class _DefinitionError(Exception):
    """A definition the library refuses; ``str()`` is the reason."""


def _pointer(definition: _Definition) -> Pointer:
    if definition.path is None:
        raise _DefinitionError("Missing path")
    try:
        return parse_pointer(definition.path)
    except PointerError as error:
        raise _DefinitionError(f"Invalid path: {error}") from None


def _replace(definition: _Definition) -> Operation:
    if definition.path is not None and definition.value is None:
        raise _DefinitionError("Missing value")
    return ReplaceOp(_pointer(definition), definition.value)


def _remove(definition: _Definition) -> Operation:
    if definition.path is not None and definition.value is not None:
        raise _DefinitionError("Cannot specify value")
    return RemoveOp(_pointer(definition))


def _test(definition: _Definition) -> Operation:
    given = definition.value is not None or definition.absent is not None
    if definition.path is not None and not given:
        raise _DefinitionError("Missing value or absent")
    return TestOp(_pointer(definition), definition.value, bool(definition.absent))


_BUILDERS: dict[str, tuple[str, Callable[[_Definition], Operation]]] = {
    "replace": ("Replace", _replace),
    "remove": ("Remove", _remove),
    "test": ("Test", _test),
}


def _operation(number: int, definition: _Definition) -> Operation:
    """Build one operation; raise ``_DefinitionError`` with the library's message."""
    shown = _go_json(definition)
    if definition.type not in _BUILDERS:
        raise _DefinitionError(
            f"Unknown operation [{number}] with type '{definition.type}' within\n{shown}"
        )
    label, build = _BUILDERS[definition.type]
    try:
        operation = build(definition)
    except _DefinitionError as error:
        raise _DefinitionError(f"{label} operation [{number}]: {error} within\n{shown}") from None
    if definition.error is not None:
        operation = DescriptiveOp(operation, definition.error)
    return operation


def parse_operations(data: object, name: str, source: str | None = None) -> list[Operation]:
    """Read the loaded root of a go-patch file into operations.

    ``source`` (the file's text, optional) only supplies line numbers for the
    ``Tried parsing it as go-patch`` message; without it they print as ``?``.
    The errors' ``trailer`` holds the two blank lines graft prints after them.
    """
    decoder = _Decoder(_LineFinder(source))
    definitions = decoder.decode(data)
    if decoder.errors:
        reason = "yaml: unmarshal errors:\n  " + "\n  ".join(decoder.errors)
        raise GraftError(
            f"{name}: Root of YAML document is not a hash/map. "
            f"Tried parsing it as go-patch, but got: {reason}",
            trailer="\n\n",
        )
    try:
        return [_operation(number, d) for number, d in enumerate(definitions)]
    except _DefinitionError as error:
        raise GraftError(
            f"{name}: @R{{Unable to parse go-patch definitions: {error}", trailer="\n\n"
        ) from None
