"""go-patch operation files (``merge --go-patch``, SPEC §8).

Behaves like the ``cppforlife/go-patch`` library at v0.2.0, the version graft
uses: ``replace``, ``remove`` and ``test`` operations addressed by pointers
such as ``/jobs/name=web?/instances`` or ``/list/0:after``. Error texts are
the library's, so that ``Merge failed: ...`` lines match graft byte for byte.

Two Go details shape the code:

* a list that grows or shrinks is a new list stored back into its parent (Go
  slices), while setting an element or a map key changes it in place;
* a replaced value goes through a YAML round trip first (the library clones it
  with ``yaml.Marshal``/``Unmarshal``), which turns whole floats below 1e6
  into ints.
"""

from __future__ import annotations

import json
import math
import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

import yaml

from graft.errors import GraftError, MergeFailed
from graft.values import TypedKey

__all__ = [
    "Operation",
    "PatchError",
    "Pointer",
    "RemoveOp",
    "ReplaceOp",
    "TestOp",
    "apply_operations",
    "parse_operations",
    "parse_pointer",
]

# ---------------------------------------------------------------------------
# Pointers
# ---------------------------------------------------------------------------


class Modifier(Enum):
    """A ``:prev``/``:next``/``:before``/``:after`` suffix; values are Go type names."""

    PREV = "patch.PrevModifier"
    NEXT = "patch.NextModifier"
    BEFORE = "patch.BeforeModifier"
    AFTER = "patch.AfterModifier"

    @property
    def suffix(self) -> str:
        return ":" + self.name.lower()


_MODIFIERS = {m.name.lower(): m for m in Modifier}


@dataclass(frozen=True)
class KeyToken:
    """``/key``: a map key; ``optional`` once any earlier token ended in ``?``."""

    key: str
    optional: bool = False


@dataclass(frozen=True)
class IndexToken:
    """``/3``, ``/-1``, ``/0:before``: a list index."""

    index: int
    modifiers: tuple[Modifier, ...] = ()


@dataclass(frozen=True)
class AfterLastIndexToken:
    """``/-`` as the last token: the position after the last list item."""


@dataclass(frozen=True)
class MatchingIndexToken:
    """``/name=value``: the one list item that is a map with that string value."""

    key: str
    value: str
    optional: bool = False
    modifiers: tuple[Modifier, ...] = ()


Token = KeyToken | IndexToken | AfterLastIndexToken | MatchingIndexToken

_GO_TOKEN_TYPES: dict[type, str] = {
    KeyToken: "patch.KeyToken",
    IndexToken: "patch.IndexToken",
    AfterLastIndexToken: "patch.AfterLastIndexToken",
    MatchingIndexToken: "patch.MatchingIndexToken",
}

_DECODE = {"~0": "~", "~1": "/", "~7": ":"}
_ENCODE = {"~": "~0", "/": "~1", ":": "~7"}
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


def _unescape(text: str) -> str:
    return re.sub("~[017]", lambda m: _DECODE[m.group()], text)


def _escape(text: str) -> str:
    return re.sub("[~/:]", lambda m: _ENCODE[m.group()], text)


@dataclass(frozen=True)
class Pointer:
    """A parsed path; ``tokens`` excludes the root token."""

    tokens: tuple[Token, ...]

    def prefix(self, count: int) -> Pointer:
        """The pointer made of the first ``count`` tokens after the root."""
        return Pointer(self.tokens[:count])

    def __str__(self) -> str:
        parts = [""]
        marked = False  # only the first optional token shows its "?"
        for token in self.tokens:
            mark = not marked and getattr(token, "optional", False)
            marked = marked or mark
            parts.append(_token_text(token, mark))
        return "/".join(parts)


def _token_text(token: Token, mark: bool) -> str:
    """One token as written in a path; ``mark`` adds the ``?`` of optionality."""
    question = "?" if mark else ""
    match token:
        case IndexToken(index, modifiers):
            return f"{index}{_suffixes(modifiers)}"
        case AfterLastIndexToken():
            return "-"
        case MatchingIndexToken(key, value, _, modifiers):
            return f"{_escape(key)}={_escape(value)}{question}{_suffixes(modifiers)}"
        case KeyToken(key, _):
            return _escape(key) + question
    raise AssertionError(token)


def _suffixes(modifiers: tuple[Modifier, ...]) -> str:
    return "".join(m.suffix for m in modifiers)


class PointerError(Exception):
    """A path that is not a valid go-patch pointer."""


def parse_pointer(text: str) -> Pointer:
    """Parse a go-patch path such as ``/list/name=a?/v``; raises PointerError."""
    if text == "":
        return Pointer(())
    if not text.startswith("/"):
        raise PointerError("Expected to start with '/'")
    pieces = text.split("/")[1:]
    tokens: list[Token] = []
    optional = False
    for number, piece in enumerate(pieces):
        name, *suffixes = piece.split(":")
        modifiers = _parse_modifiers(suffixes)
        token_text = _unescape(name)
        if number == len(pieces) - 1 and token_text == "-":
            if modifiers:
                raise PointerError("Expected not to find any modifiers with after last index token")
            tokens.append(AfterLastIndexToken())
            continue
        index = _go_atoi(token_text)
        if index is not None:
            tokens.append(IndexToken(index, modifiers))
            continue
        optional = optional or token_text.endswith("?")
        tokens.append(_named_token(token_text, optional, modifiers))
    return Pointer(tuple(tokens))


def _parse_modifiers(suffixes: list[str]) -> tuple[Modifier, ...]:
    for suffix in suffixes:
        if suffix not in _MODIFIERS:
            # the library names the first suffix, whichever one is wrong
            raise PointerError(
                "Expected to find one of the following modifiers: 'prev', 'next', 'before', "
                f"or 'after' but found '{suffixes[0]}'"
            )
    return tuple(_MODIFIERS[s] for s in suffixes)


def _named_token(text: str, optional: bool, modifiers: tuple[Modifier, ...]) -> Token:
    key, equals, value = text.partition("=")
    if equals:
        return MatchingIndexToken(key, value.removesuffix("?"), optional, modifiers)
    if modifiers:
        raise PointerError("Expected not to find any modifiers with key token")
    return KeyToken(text.removesuffix("?"), optional)


def _go_atoi(text: str) -> int | None:
    """Go's ``strconv.Atoi``: optional sign, ASCII digits, 64-bit range."""
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        return None
    number = int(text)
    return number if _INT64_MIN <= number <= _INT64_MAX else None


# ---------------------------------------------------------------------------
# Errors raised while applying operations
# ---------------------------------------------------------------------------


class PatchError(Exception):
    """A go-patch failure; ``str()`` is the library's message."""


class MissingIndexError(PatchError):
    def __init__(self, index: int, length: int, path: Pointer) -> None:
        super().__init__(
            f"Expected to find array index '{index}' but found array of length '{length}' "
            f"for path '{path}'"
        )
        self.path = path


class MissingMapKeyError(PatchError):
    def __init__(self, key: str, path: Pointer, mapping: dict[Any, Any]) -> None:
        super().__init__(
            f"Expected to find a map key '{key}' for path '{path}' ({_sibling_keys(mapping)})"
        )
        self.path = path


def _sibling_keys(mapping: dict[Any, Any]) -> str:
    if not mapping:
        return "found no other map keys"
    keys = sorted(k for k in mapping if isinstance(k, str))
    return "found map keys: '" + "', '".join(keys) + "'"


def _mismatch(kind: str, path: Pointer, found: object) -> PatchError:
    return PatchError(f"Expected to find {kind} at path '{path}' but found '{_go_type(found)}'")


def _go_type(value: object) -> str:
    """The Go type (``%T``) of a decoded YAML value."""
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "uint64" if value > _INT64_MAX else "int"
    if isinstance(value, float):
        return "float64"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "[]interface {}"
    if isinstance(value, dict):
        return "map[interface {}]interface {}"
    return type(value).__name__


# ---------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------


def deep_equal(left: object, right: object) -> bool:
    """Go's ``reflect.DeepEqual`` on decoded YAML (``True`` is not ``1``)."""
    if _go_type(left) != _go_type(right):
        return False
    if isinstance(left, dict) and isinstance(right, dict):
        return len(left) == len(right) and all(
            key in right and deep_equal(item, right[key]) for key, item in left.items()
        )
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(deep_equal, left, right))
    return left == right


def clone_value(value: object) -> object:
    """A deep copy, as the library's YAML round trip makes it."""
    if isinstance(value, dict):
        return {_clone_key(key): clone_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clone_value(item) for item in value]
    if isinstance(value, float):
        return _reread_float(value)
    return value


def _clone_key(key: object) -> object:
    if type(key) is TypedKey and type(key.value) is float:
        number = _reread_float(key.value)
        return number if isinstance(number, int) else key
    return key


def _reread_float(number: float) -> int | float:
    """Go writes floats with ``%g`` (shortest): whole ones below 1e6 read back as ints."""
    if math.isfinite(number) and number.is_integer() and abs(number) < 1e6:
        return int(number)
    return number


# ---------------------------------------------------------------------------
# Walking lists and maps
# ---------------------------------------------------------------------------

Setter = Callable[[object], None]


def _expect_list(obj: object, path: Pointer) -> list[Any]:
    if not isinstance(obj, list):
        raise _mismatch("an array", path, obj)
    return obj


def _expect_map(obj: object, path: Pointer) -> dict[Any, Any]:
    if not isinstance(obj, dict):
        raise _mismatch("a map", path, obj)
    return obj


def _item_setter(items: list[Any], index: int) -> Setter:
    def update(value: object) -> None:
        items[index] = value

    return update


def _key_setter(mapping: dict[Any, Any], key: str) -> Setter:
    def update(value: object) -> None:
        mapping[key] = value

    return update


def _matching_indexes(items: list[Any], token: MatchingIndexToken) -> list[int]:
    return [
        number
        for number, item in enumerate(items)
        if isinstance(item, dict)
        and isinstance(item.get(token.key), str)
        and item[token.key] == token.value
    ]


def _single_match(indexes: list[int], path: Pointer) -> int:
    if len(indexes) != 1:
        raise PatchError(
            f"Expected to find exactly one matching array item for path '{path}' "
            f"but found {len(indexes)}"
        )
    return indexes[0]


def _concrete_index(
    index: int, modifiers: tuple[Modifier, ...], items: list[Any], path: Pointer
) -> int:
    """Apply ``:prev``/``:next``, check bounds and resolve a negative index."""
    for modifier in modifiers:
        if modifier is Modifier.PREV:
            index -= 1
        elif modifier is Modifier.NEXT:
            index += 1
        else:
            raise PatchError(
                "Expected to find one of the following modifiers: 'prev', 'next', "
                f"but found modifier '{modifier.value}'"
            )
    if index >= len(items) or -index - 1 >= len(items):
        raise MissingIndexError(index, len(items), path)
    return index + len(items) if index < 0 else index


@dataclass(frozen=True)
class _Insertion:
    position: int
    insert: bool  # False: replace the item at ``position``

    def update(self, items: list[Any], value: object) -> list[Any]:
        if self.insert:
            return [*items[: self.position], value, *items[self.position :]]
        items[self.position] = value
        return items


def _insertion(
    index: int, modifiers: tuple[Modifier, ...], items: list[Any], path: Pointer
) -> _Insertion:
    """Where a replace at a list position puts its value (``:before``/``:after``)."""
    placement: Modifier | None = None
    moves: list[Modifier] = []
    for modifier in modifiers:
        if placement is not None:
            raise PatchError(
                f"Expected to not find any modifiers after '{placement.name.lower()}' modifier, "
                f"but found modifier '{modifier.value}'"
            )
        if modifier in (Modifier.BEFORE, Modifier.AFTER):
            placement = modifier
        else:
            moves.append(modifier)
    position = _concrete_index(index, tuple(moves), items, path)
    if placement is Modifier.AFTER:
        position += 1
    return _Insertion(position, placement is not None)


def _without(items: list[Any], index: int) -> list[Any]:
    return [*items[:index], *items[index + 1 :]]


# ---------------------------------------------------------------------------
# Operations
# ---------------------------------------------------------------------------


class Operation(ABC):
    """One go-patch operation."""

    @abstractmethod
    def apply(self, doc: object) -> object:
        """Return the patched document (may change ``doc``); raise PatchError."""


class _Root:
    """Holds the document so that the root can be replaced like any slot."""

    def __init__(self, doc: object) -> None:
        self.doc = doc

    def set(self, value: object) -> None:
        self.doc = value


@dataclass(frozen=True)
class ReplaceOp(Operation):
    """``type: replace``: set, insert or append a (copied) value."""

    path: Pointer
    value: object

    def apply(self, doc: object) -> object:
        value = clone_value(self.value)
        tokens = self.path.tokens
        if not tokens:
            return value
        root = _Root(doc)
        obj, update = doc, root.set
        for number, token in enumerate(tokens):
            here = self.path.prefix(number + 1)
            last = number == len(tokens) - 1
            match token:
                case IndexToken(index, modifiers):
                    items = _expect_list(obj, here)
                    if last:
                        update(_insertion(index, modifiers, items, here).update(items, value))
                    else:
                        index = _concrete_index(index, modifiers, items, here)
                        obj, update = items[index], _item_setter(items, index)
                case AfterLastIndexToken():
                    items = _expect_list(obj, here)
                    if not last:
                        raise PatchError(
                            f"Expected after last index token to be last in path '{self.path}'"
                        )
                    update([*items, value])
                case MatchingIndexToken():
                    obj = self._matching(token, _expect_list(obj, here), here, last, value, update)
                case KeyToken(key, optional):
                    mapping = _expect_map(obj, here)
                    if key not in mapping and not optional:
                        raise MissingMapKeyError(key, here, mapping)
                    if last:
                        mapping[key] = value
                    else:
                        if key not in mapping:
                            mapping[key] = self._container_for(number + 1)
                        obj, update = mapping[key], _key_setter(mapping, key)
        return root.doc

    @staticmethod
    def _matching(
        token: MatchingIndexToken,
        items: list[Any],
        here: Pointer,
        last: bool,
        value: object,
        update: Setter,
    ) -> object:
        """Handle ``key=value``; return the item to walk into (not used when last)."""
        indexes = _matching_indexes(items, token)
        if token.optional and not indexes:
            created = value if last else {token.key: token.value}
            update([*items, created])
            return created
        index = _single_match(indexes, here)
        if last:
            update(_insertion(index, token.modifiers, items, here).update(items, value))
            return value
        # the list's own setter stays in use: a matched item is always a map
        return items[_concrete_index(index, token.modifiers, items, here)]

    def _container_for(self, following: int) -> object:
        """The empty map or list a missing optional key gets before the next token."""
        match self.path.tokens[following]:
            case AfterLastIndexToken() | MatchingIndexToken():
                return []
            case KeyToken():
                return {}
        raise PatchError(
            "Expected to find key, matching index or after last index token "
            f"at path '{self.path.prefix(following + 1)}'"
        )


@dataclass(frozen=True)
class RemoveOp(Operation):
    """``type: remove``; a missing optional target makes it a no-op."""

    path: Pointer

    def apply(self, doc: object) -> object:
        tokens = self.path.tokens
        if not tokens:
            raise PatchError("Cannot remove entire document")
        root = _Root(doc)
        obj, update = doc, root.set
        for number, token in enumerate(tokens):
            here = self.path.prefix(number + 1)
            last = number == len(tokens) - 1
            match token:
                case IndexToken(index, modifiers):
                    items = _expect_list(obj, here)
                    index = _concrete_index(index, modifiers, items, here)
                    if last:
                        update(_without(items, index))
                    else:
                        obj, update = items[index], _item_setter(items, index)
                case MatchingIndexToken():
                    items = _expect_list(obj, here)
                    indexes = _matching_indexes(items, token)
                    if token.optional and not indexes:
                        return doc
                    index = _single_match(indexes, here)
                    index = _concrete_index(index, token.modifiers, items, here)
                    if last:
                        update(_without(items, index))
                    else:
                        obj = items[index]
                case KeyToken(key, optional):
                    mapping = _expect_map(obj, here)
                    if key not in mapping:
                        if optional:
                            return doc
                        raise MissingMapKeyError(key, here, mapping)
                    if last:
                        del mapping[key]
                    else:
                        obj, update = mapping[key], _key_setter(mapping, key)
                case _:
                    raise PatchError(
                        f"Expected to not find token '{_GO_TOKEN_TYPES[type(token)]}' "
                        f"at path '{here}'"
                    )
        return root.doc


def find_value(doc: object, path: Pointer) -> object:
    """The library's FindOp: the value at ``path`` (``None`` for a missing optional key)."""
    obj = doc
    tokens = path.tokens
    for number, token in enumerate(tokens):
        here = path.prefix(number + 1)
        last = number == len(tokens) - 1
        match token:
            case IndexToken(index, modifiers):
                items = _expect_list(obj, here)
                obj = items[_concrete_index(index, modifiers, items, here)]
            case AfterLastIndexToken():
                raise PatchError(
                    f"Expected not to find after last index token in path '{path}' "
                    "(not supported in find operations)"
                )
            case MatchingIndexToken():
                items = _expect_list(obj, here)
                indexes = _matching_indexes(items, token)
                if token.optional and not indexes:
                    obj = {token.key: token.value}
                else:
                    index = _single_match(indexes, here)
                    obj = items[_concrete_index(index, token.modifiers, items, here)]
            case KeyToken(key, optional):
                mapping = _expect_map(obj, here)
                if key not in mapping and not optional:
                    raise MissingMapKeyError(key, here, mapping)
                obj = mapping.get(key)
                if key not in mapping and not last:
                    obj = _find_container(path, number + 1)
    return obj


def _find_container(path: Pointer, following: int) -> object:
    match path.tokens[following]:
        case MatchingIndexToken():
            return []
        case KeyToken():
            return {}
    raise PatchError(
        f"Expected to find key or matching index token at path '{path.prefix(following + 1)}'"
    )


@dataclass(frozen=True)
class TestOp(Operation):
    """``type: test``: check a value, or with ``absent`` that nothing is there."""

    __test__ = False  # not a pytest test class

    path: Pointer
    value: object = None
    absent: bool = False

    def apply(self, doc: object) -> object:
        if self.absent:
            self._check_absence(doc)
        elif not deep_equal(find_value(doc, self.path), self.value):
            raise PatchError("Found value does not match expected value")
        return doc

    def _check_absence(self, doc: object) -> None:
        try:
            find_value(doc, self.path)
        except (MissingIndexError, MissingMapKeyError) as error:
            if str(error.path) == str(self.path):
                return
            raise
        raise PatchError(f"Expected to not find '{self.path}'")


@dataclass(frozen=True)
class DescriptiveOp(Operation):
    """An operation with an ``error`` field: its message prefixes failures."""

    op: Operation
    message: str

    def apply(self, doc: object) -> object:
        try:
            return self.op.apply(doc)
        except PatchError as error:
            raise PatchError(f"Error '{self.message}': {error}") from None


# ---------------------------------------------------------------------------
# Operation definitions (the YAML file)
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def parse_operations(data: object, name: str, source: str | None = None) -> list[Operation]:
    """Read the loaded root of a go-patch file into operations.

    ``source`` (the file's text, optional) only supplies line numbers for the
    ``Tried parsing it as go-patch`` message; without it they print as ``?``.
    Messages end with ``\\n\\n`` so that ``GraftError.report()`` prints graft's
    two blank lines.
    """
    decoder = _Decoder(_LineFinder(source))
    definitions = decoder.decode(data)
    if decoder.errors:
        reason = "yaml: unmarshal errors:\n  " + "\n  ".join(decoder.errors)
        raise GraftError(
            f"{name}: Root of YAML document is not a hash/map. "
            f"Tried parsing it as go-patch, but got: {reason}\n\n"
        )
    try:
        return [_operation(number, d) for number, d in enumerate(definitions)]
    except _DefinitionError as error:
        raise GraftError(f"{name}: @R{{Unable to parse go-patch definitions: {error}\n\n") from None


def apply_operations(tree: dict[Any, Any], ops: list[Operation]) -> dict[Any, Any]:
    """Apply ``ops`` in order (``tree`` may change); raise MergeFailed on failure."""
    doc: object = tree
    try:
        for op in ops:
            doc = op.apply(doc)
    except PatchError as error:
        raise MergeFailed(str(error)) from None
    if not isinstance(doc, dict):
        raise MergeFailed("go-patch operations resulted in non-map data")
    return doc
