"""One action, one record: linked checklist items and events, contracts on the timeline,
and the templates' links in both languages."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone

import pytest

from journal import items, templates
from journal.errors import BadInputError
from journal.model import ChecklistItem, Contract, Event, Incident, Message

AT = datetime(2026, 11, 25, 10, 0, tzinfo=timezone(timedelta(hours=9)))


def incident() -> Incident:
    found = Incident(id="x", title="Hold", kind="account-hold", opened_at=AT - timedelta(days=2))
    found.checklist = [
        ChecklistItem(text="Tell Acme Ltd about the delay", event="client-notified"),
        ChecklistItem(text="Tell clients with near deadlines what you can", event="client-notified"),
    ]
    found.contracts = [Contract(client="Acme Ltd", state="paused")]
    return found


def test_an_event_ticks_the_linked_item_that_names_it_first() -> None:
    found = incident()
    said = items.add_event(
        found, Event(at=AT, kind="client-notified", text="Tell clients with near deadlines what you can")
    )
    assert found.checklist[1].done_at == AT and found.checklist[0].done_at is None
    assert said.startswith('; ticked "Tell clients')


def test_telling_a_client_adds_one_event_and_ticks_the_item_naming_them() -> None:
    found = incident()
    items.mark_told(found, 0, AT)
    items.contract_changed(found, None, found.contracts[0], AT)  # said twice: still one event
    assert [e.kind for e in found.events] == ["client-notified"]
    assert found.checklist[0].done_at == AT and found.checklist[1].done_at is None


def test_a_contract_state_change_is_a_timeline_event() -> None:
    found = incident()
    old = copy.deepcopy(found.contracts[0])
    new = copy.deepcopy(old)
    new.state = "active"
    items.contract_changed(found, old, new, AT)
    assert [(e.kind, e.text) for e in found.events] == [("work-resumed", "Contract with Acme Ltd: paused -> active")]
    new2 = copy.deepcopy(new)
    new2.state = "ended"
    items.contract_changed(found, new, new2, AT + timedelta(hours=1))
    assert found.events[-1].kind == "note" and found.events[-1].text.endswith("active -> ended")


def test_deleting_a_message_takes_its_own_timeline_event_with_it() -> None:
    found = incident()
    found.add_message(Message(at=AT, subject="Temporary hold", body="..."))
    found.add_event(Event(at=AT, kind="note", text="Read it twice"))
    assert items.remove(found, "messages", 0) == 'Deleted message 1 "Temporary hold"'
    assert found.messages == [] and [e.kind for e in found.events] == ["note"]


def test_describe_refuses_an_item_that_is_not_there() -> None:
    with pytest.raises(BadInputError, match="there is no support request 1"):
        items.describe(incident(), "requests", 0)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_templates_link_stop_work_password_and_telling_clients(language: str) -> None:
    links = {
        kind: set(templates.load_template(kind, language).links.values())
        for kind in ("contract-suspension", "security-review", "account-hold")
    }
    assert links["contract-suspension"] == {"work-paused"}
    assert links["security-review"] == {"password-changed", "client-notified"}
    assert links["account-hold"] == {"client-notified"}


def test_a_user_template_with_an_unknown_event_kind_is_refused_in_one_line(tmp_path, monkeypatch) -> None:
    folder = templates.user_templates_dir() / "en"
    folder.mkdir(parents=True)
    (folder / "other.toml").write_text('[[checklist]]\ntext = "Pause"\nevent = "paused-work"\n', encoding="utf-8")
    template = templates.load_template("other", "en")
    assert len(template.problems) == 1 and "paused-work" in template.problems[0]
