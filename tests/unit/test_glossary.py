"""The glossary of hold words: every entry has both languages and says what still works; an
entry with a page has its read date; `glossary [PLATFORM] [--lang]` on the command line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from journal import glossary
from journal.cli import main
from journal.errors import BadInputError

WORDS = ("pause", "hold", "restriction", "timed restriction", "block", "disabled", "limitation", "reserve")


def test_every_word_the_issue_names_is_in_the_glossary() -> None:
    words = " ".join(t.word.lower() for t in glossary.load_glossary())
    for word in WORDS:
        assert word in words, word


def test_every_entry_says_what_still_works_in_both_languages_with_its_source() -> None:
    for term in glossary.load_glossary():
        assert term.works and term.works_ja and term.stops and term.stops_ja, term.word
        assert len(term.works) == len(term.works_ja) and len(term.stops) == len(term.stops_ja), term.word
        if term.url:
            assert term.url.startswith("https://") and term.read == date(2026, 11, 29), term.word
        else:
            assert "No platform page" in term.means, term.word  # a word without a page says so


def test_a_platform_gets_its_own_words_then_the_common_ones() -> None:
    words = [t.word for t in glossary.terms_for("paypal")]
    assert words[:3] == ["limitation", "hold (funds availability)", "reserve"]
    assert "timed restriction" in words and "restriction" not in words
    with pytest.raises(BadInputError, match="has: Upwork, Fiverr, PayPal, Coconala"):
        glossary.terms_for("Nowhere")


def test_a_bad_glossary_file_is_named_with_the_entry(tmp_path: Path) -> None:
    bad = tmp_path / "glossary.toml"
    bad.write_text(
        '[[term]]\nplatform = "X"\nword = "hold"\nword_ja = "保留"\nmeans = "m"\nmeans_ja = "m"\nurl = "https://x"\n'
    )
    with pytest.raises(BadInputError, match=r"glossary.toml: term 1: a term with a url needs read"):
        glossary.load_glossary(bad)


def test_glossary_command_in_english_and_japanese(capsys) -> None:
    assert main(["glossary", "Fiverr"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("restriction  [Fiverr]\n")
    assert "  still works: logging in; withdrawing funds; completing ongoing orders" in out
    assert "source: https://community.fiverr.com/" in out and "(read 2026-11-29)" in out
    assert main(["glossary", "upwork", "--lang", "ja"]) == 0
    out = capsys.readouterr().out
    assert (
        "一時停止(契約の一時停止)  [Upwork]" in out and "  使えるもの: Upwork 上でのクライアントとのメッセージ" in out
    )
    assert "出典: 定義している公式ページなし" in out  # the common words without a page
    assert main(["glossary", "Nowhere"]) == 2
    assert "the glossary has no words of 'Nowhere'" in capsys.readouterr().err
