"""The search text the home screen's filter reads is never stale: a file changed between two
scans is read again even when a scan without search text (list, due, now) came in between."""

from __future__ import annotations

import io
import os
import sys
from datetime import datetime, timedelta

import pytest

from journal.actions import add_message
from journal.cli import main
from journal.model import Incident, Message
from journal.store import Store


def matching(store: Store, words: str) -> list[str]:
    """Titles the home screen's filter shows for `words` (it scans with search text)."""
    summaries, _ = store.scan(search=True)
    return sorted(s.title for s in summaries if s.matches(words.casefold().split()))


@pytest.fixture
def two(store: Store, opened: datetime) -> list[Incident]:
    made = [
        store.create(Incident(id="", title="Alpha hold", kind="account-hold", opened_at=opened)),
        store.create(
            Incident(id="", title="Beta review", kind="security-review", opened_at=opened + timedelta(hours=1))
        ),
    ]
    assert matching(store, "alpha") == ["Alpha hold"]  # the search texts are now cached
    return made


@pytest.mark.parametrize(
    "between", [["list"], ["due"], ["now"], ["list", "--json"], []], ids=["list", "due", "now", "list-json", "nothing"]
)
def test_a_message_added_after_a_plain_listing_is_found(
    store: Store, two: list[Incident], opened: datetime, capsys: pytest.CaptureFixture[str], between: list[str]
) -> None:
    add_message(store, two[1].id, Message(at=opened, subject="Hold", body="Send the zanzibar screenshot"))
    if between:
        assert main(between) in (0, 1)  # due and now may say there is something to do
        capsys.readouterr()
    assert matching(store, "zanzibar") == ["Beta review"]
    assert matching(store, "zanzibar") == ["Beta review"]  # and from the cache the next time


def test_a_message_added_by_the_command_line_after_a_listing_is_found(
    store: Store, two: list[Incident], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Please verify with the quokka form\n"), encoding="utf-8")
    )
    assert main(["add-message", two[0].id, "--subject", "Verify", "--sender", "Support"]) == 0
    assert main(["list"]) == 0
    capsys.readouterr()
    assert matching(store, "quokka") == ["Alpha hold"]


def test_an_edit_by_hand_that_keeps_size_and_time_is_found(store: Store, two: list[Incident]) -> None:
    path = store.path_for(two[0].id)
    before = os.stat(path)
    text = path.read_text("utf-8").replace('title = "Alpha hold"', 'title = "Omega hold"')
    assert len(text) == len(path.read_text("utf-8"))
    path.write_text(text, "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    store.scan()
    assert matching(store, "omega") == ["Omega hold"]
    assert matching(store, "alpha") == []


def test_a_removed_message_is_no_longer_found(store: Store, two: list[Incident], opened: datetime) -> None:
    add_message(store, two[0].id, Message(at=opened, subject="Hold", body="the walrus paragraph"))
    assert matching(store, "walrus") == ["Alpha hold"]
    store.update(two[0].id, lambda incident: incident.messages.clear())
    store.scan()
    assert matching(store, "walrus") == []
