"""``(( nats "kv:STORE/KEY" [CONFIG] ))`` and ``(( nats "obj:BUCKET/NAME" [CONFIG] ))``:
values from NATS JetStream stores (docs/operators.md#nats; D5, D6).
"""

from __future__ import annotations

import base64
import os

from graft.expr.ast import Call
from graft.gofmt import parse_duration
from graft.operators import register
from graft.operators.base import Operator, OpError

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

_YAML_TYPES = {"text/yaml", "text/x-yaml", "application/x-yaml", "application/yaml"}
_JSON_TYPES = {"application/json", "text/json"}


def duration(text: str) -> float:
    """Go's duration syntax in seconds, or graft's error."""
    try:
        return parse_duration(text)
    except ValueError as error:
        raise OpError(str(error)) from None


def parse_path(text: str) -> tuple[str, str, str]:
    """(kind, store, key) of ``kv:store/key`` or ``obj:bucket/object``."""
    kind, colon, rest = text.partition(":")
    if not colon:
        raise OpError("invalid NATS path format, expected 'kv:store/key' or 'obj:bucket/object'")
    kind = kind.lower()
    if kind not in ("kv", "obj"):
        raise OpError(f"invalid store type '{kind}', must be 'kv' or 'obj'")
    if not rest:
        raise OpError("empty path after store type")
    store, slash, key = rest.partition("/")
    if not slash or not store or not key:
        if kind == "kv":
            raise OpError("invalid KV path format, expected 'store/key'")
        raise OpError("invalid Object path format, expected 'bucket/object'")
    return kind, store, key


def settings(config: Any, target: str | None) -> Any:
    from graft.sources.nats import Settings

    def env(name: str, default: str) -> str:
        if target:
            value = os.environ.get(f"NATS_{target.upper().replace('-', '_')}_{name}")
            if value:
                return value
        return os.environ.get(f"NATS_{name}") or default

    values = {
        "url": env("URL", "nats://127.0.0.1:4222"),
        "timeout": env("TIMEOUT", "5s"),
        "retries": env("RETRIES", "3"),
        "retry_interval": env("RETRY_INTERVAL", "1s"),
        "retry_backoff": env("RETRY_BACKOFF", "2.0"),
        "max_retry_interval": env("MAX_RETRY_INTERVAL", "30s"),
    }
    if type(config) is str:
        values["url"] = config
    elif type(config) is dict:
        values.update({str(k): v for k, v in config.items() if str(k) in values})
    elif config is not None:
        raise OpError("second argument must be URL string or configuration map")
    try:
        return Settings(
            url=str(values["url"]),
            timeout=duration(str(values["timeout"])),
            retries=int(values["retries"]),
            interval=duration(str(values["retry_interval"])),
            backoff=float(values["retry_backoff"]),
            max_interval=duration(str(values["max_retry_interval"])),
        )
    except ValueError as error:
        raise OpError(f"invalid NATS configuration: {error}") from None


def decode_kv(data: bytes) -> Any:
    text = data.decode("utf-8", "surrogateescape")
    if not text:
        return ""
    if "\n" in text.strip():
        return _yaml_or_text(text)
    return text


def decode_object(data: bytes, content_type: str, name: str) -> Any:
    kind = content_type.split(";")[0].strip().lower()
    text = data.decode("utf-8", "surrogateescape")
    if kind in _YAML_TYPES or kind in _JSON_TYPES:
        return _parsed(text, name, "YAML" if kind in _YAML_TYPES else "JSON")
    if kind == "text/plain":
        return text
    if not kind:
        return _yaml_or_text(text) if name.endswith((".yaml", ".yml")) else text
    return base64.b64encode(data).decode("ascii")


def _parsed(text: str, name: str, what: str) -> Any:
    """An object its content type says is YAML or JSON: parsed, or graft's error."""
    from graft.yamlio.load import LoadError, load_document

    try:
        value = load_document(text.encode("utf-8", "surrogateescape"), name)
    except LoadError as error:
        detail = error.message.strip().split("failed to parse YAML: ", 1)[-1]
        raise OpError(f"failed to parse {what} from object '{name}': {detail}") from None
    return text if value is None or type(value) is str else value


def _yaml_or_text(text: str) -> Any:
    from graft.yamlio.load import LoadError, load_document

    try:
        value = load_document(text.encode("utf-8", "surrogateescape"), "nats")
    except LoadError:
        return text
    return text if value is None or type(value) is str else value


class Nats(Operator):
    name = "nats"
    io_bound = True

    def run(self, ctx: Any, call: Call) -> Any:
        if not call.args:
            raise OpError("nats operator requires at least one argument")
        if len(call.args) > 2:
            raise OpError("nats operator requires one or two arguments")
        path = ctx.value(call.args[0])
        if type(path) is not str:
            raise OpError("first argument to nats operator must be a string")
        kind, store, key = parse_path(path)
        config = ctx.value(call.args[1]) if len(call.args) > 1 else None
        options = settings(config, call.target)
        if os.environ.get("REDACT"):
            return "REDACTED"
        from graft.extras import MissingExtra, require

        try:
            require("nats", "nats")
        except MissingExtra as error:
            raise OpError(error.message) from None
        from graft.sources.nats import NatsError, client

        nats = client(ctx.state, options)
        try:
            if kind == "kv":
                return decode_kv(nats.kv(store, key))
            data, content_type = nats.obj(store, key)
            return decode_object(data, content_type, key)
        except NatsError as error:
            raise OpError(error.message) from None


register(Nats())
