"""``graft json``: every YAML document of every input as a line of JSON (README, "graft json").

Inputs are the files, then piped standard input; each is cut into documents
on ``\\n---\\n`` and read with the legacy (YAML 1.1) rules. Every document is
converted before anything is printed.
"""

from __future__ import annotations

from collections.abc import Callable

from graft.documents import Stdin, read_file, split_documents
from graft.errors import GraftError
from graft.yamlio.jsonout import UnsupportedValue, has_non_string_keys, to_json
from graft.yamlio.load import LoadError, load_document


def _read_yaml(chunk: bytes, name: str) -> object:
    try:
        return load_document(chunk, name, legacy=True)
    except LoadError as error:
        detail = error.message.split("parse_error: failed to parse YAML: ", 1)[-1].rstrip("\n")
        line = detail.split(",", 1)[0] if detail.startswith("line ") else ""
        problem = detail.split(": ", 1)[-1] if line else detail
        where = f"yaml: {line}: " if line else "yaml: "
        raise GraftError(f"{name}: unmarshal []byte to yaml failed: {where}{problem}") from None


def json_lines(
    files: list[str], *, strict: bool, stdin: Stdin, warn: Callable[[str], None]
) -> list[str]:
    # `-` is standard input (empty once read); piped input is read again at the end
    inputs = [(name, stdin.stream.read() if name == "-" else read_file(name)) for name in files]
    if stdin.is_piped():
        inputs.append(("-", stdin.stream.read()))
    lines = []
    for name, data in inputs:
        for i, chunk in enumerate(split_documents(data)):
            label = f"{name}[{i}]"
            value = _read_yaml(chunk, label)
            if value is None:
                continue  # an empty document writes nothing
            if type(value) is not dict:
                raise GraftError(
                    f"{label}: Root of YAML document is not a hash/map: "
                    "type assertion to map[interface]interface{} failed",
                    trailer="\n",
                )
            if strict and has_non_string_keys(value):
                raise GraftError(f"{label}: Non-string keys found during strict JSON conversion")
            try:
                lines.append(to_json(value, warn))
            except UnsupportedValue as error:
                raise GraftError(f"{label}: {error}") from None
    return lines
