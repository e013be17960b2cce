"""Follow-ups on a fixed clock: the kind's default, 2 days after a message to support, moved
by a reply; `due` lists only incidents whose follow-up passed; `now` gathers what needs the
user today; counters (on hold, waiting on support, pending) across time zones."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

from journal import actions, counters, followups
from journal.cli import main
from journal.model import Contract, Incident, Message, Money
from journal.store import Store

OPENED = "2026-11-20T09:00:00+09:00"


def run(capsys, monkeypatch, now: str, *argv: str, stdin: bytes = b"") -> tuple[int, str, str]:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", now)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def new(capsys, monkeypatch, kind: str, title: str) -> str:
    code, out, err = run(capsys, monkeypatch, OPENED, "new", "--kind", kind, "--title", title)
    assert code == 0, err
    return out.strip().splitlines()[-1]


def due_ids(capsys, monkeypatch, now: str) -> list[str]:
    code, out, _ = run(capsys, monkeypatch, now, "due", "--json")
    assert code == 0
    return [row["id"] for row in json.loads(out)]


def test_due_lists_only_incidents_whose_follow_up_passed(capsys, monkeypatch) -> None:
    suspension = new(capsys, monkeypatch, "contract-suspension", "Acme paused")  # day 3
    review = new(capsys, monkeypatch, "security-review", "Login check")  # day 2
    closure = new(capsys, monkeypatch, "account-closure", "Closed")  # day 7
    assert due_ids(capsys, monkeypatch, "2026-11-22T08:59:00+09:00") == []
    assert due_ids(capsys, monkeypatch, "2026-11-22T09:00:00+09:00") == [review]
    # The same instant written in another zone gives the same answer.
    assert due_ids(capsys, monkeypatch, "2026-11-23T00:00:00+00:00") == [review, suspension]
    run(capsys, monkeypatch, "2026-11-23T10:00:00+09:00", "set-status", review, "resolved")
    assert due_ids(capsys, monkeypatch, "2026-11-28T09:00:00+09:00") == [suspension, closure]
    code, out, _ = run(capsys, monkeypatch, "2026-11-21T09:00:00+09:00", "due")
    assert code == 0 and out == ""


def test_a_message_to_support_sets_the_follow_up_and_a_reply_moves_it(capsys, monkeypatch) -> None:
    incident_id = new(capsys, monkeypatch, "contract-suspension", "Acme paused")
    assert Store().load(incident_id).follow_up_at.isoformat() == "2026-11-23T09:00:00+09:00"

    code, _, err = run(
        capsys,
        monkeypatch,
        "2026-11-21T12:00:00+09:00",
        "add-message",
        incident_id,
        "--direction",
        "sent",
        "--subject",
        "Status?",
        "--sender",
        "me",
        stdin=b"Any news?\n",
    )
    assert code == 0, err
    assert Store().load(incident_id).follow_up_at.isoformat() == "2026-11-23T12:00:00+09:00"
    assert "Follow-up: 2026-11-23 12:00 +09:00" in err
    assert due_ids(capsys, monkeypatch, "2026-11-23T11:59:00+09:00") == []
    assert due_ids(capsys, monkeypatch, "2026-11-23T12:00:00+09:00") == [incident_id]

    # Support replies (written in UTC): the follow-up moves to 3 days (the kind's default) after it.
    code, _, _ = run(
        capsys,
        monkeypatch,
        "2026-11-24T00:00:00+09:00",
        "add-message",
        incident_id,
        "--subject",
        "Re: Status?",
        "--sender",
        "Support",
        "--at",
        "2026-11-23T14:00Z",
        stdin=b"Still reviewing.\n",
    )
    assert code == 0
    incident = Store().load(incident_id)
    assert incident.follow_up_at == datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
    assert incident.events[-1].kind == "support-replied"
    assert due_ids(capsys, monkeypatch, "2026-11-24T00:00:00+09:00") == []


def test_a_back_dated_message_does_not_move_the_follow_up(capsys, monkeypatch) -> None:
    incident_id = new(capsys, monkeypatch, "account-hold", "Hold")
    run(
        capsys,
        monkeypatch,
        "2026-11-21T10:00:00+09:00",
        "add-message",
        incident_id,
        "--direction",
        "sent",
        "--subject",
        "Answers",
        "--sender",
        "me",
        stdin=b"...",
    )
    before = Store().load(incident_id).follow_up_at
    run(
        capsys,
        monkeypatch,
        "2026-11-21T11:00:00+09:00",
        "add-message",
        incident_id,
        "--direction",
        "sent",
        "--subject",
        "Earlier",
        "--sender",
        "me",
        "--at",
        "2026-11-20T10:00+09:00",
        stdin=b"...",
    )
    assert Store().load(incident_id).follow_up_at == before


def test_a_notice_without_a_message_sent_does_not_move_the_follow_up(capsys, monkeypatch) -> None:
    incident_id = new(capsys, monkeypatch, "contract-suspension", "Acme")
    run(
        capsys,
        monkeypatch,
        "2026-11-20T10:00:00+09:00",
        "add-message",
        incident_id,
        "--subject",
        "Your contract is on hold",
        "--sender",
        "Upwork",
        stdin=b"We paused it.",
    )
    assert Store().load(incident_id).follow_up_at.isoformat() == "2026-11-23T09:00:00+09:00"


def test_the_rules_are_in_the_core(store: Store) -> None:
    """The terminal UI calls the same action; the follow-up moves without the command line."""
    opened = datetime(2026, 11, 20, 9, 0, tzinfo=timezone(timedelta(hours=9)))
    incident = actions.new_incident(store, "security-review", "Check", opened_at=opened)
    assert incident.follow_up_at == opened + timedelta(days=2)
    sent = Message(at=opened + timedelta(hours=5), direction="sent", subject="Answers", sender="me")
    updated = actions.add_message(store, incident.id, sent)
    assert updated.follow_up_at == sent.at + timedelta(days=followups.SUPPORT_REPLY_DAYS)
    assert store.load(incident.id).follow_up_at == updated.follow_up_at


def test_now_lists_overdue_follow_ups_open_requests_and_near_deadlines(capsys, monkeypatch) -> None:
    for client, deadline in (("Acme Ltd", "2026-11-23"), ("Far Away Inc", "2026-11-24"), ("Late Co", "2026-11-19")):
        run(capsys, monkeypatch, OPENED, "contracts", "add", "--client", client, "--deadline", deadline)
    review = new(capsys, monkeypatch, "security-review", "Login check")  # copies the roster, 4 requests
    hold = new(capsys, monkeypatch, "account-hold", "Hold")  # copies the roster again
    suspension = new(capsys, monkeypatch, "contract-suspension", "Paused")
    done = new(capsys, monkeypatch, "security-review", "Old one")
    run(capsys, monkeypatch, OPENED, "set-status", done, "closed")

    code, out, _ = run(capsys, monkeypatch, "2026-11-20T12:00:00+09:00", "now", "--json")
    items = json.loads(out)
    kinds = [(i["kind"], i["incident"]) for i in items]
    assert ("follow-up", review) not in kinds  # not due yet
    assert [i["text"] for i in items if i["kind"] == "deadline"] == [
        "Late Co",
        "Acme Ltd",
    ]  # once each; 4 days is not near
    assert sum(1 for i in items if i["kind"] == "request") == 4
    assert all(i["incident"] != done for i in items)

    code, out, _ = run(capsys, monkeypatch, "2026-11-23T10:00:00+09:00", "now")
    lines = out.splitlines()
    # Oldest follow-up first (the two on day 2 in id order), then the one on day 3.
    assert lines[0] == f"follow-up  {hold}: due 2026-11-22 09:00 +09:00 (1d 1h ago)"
    assert lines[1].startswith(f"follow-up  {review}: due 2026-11-22 09:00 +09:00")
    assert lines[2] == f"follow-up  {suspension}: due 2026-11-23 09:00 +09:00 (1h ago)"
    assert any(line.startswith("request    ") and "VPN" in line for line in lines)
    deadlines = [line for line in lines if line.startswith("deadline")]
    assert deadlines[0].endswith("Late Co 4 days ago (2026-11-19)")
    assert deadlines[1].endswith("Acme Ltd today (2026-11-23)")
    assert deadlines[2].endswith("Far Away Inc tomorrow (2026-11-24)")


def test_now_when_nothing_needs_the_user(capsys, monkeypatch) -> None:
    code, out, err = run(capsys, monkeypatch, OPENED, "now")
    assert code == 0 and out == "" and "Nothing needs you today." in err


JST = timezone(timedelta(hours=9))
NEW_YORK = timezone(timedelta(hours=-5))


def test_counters_across_time_zones() -> None:
    opened = datetime(2026, 11, 20, 9, 0, tzinfo=JST)  # = 00:00 UTC
    incident = Incident(id="x", title="t", kind="account-hold", opened_at=opened)
    now = datetime(2026, 11, 23, 3, 30, tzinfo=UTC)  # 3d 3h 30m later
    assert counters.counters(incident, now).on_hold == timedelta(days=3, hours=3, minutes=30)
    assert counters.counters(incident, now).waiting_on_support is None

    # Sent from Tokyo at 10:00 JST (01:00 UTC); no reply yet: waiting until now.
    incident.add_message(Message(at=datetime(2026, 11, 20, 10, 0, tzinfo=JST), direction="sent", subject="Answers"))
    c = counters.counters(incident, now)
    assert c.awaiting_reply and c.waiting_on_support == timedelta(days=3, hours=2, minutes=30)

    # The reply, written in New York time: 2026-11-21 08:00 -05:00 = 13:00 UTC, 36 hours later.
    incident.add_message(Message(at=datetime(2026, 11, 21, 8, 0, tzinfo=NEW_YORK), subject="Re: Answers"))
    c = counters.counters(incident, now)
    assert not c.awaiting_reply and c.waiting_on_support == timedelta(hours=36)
    assert c.replied_at == datetime(2026, 11, 21, 13, 0, tzinfo=UTC)

    # A second message sent later counts from itself.
    incident.add_message(Message(at=datetime(2026, 11, 22, 3, 0, tzinfo=UTC), direction="sent"))
    assert counters.counters(incident, now).waiting_on_support == timedelta(days=1, minutes=30)

    # Resolved: the clocks stop at the closing.
    incident.set_status("resolved", datetime(2026, 11, 22, 15, 0, tzinfo=JST))  # 06:00 UTC
    c = counters.counters(incident, now)
    assert c.on_hold == timedelta(days=2, hours=6) and c.days_on_hold == 2
    assert c.waiting_on_support == timedelta(hours=3)


def test_pending_amounts_per_currency_are_exact() -> None:
    incident = Incident(id="x", title="t", kind="account-hold", opened_at=datetime(2026, 11, 20, tzinfo=JST))
    incident.contracts = [
        Contract("A", pending=Money(Decimal("0.10"), "USD")),
        Contract("B", pending=Money(Decimal("0.20"), "USD")),
        Contract("C", pending=Money(Decimal("15000"), "JPY")),
        Contract("D"),
    ]
    c = counters.counters(incident, datetime(2026, 11, 21, tzinfo=JST))
    assert c.pending == {"JPY": Decimal("15000"), "USD": Decimal("0.30")}
    assert c.to_json()["pending"] == {"JPY": "15000", "USD": "0.30"}


def test_show_prints_the_counters(capsys, monkeypatch) -> None:
    run(capsys, monkeypatch, OPENED, "contracts", "add", "--client", "Acme", "--pending", "420.00 USD")
    run(capsys, monkeypatch, OPENED, "contracts", "add", "--client", "Sakura", "--pending", "JPY 15000")
    incident_id = new(capsys, monkeypatch, "account-hold", "Hold")
    run(
        capsys,
        monkeypatch,
        OPENED,
        "add-message",
        incident_id,
        "--direction",
        "sent",
        "--subject",
        "Hi",
        "--sender",
        "me",
        "--at",
        "2026-11-20T10:00+09:00",
        stdin=b"...",
    )
    now = "2026-11-22T13:30:00+09:00"
    code, out, _ = run(capsys, monkeypatch, now, "show", incident_id)
    assert code == 0
    assert "on hold 2d 4h" in out
    assert "support    waiting 2d 3h for a reply" in out
    assert "pending    15000 JPY, 420.00 USD" in out
    code, out, _ = run(capsys, monkeypatch, now, "show", incident_id, "--json")
    data = json.loads(out)
    assert data["counters"] == {
        "on_hold_seconds": (2 * 24 + 4) * 3600 + 1800,
        "days_on_hold": 2,
        "waiting_since": "2026-11-20T10:00:00+09:00",
        "replied_at": None,
        "waiting_on_support_seconds": (2 * 24 + 3) * 3600 + 1800,
        "awaiting_reply": True,
        "pending": {"JPY": "15000", "USD": "420.00"},
    }


def test_record_message_applies_the_rules_inside_an_update(store: Store) -> None:
    opened = datetime(2026, 11, 20, 9, 0, tzinfo=timezone(timedelta(hours=9)))
    incident = actions.new_incident(store, "policy-warning", "Warning", opened_at=opened)  # 7 days
    sent = Message(at=opened + timedelta(hours=1), direction="sent", subject="Why?")
    reply = Message(at=opened + timedelta(days=1), subject="Re: Why?")
    store.update(incident.id, lambda i: actions.record_message(i, sent))
    assert store.load(incident.id).follow_up_at == sent.at + timedelta(days=2)
    store.update(incident.id, lambda i: actions.record_message(i, reply))
    assert store.load(incident.id).follow_up_at == reply.at + timedelta(days=7)


def test_a_bad_file_does_not_stop_now(capsys, monkeypatch, tmp_path) -> None:
    new(capsys, monkeypatch, "security-review", "Login check")
    bad = tmp_path / "data" / "incidents" / "broken.toml"
    bad.write_text("format = 1\ntitle = 3\n")
    code, out, err = run(capsys, monkeypatch, "2026-11-20T12:00:00+09:00", "now")
    assert code == 0
    assert f"warning: {bad}:2:" in err
    assert sum(1 for line in out.splitlines() if line.startswith("request")) == 4
