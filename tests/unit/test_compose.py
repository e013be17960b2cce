"""Drafts built from the record, from the DOMAIN.md stories: the appeal quotes the notice byte
for byte, the client note says only what the rules allow (clean for the outgoing check in both
languages), the status request waits for the follow-up; `draft` on the command line."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from journal import compose
from journal.cli import main
from journal.demo import HOLD_NOTICE, SUSPENSION_NOTICE
from journal.errors import BadInputError
from journal.model import Contract, Event, Incident, Message, SupportRequest
from journal.outgoing import check_outgoing

JST = ZoneInfo("Asia/Tokyo")
OPENED = datetime(2026, 11, 20, 9, 12, tzinfo=JST)
NOW = OPENED + timedelta(days=5)


def suspension() -> Incident:
    """The grey card: one contract paused, the notice with no reason."""
    incident = Incident(
        id="2026-11-20-contract-suspension-northwind",
        title="Contract with Northwind paused",
        kind="contract-suspension",
        opened_at=OPENED,
        follow_up_at=OPENED + timedelta(days=3),
    )
    incident.add_message(Message(at=OPENED, sender="Trust & Safety", subject="Contract paused", body=SUSPENSION_NOTICE))
    incident.add_event(Event(at=OPENED + timedelta(minutes=5), kind="work-paused", text="Stopped work on milestone 2"))
    incident.contracts = [
        Contract(
            client="Northwind Studio",
            contract_id="38211011",
            state="paused",
            deadline=OPENED.date() + timedelta(days=10),
        )
    ]
    return incident


def account_hold() -> Incident:
    """The yellow card: a whole-account hold for protection, four questions answered."""
    incident = Incident(id="2026-11-20-account-hold", title="Account on hold", kind="account-hold", opened_at=OPENED)
    crlf = HOLD_NOTICE.replace("\n", "\r\n") + "  trailing spaces\t"
    incident.add_message(Message(at=OPENED, sender="Account Security", subject="Temporary hold", body=crlf))
    incident.requests = [
        SupportRequest(
            question="When and where did you last access your account?", answer="Yesterday 21:00 from Tokyo, on my Mac."
        )
    ]
    return incident


@pytest.mark.parametrize("make", [suspension, account_hold])
@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_appeal_quotes_the_notice_byte_for_byte(make, language: str) -> None:
    incident = make()
    draft = compose.appeal(incident, language)
    body = incident.messages[0].body
    assert body in draft.text
    begin = draft.text.index(compose.WORDS[language]["begin"] + "\n") + len(compose.WORDS[language]["begin"]) + 1
    end = draft.text.index(compose.WORDS[language]["end"])
    assert draft.text[begin:end] in (body, body + "\n")
    assert compose.WORDS[language]["new_info"] in draft.text and compose.WORDS[language]["new_error"] in draft.text


def test_the_appeal_lists_the_facts_and_the_answers() -> None:
    draft = compose.appeal(account_hold())
    assert (
        "- 2026-11-20 09:12 +09:00 (2026-11-20 00:12 UTC): Received: Temporary hold from Account Security" in draft.text
    )
    assert (
        "Question: When and where did you last access your account?\nAnswer:\nYesterday 21:00 from Tokyo" in draft.text
    )
    assert draft.subject == "Appeal: Account on hold"


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("make", [suspension, account_hold])
def test_every_draft_is_clean_for_the_outgoing_check(make, language: str) -> None:
    incident = make()
    incident.follow_up_at = OPENED + timedelta(days=1)
    for kind in ("client-note", "status-request"):
        draft = compose.build_draft(incident, kind, NOW, language)
        assert check_outgoing(f"{draft.subject}\n\n{draft.text}", language) == [], (kind, draft.text)


def test_the_client_note_says_status_timeline_and_what_the_client_can_do() -> None:
    note = compose.client_note(suspension(), 0, "en")
    assert note.text.startswith("Hello Northwind Studio,\n")
    assert "Upwork paused our contract (#38211011) on 2026-11-20 while it reviews it" in note.text
    assert "my account" not in note.text  # a contract suspension is about one contract
    assert "Expected timeline:" in note.text and "What you can do:" in note.text
    assert "The current deadline is 2026-11-30" in note.text
    ja = compose.client_note(suspension(), 0, "ja")
    assert (
        ja.text.startswith("Northwind Studio 様\n")
        and "契約 (#38211011)を一時停止" in ja.text
        and "今後の見通し" in ja.text
    )
    held = compose.client_note(account_hold(), None, "en")
    assert "placed my account under review (account on hold)" in held.text and held.text.startswith("Hello client,")
    with pytest.raises(BadInputError, match="no contract 3"):
        compose.client_note(suspension(), 2)


def test_the_status_request_waits_for_the_follow_up() -> None:
    incident = suspension()
    with pytest.raises(BadInputError, match="a status request is for after it passes"):
        compose.status_request(incident, OPENED + timedelta(days=1))
    draft = compose.status_request(incident, NOW)
    assert "I had planned to follow up on 2026-11-23" in draft.text and draft.subject.startswith("Status request:")
    incident.status = "resolved"
    with pytest.raises(BadInputError, match="no status to ask for"):
        compose.status_request(incident, NOW)


def test_draft_command_prints_warns_and_logs(capsys) -> None:
    assert (
        main(["new", "--kind", "contract-suspension", "--title", "Contract paused", "--opened", "2026-11-20 09:12"])
        == 0
    )
    incident_id = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["draft", incident_id, "appeal", "--lang", "ja"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Subject: 異議申し立て：Contract paused\n\n") and err == ""
    assert main(["draft", incident_id, "appeal", "--log", "--at", "2026-11-25 10:00"]) == 0
    assert "Recorded as a sent message" in capsys.readouterr().err
    assert main(["show", incident_id, "--json"]) == 0
    import json

    sent = [m for m in json.loads(capsys.readouterr().out)["messages"] if m["direction"] == "sent"]
    assert len(sent) == 1 and sent[0]["subject"] == "Appeal: Contract paused"
    assert main(["draft", incident_id, "client-note", "--contract", "4"]) != 0
    assert "there is no contract 4" in capsys.readouterr().err


def test_a_deadline_with_a_time_reads_as_a_local_moment_in_the_client_note() -> None:
    incident = suspension()
    incident.contracts[0].deadline = datetime(2026, 11, 30, 9, 0, tzinfo=ZoneInfo("UTC"))
    note = compose.client_note(incident, 0, "en")
    assert "The current deadline is 2026-11-30 18:00 +09:00;" in note.text  # the user's zone (Tokyo in tests)
    assert "T09:00:00" not in note.text
