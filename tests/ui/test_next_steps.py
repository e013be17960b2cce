"""A newcomer who records a security review sees what to do next and what support asks,
on the incident's first tab, without looking anywhere else."""

from __future__ import annotations

from journal import actions
from journal.store import Store
from screens.app import make_app
from tests.ui.conftest import screen_text


async def test_overview_lists_next_steps_and_support_questions(store: Store) -> None:
    incident = actions.new_incident(store, kind="security-review", title="Account on hold", language="en")
    app = make_app(store)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        app.screen.open_incident(incident.id)
        await pilot.pause()
        text = screen_text(app)
        assert "Next to do" in text and "Support asks" in text
        assert incident.checklist[0].text in text
        assert "without any VPN" in text and "shared device" in text
        await pilot.press("4", "space")  # tick the first item: it leaves the Overview's list
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert incident.checklist[0].text not in screen_text(app)
        assert incident.checklist[1].text in screen_text(app)
