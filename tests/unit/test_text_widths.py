"""One width function (Rich's cells) for the command line and the terminal UI, and display
copies whose widths every terminal agrees on."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from journal.text import fit, one_line, printable, width


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("⚠️ 支払い保留の件", "⚠ 支払い保留の件"),  # field case 14: U+FE0F dropped
        ("👨‍💻 Dev account hold", "👨💻 Dev account hold"),  # field case 14: the ZWJ sequence as its parts
        ("👩‍👩‍👧 family", "👩👩👧 family"),
        ("✔︎ done ❤️", "✔ done ❤"),
        ("क्‍ष Hindi keeps its joiner", "क्‍ष Hindi keeps its joiner"),  # a ZWJ between letters stays
        ("🏳️‍🌈 flag", "🏳🌈 flag"),
    ],
)
def test_display_copies_show_emoji_sequences_as_their_parts(stored: str, shown: str) -> None:
    assert one_line(stored) == shown
    assert printable(stored + "\nsecond") == shown + "\nsecond"


@pytest.mark.parametrize("text", ["Plain", "支払い保留", "⚠ 警告", "👨💻 dev", "ｱｶｳﾝﾄ", "e\u0301tude", "全角ＡＢＣ"])
@pytest.mark.parametrize("columns", [1, 5, 12, 30])
def test_fit_gives_exactly_the_cells_asked_with_the_width_textual_uses(text: str, columns: int) -> None:
    shown = fit(one_line(text), columns)
    assert width(shown) == cell_len(shown) == columns
    if width(text) > columns:
        assert shown.rstrip().endswith("…")


def test_fit_right_aligns_and_never_splits_a_wide_character() -> None:
    assert fit("12d", 5, right=True) == "  12d"
    assert fit("支払い保留", 6) == "支払… "
