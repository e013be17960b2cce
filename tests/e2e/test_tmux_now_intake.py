"""The installed command in a real terminal (tmux, 80x24): the roster with Japanese text, the
Now screen, and a raw email pasted (bracketed paste) into a new message."""

from __future__ import annotations

import subprocess
import time
from datetime import datetime, timedelta
from pathlib import Path

from journal.model import Incident
from journal.roster import add_contract
from journal.store import Store
from tests.e2e.test_tmux import pytestmark, start_journal, wait_for  # noqa: F401  (pytestmark: skip without tmux)

RAW = (
    "From: Upwork Trust & Safety <support@upwork.example>\n"
    "Date: Fri, 27 Nov 2026 18:05:00 -0800\n"
    "Subject: Your contract is on hold\n"
    "Message-ID: <abc123@upwork.example>\n"
    "\n"
    "We paused the contract while we review it.\n"
)


def test_roster_now_and_pasted_email_in_a_real_terminal(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store(data, cache_dir=tmp_path / "cache")
    now = datetime.now().astimezone().replace(microsecond=0)
    add_contract(store, "株式会社さくらアプリ", now, deadline=now.date() + timedelta(days=1), contract_id="40177230")
    store.create(
        Incident(
            id="",
            title="Contract with Northwind suspended",
            kind="contract-suspension",
            opened_at=now - timedelta(days=4),
            status="waiting",
            follow_up_at=now - timedelta(hours=2),
        )
    )
    tmux, status = start_journal(tmp_path, data, 80, 24)
    try:
        wait_for(tmux.shows("1 incident, most urgent first"), "the home screen")
        tmux.keys("c")
        wait_for(tmux.shows("1 active contract,"), "the roster")
        row = next(line for line in tmux.screen().splitlines() if "株式会社さくらアプリ" in line)
        assert "40177230" in row and "tomorrow" in row
        tmux.keys("Escape")
        wait_for(tmux.shows("1 incident, most urgent first"), "home again")
        tmux.keys("t")
        wait_for(tmux.shows("Follow-up due"), "the Now screen")
        assert "1 follow-up due" in tmux.screen()
        tmux.keys("Enter")
        wait_for(tmux.shows("1 Overview"), "the incident")
        tmux.keys("2")
        tmux.keys("a")
        wait_for(tmux.shows("Body (paste"), "the message form")
        for _ in range(6):  # direction, channel, when, from, subject, note, then the body
            tmux.keys("Tab")
            time.sleep(0.2)  # keys sent at once may arrive as one burst
        buffer = tmp_path / "raw.eml"
        buffer.write_text(RAW, encoding="utf-8")
        tmux.run("load-buffer", str(buffer))
        tmux.run("paste-buffer", "-p", "-t", "journal")  # as a terminal delivers a paste
        wait_for(tmux.shows("looks like a raw email"), "the question about the pasted email")
        tmux.keys("Enter")  # fill the fields, keep only the text
        wait_for(tmux.shows("Your contract is on hold"), "the filled subject")
        tmux.keys("C-s")
        wait_for(tmux.shows("Message saved"), "the saved message")
        [path] = (data / "incidents").glob("*.toml")
        text = path.read_text(encoding="utf-8")
        assert 'message_id = "<abc123@upwork.example>"' in text and "raw_sha256 = " in text
        assert "at = 2026-11-27 18:05:00-08:00" in text  # the same instant, with its offset
        tmux.keys("q")
        wait_for(lambda: status.exists() and status.read_text().strip() != "", "the command to end")
        assert status.read_text().strip() == "0"
    finally:
        subprocess.run([*tmux.base, "kill-server"], capture_output=True)
