"""The glossary from the keyboard: ctrl+g in the new-incident form shows the typed platform's
hold words; g in `?` shows every platform's."""

from __future__ import annotations

from textual.widgets import Input

from journal.store import Store
from screens.app import make_app
from screens.forms import IncidentForm
from screens.modals import HelpModal, TextModal
from tests.ui.conftest import shown


async def test_ctrl_g_in_the_new_incident_form_shows_the_platforms_words(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, IncidentForm)
        form.query_one("#platform", Input).value = "PayPal"
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, TextModal)
        text = await shown(pilot)
        assert "Hold words of PayPal" in text and "reserve  [PayPal]" in text
        assert "still works:" in text and "restriction  [Fiverr]" not in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form and form.query_one("#platform", Input).value == "PayPal"  # nothing typed is lost


async def test_g_in_the_key_list_shows_every_platforms_words(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)
        assert "g: the glossary of hold words" in await shown(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, TextModal)
        text = await shown(pilot)
        assert "Hold words of every platform" in text and "pause (contract paused)  [Upwork]" in text
