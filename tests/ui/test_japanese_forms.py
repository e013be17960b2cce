"""Moment fields in Japanese: Japanese examples the parser reads and `今` as the prefill;
a restored draft's moment shown as the rest of the app shows moments; the English UI as it was."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from textual.widgets import Input

from journal import drafts, i18n
from journal.i18n import _
from journal.model import Incident
from journal.store import Store
from journal.timeparse import parse_moment
from screens.app import make_app
from screens.fields import NOW_WORD
from screens.forms import IncidentForm
from screens.message_draft import DraftedMessageForm
from tests.ui.conftest import shown
from tests.ui.test_drafts_ui import open_message_form, settle

MOMENT_HINTS = [
    "now, -2h, yesterday 9:00, 2026-11-20 09:12",
    "+3d, tomorrow 9:00, 2026-11-23 09:00",
    "optional: +3d, tomorrow 9:00",
    "optional: when you told the client (now, -1h)",
    "When: now, 2026-11-25 10:05, yesterday 18:00, -2h (your time zone)",
    "{field}: give a time (now, -2h, yesterday 9:00, 2026-11-20 09:12)",
]
"""Hints of moment fields in screens/ that give examples to type."""


def examples(hint: str) -> list[str]:
    """The examples a hint gives: the parts between its commas, inside its brackets when they
    hold the list, after a leading label (`optional:`, `When:`), without a closing remark in
    brackets (`(your time zone)`)."""
    text = re.sub(r"\s*[(（][^)）,、]*[)）]$", "", hint)  # a remark, no list in it
    inner = re.search(r"[(（]([^)）]*[,、][^)）]*)[)）]", text)
    if inner:
        text = inner.group(1)
    text = re.sub(r"^[^\d:：+-]*[:：]\s*", "", text)
    return [part.strip() for part in re.split(r"[,、]", text) if part.strip()]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_example_of_a_moment_hint_is_read_by_the_parser(lang: str) -> None:
    i18n.set_language(lang)
    try:
        now = datetime.fromisoformat("2026-11-24T12:00:00+09:00")
        for hint in MOMENT_HINTS:
            shown_examples = examples(_(hint))
            assert len(shown_examples) >= 2, _(hint)
            for example in shown_examples:
                parse_moment(example, now)  # raises when the parser does not read it
        parse_moment(_(NOW_WORD), now)
    finally:
        i18n.set_language(None)


def test_the_japanese_hints_give_japanese_examples() -> None:
    i18n.set_language("ja")
    try:
        for hint in MOMENT_HINTS:
            text = _(hint)
            assert not re.search(r"\b(now|yesterday|tomorrow|today)\b", text), text
        assert _(NOW_WORD) == "今"
    finally:
        i18n.set_language(None)


async def test_a_new_incident_form_in_japanese_opens_on_ima_with_japanese_examples(
    store: Store, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(i18n.LANG_ENV, "ja")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, IncidentForm)
        opened = form.query_one("#opened", Input)
        assert opened.value == "今"
        text = await shown(pilot)
        assert "now" not in text and "tomorrow" not in text
        assert "明日 9:00" in text  # the follow-up field's example


async def test_the_english_form_still_opens_on_now(store: Store, now: datetime) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#opened", Input).value == "now"
        assert "tomorrow 9:00" in await shown(pilot)


async def test_a_restored_drafts_moment_reads_like_the_apps_moments(
    store: Store, held: Incident, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(DraftedMessageForm, "DRAFT_DELAY", 0.01)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_message_form(pilot)
        form.query_one("#at", Input).value = "2026-11-23 09:00"
        form.query_one("#subject", Input).value = "Hold notice"
        await settle(pilot)
        assert drafts.load_draft(store, held.id) is not None
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_message_form(pilot)
        await settle(pilot)
        value = form.query_one("#at", Input).value
        assert value == "2026-11-23 09:00 +09:00"  # as journal.timeshow shows it, not "09:00+09:00"
        assert "09:00 +09:00" in await shown(pilot)
        assert parse_moment(value) == datetime.fromisoformat("2026-11-23T09:00+09:00")
