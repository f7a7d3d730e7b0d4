"""``(( awsparam ... ))`` and ``(( awssecret ... ))``: values from AWS SSM Parameter
Store and Secrets Manager (docs/operators.md#awsparam, #awssecret; D5, D6).

The arguments are joined into ``NAME?QUERY``; ``key=K`` picks a key of a YAML
value, ``stage=`` or ``version=`` a secret's version. With ``REDACT`` set the
result is ``REDACTED`` and AWS is not contacted.
"""

from __future__ import annotations

import os

from graft.expr.ast import Call
from graft.gofmt import go_str
from graft.operators import register
from graft.operators.base import Operator, OpError

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


def _query(text: str) -> dict[str, str]:
    """Go's url.ParseQuery, strictly: a bad escape is an error."""
    import re
    from urllib.parse import parse_qs

    bad = re.search(r"%(?![0-9A-Fa-f]{2})(.{0,2})", text)
    if bad:
        raise OpError(f'invalid argument string: invalid URL escape "%{bad.group(1)}"')
    return {k: v[0] for k, v in parse_qs(text, keep_blank_values=True).items()}


def _require(module: str, user: str) -> None:
    from graft.extras import MissingExtra, require

    try:
        require(module, user)
    except MissingExtra as error:
        raise OpError(error.message) from None


class AwsOperator(Operator):
    io_bound = True

    def run(self, ctx: Any, call: Call) -> Any:
        if not call.args:
            raise OpError(f"{self.name} operator requires at least one argument")
        parts = []
        for arg in call.args:
            value = ctx.value(arg)
            if value is None:
                raise OpError(f"{self.name} operator argument cannot be nil")
            if type(value) in (dict, list):
                kind = "map" if type(value) is dict else "list"
                raise OpError(
                    f"{self.name} operator argument is a {kind}; only scalars are supported here"
                )
            parts.append(go_str(value))
        if os.environ.get("REDACT"):
            return "REDACTED"
        _require("boto3", self.name)
        name, _, query_text = "".join(parts).partition("?")
        query = _query(query_text)
        from graft.sources.aws import AwsError, access

        try:
            text = self.fetch(access(ctx.state, call.target), name, query)
        except AwsError as error:
            raise OpError(f"$.{name} error fetching {self.name}: {error.message}") from None
        if "key" in query:
            return self.key(name, text, query["key"])
        return text

    def fetch(self, aws: Any, name: str, query: dict[str, str]) -> str:
        raise NotImplementedError

    @staticmethod
    def key(name: str, text: str, key: str) -> str:
        from graft.yamlio.load import LoadError, load_document

        try:
            data = load_document(text.encode("utf-8", "surrogateescape"), name, legacy=True)
        except LoadError as error:
            raise OpError(f"$.{name} error extracting key: {error.message.strip()}") from None
        if type(data) is not dict or key not in data:
            raise OpError(f"$.{name} invalid key '{key}'")
        return go_str(data[key])


class AwsParam(AwsOperator):
    name = "awsparam"
    verified_safe = True

    def fetch(self, aws: Any, name: str, query: dict[str, str]) -> str:
        return aws.parameter(name)

    def prefetch(self, ctx: Any, call: Call) -> list[tuple[Any, ...]]:
        """The parameter this call reads (for ``GRAFT_BATCH``)."""
        if os.environ.get("REDACT"):
            return []
        try:
            values = [ctx.value(arg) for arg in call.args]
        except OpError:
            return []
        if not values or any(v is None or type(v) in (dict, list) for v in values):
            return []
        name = "".join(go_str(v) for v in values).partition("?")[0]
        return [("ssm", call.target, name)] if name else []


class AwsSecret(AwsOperator):
    name = "awssecret"
    verified_safe = True

    def fetch(self, aws: Any, name: str, query: dict[str, str]) -> str:
        return aws.secret(name, query.get("stage"), query.get("version"))


register(AwsParam())
register(AwsSecret())
