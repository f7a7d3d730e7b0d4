"""Walks over parsed expressions: the paths they read."""

from __future__ import annotations

from graft.expr.ast import (
    Alternatives,
    Binary,
    Call,
    Choice,
    Group,
    Literal,
    Node,
    Not,
    Ref,
    Ternary,
)
from graft.expr.refs import expand_env

Path = tuple


def references(node: Node) -> list[Path]:
    """Paths of the references in a node: arguments, nested calls, both sides of
    ``||`` (the right side only when the left is not a non-null literal)."""
    found: list[Path] = []
    if type(node) is Call:  # the common case: references and literals as arguments
        for arg in node.args:
            kind = type(arg)
            if kind is Ref:
                found.append(expand_env(arg.segments) if arg.dynamic else arg.segments)
            elif kind is not Literal:
                found.clear()
                break
        else:
            return found
    stack = [node]
    while stack:
        current = stack.pop()
        if type(current) is Ref:
            found.append(expand_env(current.segments) if current.dynamic else current.segments)
        elif type(current) is Alternatives:
            options = current.options
            if type(options[0]) is Literal and options[0].value is not None:
                options = options[:1]
            stack.extend(options)
        elif type(current) is Binary and current.op == "||":
            left = current.left
            if type(left) is Literal and left.value is not None:
                stack.append(left)
            else:
                stack.extend((current.left, current.right))
        elif type(current) is Call:
            stack.extend(current.args)
        elif type(current) is Choice:
            stack.extend(current.options)
        elif type(current) is Group:
            stack.extend(current.parts)
        elif type(current) is Binary:
            stack.extend((current.left, current.right))
        elif type(current) is Not:
            stack.append(current.operand)
        elif type(current) is Ternary:
            stack.extend((current.condition, current.then, current.otherwise))
    return found
