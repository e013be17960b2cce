"""The app as a whole: what start-up imports, and what an unexpected failure looks like."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rich.text import Text

from journal.store import Store
from screens.app import make_app


def test_start_up_imports_only_what_home_needs() -> None:
    code = (
        "import sys, screens.app, screens.home\n"
        "print(sorted(m for m in ('screens.incident', 'screens.forms', 'screens.incident_tabs',"
        " 'textual.widgets._text_area', 'textual.widgets._tabbed_content') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


async def test_an_unexpected_failure_exits_1_with_one_line_and_no_local_variables(store: Store, monkeypatch) -> None:
    secret = "body of a private email"

    def explode(self) -> None:
        email_body = secret  # a local that Textual's crash screen would print
        raise RuntimeError("broken " + str(len(email_body)))

    from screens.home import HomeScreen

    monkeypatch.setattr(HomeScreen, "action_reload", explode)
    app = make_app(store)
    printed: list[object] = []
    monkeypatch.setattr(type(app), "_print_error_renderables", lambda self: printed.extend(self._exit_renderables))
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("r")
            await pilot.pause()
    assert app.return_code == 1
    (shown,) = printed
    assert isinstance(shown, Text)
    assert "\n" not in shown.plain and secret not in shown.plain
    assert "internal error (RuntimeError): broken 23" in shown.plain


async def test_the_list_is_read_in_the_background_after_the_first_paint(store: Store, monkeypatch) -> None:
    from journal.demo import write_demo
    from screens.home import HomeScreen
    from screens.incident_list import IncidentList

    write_demo(store)
    monkeypatch.setattr(HomeScreen, "BACKGROUND_LOAD", True)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.screen.query_one(IncidentList).rows) == 3
        await pilot.press("n", *"Background", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        listing = app.screen.query_one(IncidentList)
        assert len(listing.rows) == 4 and listing.selected.title == "Background"
