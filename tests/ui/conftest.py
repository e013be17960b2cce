"""Helpers for Pilot tests: a fixed clock, a journal with known incidents, the screen's text."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from textual.app import App

from journal.model import ChecklistItem, Contract, Event, Incident, Message, Money, SupportRequest
from journal.store import Store

NOW = "2026-11-24T12:00:00+09:00"


@pytest.fixture(autouse=True)
def list_loads_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read the journal on the UI thread, so a test sees the list after `pilot.pause()`
    (test_app.py checks the background reading on its own)."""
    from screens.home import HomeScreen

    monkeypatch.setattr(HomeScreen, "BACKGROUND_LOAD", False)


@pytest.fixture(autouse=True)
def notices_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot draws notifications (`run_test(notifications=True)` unless a test says otherwise),
    so every notice a user would see is on the screen the tests read, drawn as it is drawn."""
    run_test = App.run_test

    def drawing_notices(self: App, *args, notifications: bool = True, **kwargs):
        return run_test(self, *args, notifications=notifications, **kwargs)

    monkeypatch.setattr(App, "run_test", drawing_notices)


@pytest.fixture(autouse=True)
def notices_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    """A notice stays until the test reads it: on a loaded machine the seconds between a
    notice and the assertion that reads it can exceed its timeout (4-8 s), and an expired
    notice would make a test fail that the app passes."""
    from textual.notifications import Notification

    monkeypatch.setattr(Notification, "time_left", property(lambda self: 3600.0))


@pytest.fixture
def now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Fix the app's clock (INCIDENT_JOURNAL_NOW) for the test."""
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", NOW)
    return datetime.fromisoformat(NOW)


def sample_incident(opened: datetime) -> Incident:
    """An account hold with something in every tab."""
    incident = Incident(
        id="",
        title="Account on hold after a security check",
        kind="account-hold",
        opened_at=opened,
        summary="Whole account stopped.",
    )
    incident.add_message(
        Message(
            at=opened,
            sender="Upwork Account Security",
            subject="Temporary hold on your account",
            body="Hello,\n\nFor your protection...\n",
        )
    )
    incident.add_event(Event(at=opened + timedelta(minutes=20), kind="password-changed", text="Changed the password"))
    incident.checklist = [
        ChecklistItem(text="Take the IP-check screenshot without a VPN"),
        ChecklistItem(text="List the devices used"),
    ]
    incident.contracts = [
        Contract(
            client="Acme Ltd",
            contract_id="38211",
            state="active",
            deadline=opened.date() + timedelta(days=2),
            pending=Money(Decimal("420.00"), "USD"),
        )
    ]
    incident.requests = [
        SupportRequest(
            question="When and where did you last access your account?", asked_at=opened + timedelta(hours=1)
        )
    ]
    incident.follow_up_at = opened + timedelta(days=3)
    return incident


@pytest.fixture
def held(store: Store, now: datetime) -> Incident:
    """A saved sample incident, opened two days before `now`."""
    return store.create(sample_incident(now - timedelta(days=2)))


def screen_text(app: App) -> str:
    """What the active screen shows, as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def shown(pilot) -> str:
    """The screen's text once pending messages and repaints are done."""
    await pilot.pause()
    await pilot.pause()
    return screen_text(pilot.app)
