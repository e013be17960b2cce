"""Helpers for the fault tests: big incidents, the loop size, and a snapshot of a folder."""

from __future__ import annotations

import hashlib
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from journal.model import Event, Incident, Message
from tests.conftest import JST

DEFAULT_ITERATIONS = 200
ITERATIONS_ENV = "INCIDENT_JOURNAL_CRASH_ITERATIONS"
T0 = datetime(2026, 11, 20, 9, 0, tzinfo=JST)


@pytest.fixture
def iterations(request: pytest.FixtureRequest) -> int:
    """How many times a fault loop runs: --crash-iterations, else the environment, else 200."""
    value = request.config.getoption("--crash-iterations")
    if value is None:
        value = int(os.environ.get(ITERATIONS_ENV, DEFAULT_ITERATIONS))
    return max(1, value)


def big_incident(incident_id: str = "big", messages: int = 300, body_lines: int = 200, events: int = 0) -> Incident:
    """An incident of a few MB: `messages` notices of `body_lines` lines each, in several
    scripts, with CRLF and tabs, so a write takes a while and a torn file would show."""
    incident = Incident(
        id=incident_id,
        title="Account on hold during the busiest week",
        kind="account-hold",
        opened_at=T0,
        summary="Support asked for identity documents twice.",
    )
    for n in range(messages):
        line = f"Notice {n}: your account is under review. Ihr Konto wird geprüft. アカウントを確認中です。\t#{n}\r\n"
        incident.messages.append(
            Message(
                at=T0 + timedelta(minutes=n), sender="Trust & Safety", subject=f"Review {n}", body=line * body_lines
            )
        )
    for n in range(events):
        incident.events.append(Event(at=T0 + timedelta(hours=n), text=f"event {n}"))
    return incident


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every entry under `folder` (relative name -> bytes, None for folders), links unfollowed."""
    out: dict[str, bytes | None] = {}
    if not folder.exists():
        return out
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            out[os.path.relpath(os.path.join(root, name), folder)] = None
        for name in files:
            path = os.path.join(root, name)
            out[os.path.relpath(path, folder)] = (
                os.readlink(path).encode() if os.path.islink(path) else Path(path).read_bytes()
            )
    return out
