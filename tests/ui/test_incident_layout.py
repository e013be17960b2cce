"""The incident screen fits in Japanese and in English at 80 columns: the Requests tab says
for each question whether it is answered, a wrapped list item hangs under its own text (never
under its bullet, no line starting with `）` or `、`), and the reply to support from a
Japanese session quotes the usual questions in English."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from rich.cells import cell_len

from journal import actions, i18n
from journal.model import ChecklistItem, Incident, SupportRequest
from journal.store import Store
from journal.text import NO_LINE_START
from screens.app import make_app
from screens.hanging import hanging
from screens.reply import ReplyModal
from tests.ui.conftest import screen_text

LONG_QUESTION = {
    "ja": "普段お使いの端末とネットワーク（VPN の有無、自宅か外出先かを含む）を、できるだけ詳しく教えてください。",
    "en": "Which devices and networks you usually use (with or without a VPN, at home or elsewhere), in detail",
}
LONG_ITEM = {
    "ja": "サポートの質問に早く、漏れなく答える（下の「サポートからの依頼」を参照）。答えた日時も記録しておく",
    "en": "Answer support's questions quickly and completely (see the support requests below), and note when",
}


def seeded(store: Store, language: str, now: datetime) -> str:
    """An incident with one answered and one open support request and a long checklist item."""
    incident = actions.new_incident(store, kind="other", title="保留" if language == "ja" else "Hold", language="en")
    incident = store.load(incident.id)
    incident.checklist = [ChecklistItem(text=LONG_ITEM[language])]
    incident.requests = [
        SupportRequest(
            question="答えた質問" if language == "ja" else "Answered question", answer="yes", answered_at=now
        ),
        SupportRequest(question=LONG_QUESTION[language], asked_at=now - timedelta(hours=2)),
    ]
    store.save(incident)
    return incident.id


@pytest.mark.parametrize("language", ["ja", "en"])
async def test_requests_tab_shows_answered_or_not_at_80_columns(
    store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    monkeypatch.setenv("INCIDENT_JOURNAL_LANG", language)
    now = datetime.now().astimezone()
    incident_id = seeded(store, language, now)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.open_incident(incident_id)
        await pilot.pause()
        await pilot.press("6")
        await pilot.pause()
        await pilot.pause()
        lines = screen_text(app).splitlines()
        not_yet = "未回答" if language == "ja" else "not yet"
        answered = [line for line in lines if "✓" in line]
        open_ = [line for line in lines if not_yet in line]
        # Each row says it, on the row of its question, inside the 80 columns.
        assert answered and ("答えた質問" if language == "ja" else "Answered question") in answered[0]
        assert open_ and LONG_QUESTION[language][:6] in open_[0]
        assert all(cell_len(line) <= 80 for line in lines)
        assert "…" in open_[0]  # the long question is cut where it must be, not the state
        tab_name = "サポートからの依頼" if language == "ja" else "Requests"
        assert tab_name in "\n".join(lines[:6])


@pytest.mark.parametrize("language", ["ja", "en"])
async def test_a_wrapped_checklist_item_hangs_under_its_text(
    store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    monkeypatch.setenv("INCIDENT_JOURNAL_LANG", language)
    incident_id = seeded(store, language, datetime.now().astimezone())
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.open_incident(incident_id)
        await pilot.pause()
        await pilot.pause()
        body = app.screen.query_one("#overview-body").text
        lines = body.splitlines()
        first = next(i for i, line in enumerate(lines) if line.startswith("  • ") and LONG_ITEM[language][:5] in line)
        following = lines[first + 1]
        assert following.startswith("    ") and not following[4:].startswith(" "), following
        assert "•" not in following
        # The item's words are all there, in order, across the lines.
        joined = lines[first][4:] + following[4:]
        assert LONG_ITEM[language][:30].replace(" ", "") in joined.replace(" ", "")
        for line in lines:
            assert line.strip() != "•"
            assert not line.strip() or line.strip()[0] not in NO_LINE_START


def test_hanging_wraps_japanese_by_cells_without_a_closing_bracket_first() -> None:
    from textual.content import Content

    text = "サポートの質問に早く、漏れなく答える（下の「サポートからの依頼」を参照）"
    for width in range(14, 40):
        lines = [line.plain for line in hanging(Content("  • "), Content(text), width)]
        assert all(cell_len(line) <= width for line in lines), (width, lines)
        assert lines[0].startswith("  • ") and all(line.startswith("    ") for line in lines[1:])
        assert all(line[4] not in NO_LINE_START for line in lines[1:]), (width, lines)
        assert "".join(line[4:] for line in lines) == text


def japanese_hold_with_usual_questions(store: Store, monkeypatch: pytest.MonkeyPatch) -> Incident:
    """A hold created in a Japanese session, with the four usual security questions added."""
    monkeypatch.setenv("INCIDENT_JOURNAL_LANG", "ja")
    incident = actions.new_incident(store, kind="other", title="保留", language="ja")
    incident = store.load(incident.id)
    actions.add_security_questions(incident, datetime.now().astimezone(), language="ja")
    return incident


async def test_reply_from_a_japanese_session_quotes_the_usual_questions_in_english(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    incident = japanese_hold_with_usual_questions(store, monkeypatch)
    incident.requests[1].answer = "11月19日 22時ごろ、自宅から"
    store.save(incident)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.screen.open_incident(incident.id)
        await pilot.pause()
        await pilot.press("6", "r")
        await pilot.pause()
        assert isinstance(app.screen, ReplyModal)
        text = app.screen.text
        assert i18n.language() == "ja"
        assert "Here are my answers to your questions." in text
        assert "> When and where you last accessed the account, and what you did" in text
        assert "(in my words)" in text
        assert "11月19日 22時ごろ、自宅から" in text  # the answer stays as written
        assert "最後にアカウントにアクセスした" not in text
        # The incident keeps the question as it was added.
        assert store.load(incident.id).requests[1].question.startswith("最後にアカウントにアクセスした")


@pytest.mark.parametrize("language", ["ja", "en"])
async def test_an_open_select_list_stays_inside_its_form(
    store: Store, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    from textual.containers import Vertical
    from textual.widgets._select import SelectOverlay

    monkeypatch.setenv("INCIDENT_JOURNAL_LANG", language)
    incident_id = seeded(store, language, datetime.now().astimezone())
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.open_incident(incident_id)
        await pilot.pause()
        await pilot.press("3", "a", "tab", "enter")  # the event form's Kind list: eleven kinds
        await pilot.pause()
        await pilot.pause()
        overlay = app.screen.query_one(SelectOverlay)
        dialog = app.screen.query_one(Vertical)
        assert overlay.display and overlay.region.height >= 3
        inside = dialog.content_region
        assert inside.contains_region(overlay.region), (overlay.region, inside)
        assert overlay.region.height == 11  # the form grew: all eleven kinds are in sight
        hint = app.screen.query_one(".form-hint")
        assert overlay.region.bottom <= hint.content_region.y  # and the hint too


async def test_tabs_and_columns_follow_a_language_switch(store: Store) -> None:
    from screens.modals import ConfirmModal

    incident_id = seeded(store, "en", datetime.now().astimezone())
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.open_incident(incident_id)
        await pilot.pause()
        await pilot.press("6")
        await pilot.pause()
        assert "6 Requests" in screen_text(app) and "Answered" in screen_text(app)
        i18n.set_language("ja")  # as the palette's language command does, over the screen
        app.push_screen(ConfirmModal("?"))
        await pilot.pause()
        app.pop_screen()
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert "6 サポートからの依頼" in text and "1 概要" in text
        assert "依頼日時" in text and "Asked at" not in text and "未回答" in text


async def test_the_answer_form_shows_a_usual_question_whole_at_80_columns(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A question still in the template's words is longer than the field: it is shown whole,
    wrapped above the field, not cut as a placeholder at the field's width."""
    from screens.forms import RequestForm

    incident = japanese_hold_with_usual_questions(store, monkeypatch)
    store.save(incident)
    question = store.load(incident.id).requests[0].question
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.open_incident(incident.id)
        await pilot.pause()
        await pilot.press("6", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RequestForm)
        shown = "".join(line.strip(" █▌▐▊▎") for line in screen_text(app).splitlines())
        assert question.replace(" ", "") in shown.replace(" ", ""), (question, screen_text(app))
