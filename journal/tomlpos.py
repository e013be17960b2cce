"""Where a value sits in TOML text: the line and column of `messages[2].at`, for errors.

The TOML parser reports positions only for syntax errors; a value that parses but does not
validate (a wrong type, a moment without offset) is found here, from the path the codec was
reading when it refused it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Where = tuple[str | int, ...]
"""A path into a parsed file: keys and array indexes, e.g. `("messages", 2, "at")`."""


class Locator:
    """Finds the line of a value in TOML text, for error messages.

    Arrays of tables (`[[messages]]`) are counted so `messages[2].at` finds the `at` line
    of the third message; values inside inline tables point at their table's key line.
    """

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\- ]+?)\s*\]\]?\s*(?:#.*)?$")
    _KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self._outside: list[bool] = []
        self._sections: list[tuple[Where, int, int]] | None = None

    # Strings and comments, so that a `[header]` inside a multi-line string is not taken for
    # a header. Possessive runs keep a multi-megabyte string fast to skip.
    _TOKENS = re.compile(
        r'"""(?:[^\\"]++|\\[\s\S]|"(?!""))*+(?:"""(?:""?)?)?'
        r"|'''(?:[^']++|'(?!''))*+(?:'''(?:''?)?)?"
        r'|"(?:[^"\\\n]++|\\.)*+"?'
        r"|'[^'\n]*+'?"
        r"|#[^\n]*+"
    )

    _HEADER_START = re.compile(r"^[ \t]*\[", re.MULTILINE)

    def _line_counter(self) -> Callable[[int], int]:
        """A function giving the 0-based line of a position; positions must not decrease."""
        state = [0, 0]  # position, line

        def line_of(position: int) -> int:
            state[1] += self.text.count("\n", state[0], position)
            state[0] = position
            return state[1]

        return line_of

    def _outside_strings(self) -> list[bool]:
        """For each line, whether it starts outside any multi-line string."""
        starts = [True] * len(self.lines)
        line_of = self._line_counter()
        for token in self._TOKENS.finditer(self.text):
            if token[0][0] not in "\"'" or "\n" not in token[0]:
                continue
            first = line_of(token.start()) + 1
            last = line_of(token.end()) + 1
            starts[first:last] = [False] * (last - first)
        return starts

    def _scan(self) -> list[tuple[Where, int, int]]:
        sections: list[tuple[Where, int, int]] = []
        counters: dict[tuple[str, ...], int] = {}
        current: dict[tuple[str, ...], int] = {}
        start = 0
        path: Where = ()  # the top table; then the path of each header in turn
        self._outside = self._outside_strings()
        line_of = self._line_counter()
        for number in (line_of(m.start()) for m in self._HEADER_START.finditer(self.text)):
            line = self.lines[number]
            header = self._HEADER.match(line) if self._outside[number] else None
            if not header:
                continue
            sections.append((path, start, number))
            names = tuple(part.strip() for part in header[2].split("."))
            where: list[str | int] = []
            for depth in range(1, len(names) + 1):
                prefix = names[:depth]
                where.append(prefix[-1])
                if depth == len(names) and header[1] == "[[":
                    counters[prefix] = counters.get(prefix, -1) + 1
                    current[prefix] = counters[prefix]
                    for other in list(counters):
                        if len(other) > depth and other[:depth] == prefix:
                            del counters[other]
                if prefix in current and (depth < len(names) or header[1] == "[["):
                    where.append(current[prefix])
            start, path = number, tuple(where)
        sections.append((path, start, len(self.lines)))
        return sections

    def find(self, where: Where) -> tuple[int | None, int | None]:
        """1-based (line, col) of the value at `where`, or of its nearest enclosing table."""
        if self._sections is None:
            self._sections = self._scan()
        for cut in range(len(where), -1, -1):
            section = where[:cut]
            for path, start, end in self._sections:
                if path != section:
                    continue
                key = where[cut] if cut < len(where) else None
                if isinstance(key, str):
                    for number in range(start, end):
                        line = self.lines[number]
                        match = self._KEY.match(line) if self._outside[number] else None
                        if match and match[1] == key and not (number == start and path):
                            return number + 1, line.index("=") + 2
                return (start + 1, 1) if path else (None, None)
        return None, None
