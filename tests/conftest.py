"""Shared fixtures. Every test runs with its data, config and cache folders (and HOME) in a
temporary folder, in a fixed non-UTC time zone, so no test touches the real home."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal import i18n
from journal.model import Incident
from journal.store import Store

JST = timezone(timedelta(hours=9), "JST")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--crash-iterations",
        type=int,
        default=None,
        help="iterations of the fault loops in tests/robustness (default: $INCIDENT_JOURNAL_CRASH_ITERATIONS or 200)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "fault_loop: a long fault-injection loop; --crash-iterations N scales it")


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.setenv("INCIDENT_JOURNAL_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INCIDENT_JOURNAL_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("INCIDENT_JOURNAL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("INCIDENT_JOURNAL_NOW", raising=False)
    # Templates follow the user's language: English unless a test chooses otherwise.
    monkeypatch.delenv("INCIDENT_JOURNAL_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_language(None)  # a test that chose a language does not leave it to the next
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    # History (a git commit per change) is off unless a test turns it on: `history_on`.
    monkeypatch.setattr("journal.history.ENABLED_BY_DEFAULT", False)
    yield tmp_path
    i18n.set_language(None)
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def history_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """History as users get it by default: every change the app makes is a commit."""
    monkeypatch.setattr("journal.history.ENABLED_BY_DEFAULT", True)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "data", cache_dir=tmp_path / "cache")
    s.ensure()
    return s


@pytest.fixture
def opened() -> datetime:
    return datetime(2026, 11, 20, 9, 12, tzinfo=JST)


@pytest.fixture
def incident(opened: datetime) -> Incident:
    return Incident(id="", title="Contract with Acme suspended", kind="contract-suspension", opened_at=opened)
