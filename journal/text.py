"""Showing untrusted text safely, and lining up wide characters in a terminal.

Stored text is never changed; these functions make a display copy where control characters,
escape sequences and bidi overrides become visible placeholders, so a pasted notice can never
move the cursor, retitle the window, write the clipboard or reorder what the user reads.
"""

from __future__ import annotations

import re

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_BIDI}]")
_CRLF = re.compile(r"\r\n")
# Emoji presentation selectors and the joiner between two emoji: terminals disagree on how
# wide a sequence is (one emoji of 2 cells, or its parts side by side), so display copies
# show the parts, each as wide everywhere.
_EMOJI = "\u00a9\u00ae\u203c-\u3299\U0001f000-\U0001faff"
_SEQUENCES = re.compile(f"[\ufe0e\ufe0f]|(?<=[{_EMOJI}\ufe0f\U0001f3fb-\U0001f3ff])\u200d(?=[{_EMOJI}])")


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
    bidi character as a visible placeholder. Newlines and tabs stay. Emoji variation
    selectors (U+FE0F, U+FE0E) are dropped and a zero-width joiner between two emoji too
    (`👨‍💻` is shown as `👨💻`), so every terminal gives them the width Rich counts."""
    return _UNSAFE.sub(_placeholder, _SEQUENCES.sub("", _CRLF.sub("\n", text)))


def one_line(text: str) -> str:
    """`printable` on a single line: line breaks and tabs become spaces."""
    return " ".join(printable(text).split())


def width(text: str) -> int:
    """Cells `text` takes in a terminal: Rich's cell widths (`rich.cells.cell_len`), the same
    function Textual draws with, so the command line and the terminal UI line up alike.
    (Imported here, not at the top: the core loads no UI library until text is laid out.)"""
    from rich.cells import cell_len

    return cell_len(text)


def fit(text: str, columns: int, right: bool = False) -> str:
    """`text` in exactly `columns` cells: cut with an ellipsis when longer (a wide character
    that does not fit is dropped), else padded with spaces (on the left when `right`)."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) > columns:
        if columns <= 0:
            return ""
        text = set_cell_size(text, columns - 1).rstrip() + "…"
    pad = " " * (columns - cell_len(text))
    return pad + text if right else text + pad


_WRAP_TOKENS = re.compile(
    r"\s+|[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+"
)
_NO_LINE_START = set("、。，．・：；？！ー）」』】〕〉》”’),.:;!?ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々")
"""Characters a line may not begin with (Japanese line-breaking rules, JIS X 4051 kinsoku):
the character before them goes down to the next line with them (oidashi); only when it
cannot (a space or another such mark) do they stay at the end of the line before, one or two
cells longer."""


def wrap_cells(text: str, columns: int) -> list[str]:
    """`text` (one paragraph) cut into lines of at most `columns` cells, measured as `width`
    does: English breaks at spaces, Japanese between any two characters except before closing
    punctuation (which stays on the line before). A word longer than a line is cut."""
    lines: list[str] = []
    line = ""
    for token in _WRAP_TOKENS.findall(" ".join(text.split())):
        if token.isspace():
            if line:
                line += " "
            continue
        if not line or width(line + token) <= columns:
            line += token
            continue
        if token in _NO_LINE_START and line.strip():
            last = line[-1]
            if len(line) > 1 and width(last) == 2 and last not in _NO_LINE_START:
                lines.append(line[:-1].rstrip())  # the character before goes down with it
                line = last + token
            else:
                line += token  # nothing to move down: the line gets a cell or two longer
            continue
        lines.append(line.rstrip())
        line = token
        while width(line) > columns:  # one word wider than the line: cut it
            cut = len(line) - 1
            while cut > 1 and width(line[:cut]) > columns:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    return lines
