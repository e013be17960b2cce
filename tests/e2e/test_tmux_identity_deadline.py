"""The installed command in a real terminal (tmux, 80x24): an identity-verification hold
recorded from the keyboard shows the platform's 7-day deadline in its headline and in Now."""

from __future__ import annotations

import time
from pathlib import Path

from tests.e2e.test_tmux import pytestmark, start_journal, wait_for  # noqa: F401  (pytestmark: skip without tmux)

KINDS_BEFORE = 6
"""Kinds listed before identity-verification in the form's Kind list (journal.model.KINDS)."""


def test_an_identity_verification_hold_shows_its_deadline_in_now(tmp_path: Path) -> None:
    from journal.model import KINDS

    assert KINDS.index("identity-verification") == KINDS_BEFORE
    data = tmp_path / "data"
    tmux, _ = start_journal(tmp_path, data, 80, 24)
    try:
        wait_for(tmux.shows("Press n to record the first one"), "the empty home screen")
        tmux.keys("n")
        wait_for(tmux.shows("New incident"), "the new-incident form")
        tmux.keys("Verify my identity", literal=True)
        tmux.keys("Tab")
        time.sleep(0.3)
        tmux.keys("Enter")  # opens the Kind list
        time.sleep(0.5)
        for _ in range(KINDS_BEFORE):
            tmux.keys("Down")
            time.sleep(0.15)  # keys sent at once may arrive as one burst
        tmux.keys("Enter")
        wait_for(tmux.shows("Kind Identity verification"), "the kind chosen")
        tmux.keys("C-s")
        wait_for(tmux.shows("1 Overview"), "the incident screen")
        wait_for(tmux.shows("Next deadline: Verify your identity by"), "the deadline in the headline")
        files = list((data / "incidents").glob("*.toml"))
        assert len(files) == 1 and 'kind = "identity-verification"' in files[0].read_text(encoding="utf-8")
        tmux.keys("Escape")
        wait_for(tmux.shows("1 incident, most urgent first"), "home")
        tmux.keys("t")
        wait_for(tmux.shows("1 deadline soon"), "the Now screen")
        row = next(line for line in tmux.screen().splitlines() if line.strip().startswith("Deadline"))
        assert "in 7 days" in row and "Verify your id" in row
    finally:
        tmux.run("kill-server")
