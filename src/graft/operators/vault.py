"""``(( vault ... ))`` and ``(( vault-try ... ))``: secrets from Vault (docs/operators.md#vault,
#vault-try; D5, D6, D7).

The arguments build one or more ``path:key`` strings; each is read in turn
and the first that resolves wins; a default after ``||`` is used when every
path was not found. With ``REDACT`` set, or under ``graft vaultinfo``, nothing
is contacted and the result is ``REDACTED``.
"""

from __future__ import annotations

import os

from graft.expr.ast import Alternatives, Call, Choice, Group, Literal, Node
from graft.gofmt import go_str
from graft.operators import register
from graft.operators.base import Operator, OpError

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

REDACTED = "REDACTED"


def _component(ctx: Any, node: Node) -> str:
    value = ctx.value(node)
    if value is None:
        raise OpError("cannot use nil as vault path component")
    if type(value) in (dict, list):
        kind = "map" if type(value) is dict else "list"
        text = getattr(node, "text", go_str(value))
        raise OpError(f"$.{text} is a {kind}; only scalars are supported for vault paths")
    return go_str(value)


def _is_path_literal(node: Node) -> bool:
    return type(node) is Literal and type(node.value) is str and ":" in node.value


def plan_paths(ctx: Any, args: list[Node]) -> tuple[list[str], list[Node]]:
    """(paths to try, default alternatives) of a ``vault`` call."""
    if not any(type(a) is Alternatives for a in args) and sum(map(_is_path_literal, args)) >= 2:
        # multi-path mode: each argument is a path of its own (a reference among
        # them is resolved to its text), the last one a default unless it is a path
        paths, defaults = (args, []) if _is_path_literal(args[-1]) else (args[:-1], [args[-1]])
        return [a.value if type(a) is Literal else _component(ctx, a) for a in paths], defaults
    defaults: list[Node] = []
    parts = []
    for arg in args:
        if type(arg) is Alternatives:
            defaults = arg.options[1:]
            arg = arg.options[0]
        parts.append(arg)
    try:
        texts = [""]
        for part in parts:
            texts = [t + choice for t in texts for choice in _choices(ctx, part)]
    except OpError:
        if defaults:
            return [], defaults  # the path cannot be built: the default stands in
        raise
    paths = [p.strip() for text in texts for p in text.split(";") if p.strip()]
    return paths, defaults


def _choices(ctx: Any, node: Node) -> list[str]:
    """The texts a path part can take: one, or one per ``( a | b )`` choice that
    resolves, in order (D7)."""
    if type(node) is Choice:
        found: list[str] = []
        error: OpError | None = None
        for option in node.options:
            try:
                found.extend(_choices(ctx, option))
            except OpError as failure:
                error = failure
        if not found and error is not None:
            raise error
        return found
    if type(node) is Group:
        texts = [""]
        for part in node.parts:
            texts = [t + choice for t in texts for choice in _choices(ctx, part)]
        return texts
    return [_component(ctx, node)]


def _not_a_path(path: str) -> OpError:
    return OpError(f"invalid argument {path}; must be in the form path/to/secret:key")


def split_path(path: str) -> tuple[str, str]:
    secret, _, key = path.rpartition(":")
    if not secret or not key:
        raise _not_a_path(path)
    return secret, key


def lookup(ctx: Any, path: str, target: str | None) -> str:
    """The string at ``path`` (``secret/path:key``)."""
    from graft.sources.vault import VaultError, client

    secret, key = split_path(path)
    try:
        data = client(ctx.state, target).secret(secret)
    except VaultError as error:
        if error.not_found:
            raise NotFound(f"secret {path} not found") from None
        raise OpError(error.message) from None
    if key not in data:
        raise NotFound(f"secret {path} not found")
    value = data[key]
    if type(value) is not str:
        raise OpError(f"secret {path} is not a string")
    return value


class NotFound(OpError):
    """A secret or key that does not exist: the next path, or the default, is tried."""


def redacting() -> bool:
    """``REDACT`` is set: answer ``REDACTED`` without contacting Vault (D5)."""
    return bool(os.environ.get("REDACT"))


def record(ctx: Any, path: str) -> None:
    """Under ``graft vaultinfo``: note that this site reads ``path``."""
    with ctx.state.lock:
        ctx.state.vaultinfo.setdefault(path, set()).add(ctx.here)


def prefetch_keys(ctx: Any, call: Call) -> list[tuple[Any, ...]]:
    """The secret the first path of a vault call reads (for ``GRAFT_BATCH``)."""
    if ctx.state.recording or redacting():
        return []
    try:
        paths, _ = plan_paths(ctx, call.args)
        secret = split_path(paths[0])[0] if paths else None
    except OpError:
        return []
    return [("vault", call.target, secret)] if secret else []


class Vault(Operator):
    name = "vault"
    verified_safe = True
    io_bound = True

    def prefetch(self, ctx: Any, call: Call) -> list[tuple[Any, ...]]:
        return prefetch_keys(ctx, call)

    def run(self, ctx: Any, call: Call) -> Any:
        if not call.args:
            raise OpError("vault operator requires at least one argument")
        paths, defaults = plan_paths(ctx, call.args)  # an argument's error stands (as in graft)
        if ctx.state.recording:
            if paths:
                split_path(paths[0])
                record(ctx, paths[0])
            return REDACTED
        if redacting():
            return REDACTED
        error: OpError | None = None
        for path in paths:
            try:
                return lookup(ctx, path, call.target)
            except NotFound as failure:
                error = failure
            except OpError as failure:
                if len(paths) == 1:
                    raise
                error = failure
        if defaults and (error is None or isinstance(error, NotFound)):
            try:
                return ctx.first(defaults)
            except OpError as failure:
                raise OpError(f"unable to evaluate default value: {failure.message}") from None
        if error is None:  # the path is empty (`(( vault "" ))`)
            raise _not_a_path("")
        raise error


class VaultTry(Operator):
    name = "vault-try"
    io_bound = True

    def prefetch(self, ctx: Any, call: Call) -> list[tuple[Any, ...]]:
        return prefetch_keys(ctx, call)

    def run(self, ctx: Any, call: Call) -> Any:
        if len(call.args) < 2:
            raise OpError(
                "vault-try operator requires at least 2 arguments "
                "(one or more vault paths, followed by a default value)"
            )
        if redacting() and not ctx.state.recording:
            return REDACTED
        for arg in call.args[:-1]:
            try:
                path = ctx.value(arg)
            except OpError:
                continue
            if type(path) is not str or path.count(":") != 1 or not path:
                continue
            if ctx.state.recording:
                record(ctx, path)
                return REDACTED
            try:
                return lookup(ctx, path, call.target)
            except OpError:
                continue
        return ctx.value(call.args[-1])


register(Vault())
register(VaultTry())
