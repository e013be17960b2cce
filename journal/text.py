"""Showing untrusted text safely, and lining up wide characters in a terminal.

Stored text is never changed; these functions make a display copy where control characters,
escape sequences and bidi overrides become visible placeholders, so a pasted notice can never
move the cursor, retitle the window, write the clipboard or reorder what the user reads.
"""

from __future__ import annotations

import re
import unicodedata

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_BIDI}]")
_CRLF = re.compile(r"\r\n")


def _placeholder(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode control pictures: ESC -> "␛"
    if code == 0x7F:
        return "\u2421"  # "␡"
    return f"<U+{code:04X}>"


def printable(text: str) -> str:
    """A display copy of `text`: CRLF shown as a line break, every other control, escape or
    bidi character as a visible placeholder. Newlines and tabs stay."""
    return _UNSAFE.sub(_placeholder, _CRLF.sub("\n", text))


def one_line(text: str) -> str:
    """`printable` on a single line: line breaks and tabs become spaces."""
    return " ".join(printable(text).split())


def char_width(char: str) -> int:
    """Columns a character takes in a terminal: 2 for wide (CJK), 0 for combining marks."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def width(text: str) -> int:
    """Columns `text` takes in a terminal."""
    if text.isascii():
        return len(text)
    return sum(char_width(c) for c in text)


def fit(text: str, columns: int) -> str:
    """`text` cut to `columns` (with an ellipsis when cut) and padded with spaces to exactly
    `columns` display columns."""
    if width(text) > columns:
        out, used = [], 0
        for char in text:
            w = char_width(char)
            if used + w > columns - 1:
                break
            out.append(char)
            used += w
        text = "".join(out) + "…"
    return text + " " * (columns - width(text))
