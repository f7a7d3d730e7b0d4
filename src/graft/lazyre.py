"""Regular expressions compiled when first used.

Compiling a pattern costs 0.1-0.5 ms; a module that compiled all of its patterns
at import made a three-line ``graft merge`` pay for patterns it never uses (the
layouts of numbers that decide quoting). ``lazy(pattern)`` stands for
``re.compile(pattern)`` and compiles on the first call of one of its methods.
Each call goes through one more Python call (about 0.2 us), so patterns used for
every value or every operator stay compiled at import.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class lazy:  # lower case: it stands in for re.compile
    """A pattern compiled on first use; the methods are ``re.Pattern``'s."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        found = self._compiled
        if found is None:
            found = self._compiled = re.compile(self.pattern, self.flags)
        return found

    def match(self, text: str, *args: Any) -> re.Match[str] | None:
        return self.compiled().match(text, *args)

    def fullmatch(self, text: str, *args: Any) -> re.Match[str] | None:
        return self.compiled().fullmatch(text, *args)

    def search(self, text: str, *args: Any) -> re.Match[str] | None:
        return self.compiled().search(text, *args)

    def findall(self, text: str, *args: Any) -> list[Any]:
        return self.compiled().findall(text, *args)

    def finditer(self, text: str, *args: Any) -> Any:
        return self.compiled().finditer(text, *args)

    def sub(self, replacement: Any, text: str, count: int = 0) -> str:
        return self.compiled().sub(replacement, text, count)

    def split(self, text: str, maxsplit: int = 0) -> list[Any]:
        return self.compiled().split(text, maxsplit)
