"""A hostile email is refused in one line by the TUI too: by ctrl+l and as a pasted raw email;
the form stays open with what was typed."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TextArea

from journal.model import Incident
from journal.store import Store
from screens.app import make_app
from screens.modals import ChoiceModal
from tests.robustness.test_hostile_mail import HOSTILE
from tests.ui.test_intake import message_form, paste_into_body


async def test_ctrl_l_refuses_a_hostile_eml_in_one_line(store: Store, held: Incident, tmp_path: Path) -> None:
    source = tmp_path / "hostile.eml"
    source.write_bytes(HOSTILE["nested comments"][0])
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await message_form(pilot)
        form.query_one("#subject", Input).value = "typed by me"
        await pilot.press("ctrl+l")
        app.screen.query_one("#eml-path", Input).value = str(source)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and form.query_one("#subject", Input).value == "typed by me"
        said = [n.message for n in app._notifications if "hostile.eml" in n.message]
        assert said and "parentheses 400 deep" in said[-1] and "\n" not in said[-1]


async def test_a_pasted_hostile_email_is_refused_in_one_line(store: Store, held: Incident) -> None:
    raw = HOSTILE["MIME nesting"][0].decode("ascii")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await message_form(pilot)
        area = await paste_into_body(pilot, form, raw)
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and form.query_one("#sender", Input).value == ""
        said = [n.message for n in app._notifications if "multipart" in n.message]
        assert said and "\n" not in said[-1]
        kept = area.text == raw.replace("\r\n", "\n")  # the pasted text stays in the body
        assert kept and isinstance(form.query_one("#body", TextArea), TextArea)
