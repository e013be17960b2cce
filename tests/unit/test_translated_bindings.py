"""Binding descriptions and tooltips are shown in the app's language, read when shown (so a
language switch takes effect at once), with `?` first; the binding itself is not changed."""

from __future__ import annotations

from textual.binding import ActiveBinding, Binding
from textual.widget import Widget

from journal import i18n
from journal.i18n import N_
from screens.translated import translated_binding, translated_bindings

NEW = Binding("n", "new", N_("New"), id="home.new", tooltip=N_("Record a new incident"))
HELP = Binding("question_mark", "help", N_("Keys"), id="app.help", tooltip=N_("List every key that works here"))


def test_a_binding_is_shown_in_the_language_of_the_moment() -> None:
    i18n.set_language("ja")
    shown = translated_binding(NEW)
    assert (shown.description, shown.tooltip) == ("新規", "新しいインシデントを記録")
    assert (shown.id, shown.key, shown.action) == ("home.new", "n", "new")
    assert (NEW.description, NEW.tooltip) == ("New", "Record a new incident")  # the declaration stays English
    i18n.set_language("en")
    assert translated_binding(NEW) is NEW


def test_the_help_key_comes_first_and_tooltips_follow() -> None:
    i18n.set_language("ja")
    node = Widget()
    active = {
        "n": ActiveBinding(node, NEW, True, NEW.tooltip),
        "question_mark": ActiveBinding(node, HELP, True, HELP.tooltip),
    }
    shown = translated_bindings(active)
    assert list(shown) == ["question_mark", "n"]
    assert shown["n"].tooltip == "新しいインシデントを記録" and shown["question_mark"].binding.description == "キー"
    assert shown["n"].node is node and shown["n"].enabled
