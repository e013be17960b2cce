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


NO_LINE_START = set(
    "、。，．,.:;!?！？）」』】〕〉》］｝)]}・·ー…‥〜～ゝゞヽヾ々ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
)
"""Characters that never begin a line (closing brackets, punctuation, small kana, the long
vowel mark): JIS X 4051's 行頭禁則 set, with the ASCII closers and the `·` that separates
the keys of a hint (so a hint breaks after it)."""
NO_LINE_END = set("（「『【〔〈《［｛([{")
"""Characters that never end a line (opening brackets): JIS X 4051's 行末禁則 set."""


def _wide(char: str) -> bool:
    from rich.cells import cell_len

    return cell_len(char) > 1


def break_offsets(text: str, width: int) -> list[int]:
    """Where to break `text` (one paragraph, no newline) into lines of at most `width` cells:
    the character offsets that start each line after the first. Breaks at a space (dropped at
    the line's end) or between two characters of which one is wide (Japanese), never before a
    NO_LINE_START or after a NO_LINE_END character when it can help it; a word longer than the
    line is cut where it must be."""
    from rich.cells import cell_len

    width = max(2, width)
    breaks: list[int] = []
    start = 0
    n = len(text)
    while start < n:
        # The furthest end (exclusive) that fits; each character is measured about once.
        used = 0
        end = start
        while end < n and used + cell_len(text[end]) <= width:
            used += cell_len(text[end])
            end += 1
        if end >= n:
            break
        start = _best_cut(text, start, end)
        while start < n and text[start] == " ":  # the space a line broke at is not carried over
            start += 1
        breaks.append(start)
    return breaks


def _allowed(text: str, at: int) -> bool:
    """May a line break just before `text[at]` (spaces there are dropped)?"""
    before, after = text[at - 1], text[at]
    following = text[at : at + 200].lstrip(" ")[:1]
    if following in NO_LINE_START or before in NO_LINE_END:
        return False
    return before == " " or after == " " or _wide(before) or _wide(after)


def _best_cut(text: str, start: int, end: int) -> int:
    """The last allowed break in (start, end]; `end` is where the line is full. A break at a
    space in the line's second half wins over one between two Japanese characters, so words
    and the parts of a hint (`a 追加 · e 編集`) stay whole when they can."""
    found = None
    for at in range(end, start, -1):
        if at < len(text) and _allowed(text, at):
            if text[at] == " " or text[at - 1] == " ":
                return at
            if found is None:
                found = at
            if at < start + (end - start) // 2:
                break
    return found if found is not None else end  # one long word: cut it where the line ends


def wrap_cells(text: str, columns: int) -> list[str]:
    """`text` (one paragraph) cut into lines of at most `columns` cells, measured as `width`
    does, by `break_offsets`: English breaks at spaces, Japanese between characters, never
    before closing punctuation or after an opening bracket when it can help it. A word longer
    than a line is cut."""
    text = " ".join(text.split())
    bounds = [0, *break_offsets(text, columns), len(text)]
    return [text[a:b].rstrip() for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]
