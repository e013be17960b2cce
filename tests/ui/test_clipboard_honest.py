"""The clipboard message is honest: text is *sent* to the terminal's clipboard with what the
terminal must allow (OSC 52; tmux `set-clipboard on`); over 100 KB nothing is sent, the
user is told it is too large and offered a file instead. Never "Copied"."""

from __future__ import annotations

from datetime import datetime

from journal.model import Incident, Message
from journal.store import Store
from screens.app import make_app
from screens.clipboard import MAX_CLIPBOARD_BYTES
from screens.modals import ConfirmModal
from screens.reply import ReplyModal
from tests.ui.conftest import screen_text, shown
from tests.ui.test_export import open_export, settle
from tests.ui.test_incident import open_first


def incident_with_body(store: Store, opened: datetime, body_chars: int) -> Incident:
    incident = Incident(id="", title="Hold with a long notice", kind="account-hold", opened_at=opened)
    incident.add_message(Message(at=opened, subject="Notice", body="確認中です。" * (body_chars // 6)))
    return store.create(incident)


async def test_a_small_summary_is_sent_with_what_the_terminal_must_allow(store: Store, now: datetime) -> None:
    saved = incident_with_body(store, now, 600)
    app = make_app(store)
    sent: list[str] = []
    app.copy_to_clipboard = sent.append  # type: ignore[method-assign]
    async with app.run_test(size=(160, 40)) as pilot:
        await open_export(pilot, store, saved.id)
        await pilot.press("c")
        text = await shown(pilot)
        assert len(sent) == 1 and sent[0].startswith("# Hold with a long notice")
        assert "Sent the Markdown summary" in text and "OSC 52" in text and "set-clipboard on" in text
        assert "Copied" not in text


async def test_a_summary_over_the_limit_is_not_sent_and_a_file_is_offered(store: Store, now: datetime) -> None:
    saved = incident_with_body(store, now, MAX_CLIPBOARD_BYTES // 2)  # 3 bytes a character in UTF-8
    app = make_app(store)
    sent: list[str] = []
    app.copy_to_clipboard = sent.append  # type: ignore[method-assign]
    async with app.run_test(size=(160, 40)) as pilot:
        await open_export(pilot, store, saved.id)
        await pilot.press("c")
        await pilot.pause()
        assert sent == []  # the terminal would drop it: nothing is sent
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        told = " ".join(n.message for n in app._notifications)
        assert "too large for the terminal's clipboard" in told and "Copied" not in told
        assert "Wrote" in told
        written = store.data_dir / "exports" / f"{saved.id}.md"
        assert written.read_text(encoding="utf-8").startswith("# Hold with a long notice")
        assert len(written.read_bytes()) > MAX_CLIPBOARD_BYTES


async def test_a_reply_over_the_limit_is_not_sent_and_written_whole_to_a_file(
    store: Store, held: Incident, now: datetime
) -> None:
    """The reply to support with an answer of about 126 KB (a pasted log): ctrl+k sends
    nothing, says it is too large for the terminal's clipboard and offers to write a file;
    the file holds the subject and the whole reply; logging it as sent does not claim it
    was copied."""
    answered = store.load(held.id)
    answered.requests[0].answer = "ログを確認しました。" * 4_200  # 42,000 characters, 126,000 bytes
    store.save(answered)
    app = make_app(store)
    sent: list[str] = []
    app.copy_to_clipboard = sent.append  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("6", "r")
        await pilot.pause()
        preview = app.screen
        assert isinstance(preview, ReplyModal)
        whole = f"Subject: {preview.reply.subject}\n\n{preview.text}"
        assert len(whole.encode("utf-8")) > MAX_CLIPBOARD_BYTES
        await pilot.press("ctrl+k")
        await settle(pilot)
        assert sent == []  # the terminal would drop it: nothing is sent
        told = " ".join(n.message for n in app._notifications)
        assert "too large for the terminal's clipboard" in told and "Copied" not in told
        assert isinstance(app.screen, ConfirmModal)
        assert "Write it to" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is preview
        written = list((store.data_dir / "exports").glob(f"{held.id}-reply-*.txt"))
        assert len(written) == 1
        assert written[0].read_text(encoding="utf-8") == whole  # whole: nothing cut
        assert written[0].stat().st_mode & 0o777 == 0o600
        told = " ".join(n.message for n in app._notifications)
        assert "Wrote the reply to" in told and str(written[0].parent) in told  # a long name is cut in the middle
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert sent == []
        told = " ".join(n.message for n in app._notifications)
        assert "not copied: too large for the terminal's clipboard" in told and "(and copied)" not in told
    logged = [m for m in store.load(held.id).messages if m.direction == "sent"]
    assert len(logged) == 1 and logged[0].body == whole.split("\n\n", 1)[1]
