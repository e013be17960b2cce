"""The home screen names what in the data folder others can see, checked in a thread so the
list paints first."""

from __future__ import annotations

import os
import threading

import pytest

from journal import privacy
from journal.model import Incident
from journal.store import Store
from screens.app import make_app
from screens.privacy_notice import PrivacyNotice
from tests.ui.conftest import shown


async def test_privacy_warnings_are_shown_on_home_after_the_first_paint(
    store: Store, held: Incident, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.chmod(store.path_for(held.id), 0o644)
    for n in range(5):
        path = store.data_dir / f"[b]copy-{n}[i].txt"
        path.write_text("x")
        os.chmod(path, 0o644)
    release = threading.Event()
    real_check = privacy.check

    def slow_check(data_dir):
        assert release.wait(10)
        return real_check(data_dir)

    monkeypatch.setattr(privacy, "check", slow_check)
    app = make_app(store)
    async with app.run_test(size=(160, 36)) as pilot:
        text = await shown(pilot)
        assert "1 incident" in text and "Privacy:" not in text  # painted while the check runs
        release.set()
        await app.workers.wait_for_complete()
        text = await shown(pilot)
        notice = app.screen.query_one(PrivacyNotice)
        assert notice.display and len(notice.warnings) == 6
        lines = text.splitlines()
        start = next(n for n, line in enumerate(lines) if "Privacy: other users may see into" in line)
        assert "[b]copy-0[i].txt: can be read by other users (mode 0644)" in lines[start + 1]  # literally
        assert "fix with: chmod 600" in lines[start + 1]
        assert "and 3 more like these" in lines[start + 4]


async def test_no_privacy_line_when_everything_is_private(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(160, 36)) as pilot:
        await app.workers.wait_for_complete()
        text = await shown(pilot)
        assert app.screen.query_one(PrivacyNotice).warnings == []
        assert "Privacy:" not in text and not app.screen.query_one(PrivacyNotice).display
