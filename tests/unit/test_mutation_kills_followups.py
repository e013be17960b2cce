"""What `now`, `now --json` and the home screen's line say, item by item and word for word,
and where the follow-up moves at the edges of its rules: each case here was added because
changing journal/followups.py there went unnoticed (mutation testing, docs/mutation.md)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from journal import codec, followups
from journal.followups import NowItem, gather, summary_now_items, today_line
from journal.index import Problem, Summary
from journal.model import Incident, Message
from journal.roster import RosterContract
from journal.store import Store

JST = ZoneInfo("Asia/Tokyo")
OPENED = datetime(2026, 11, 20, 9, 0, tzinfo=JST)
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=JST)
SOON = date(2026, 11, 24)  # tomorrow
FAR = date(2026, 11, 30)  # a week away: not in now


def summary(
    id: str = "a",
    title: str = "Hold",
    kind: str = "contract-suspension",
    status: str = "open",
    **fields: object,
) -> Summary:
    return Summary(id=id, title=title, platform="Upwork", kind=kind, status=status, opened_at=OPENED, **fields)  # type: ignore[arg-type]


# --- follow-up rules at their edges ------------------------------------------------------


def incident_with(*messages: Message, status: str = "open") -> Incident:
    incident = Incident(id="x", title="t", kind="policy-warning", opened_at=OPENED, status=status)
    incident.follow_up_at = OPENED + timedelta(days=7)
    for message in messages:
        incident.messages.append(message)
    return incident


def test_a_new_incident_follows_up_after_its_days_and_never_with_zero_days() -> None:
    assert followups.default_follow_up(OPENED, 0) is None
    assert followups.default_follow_up(OPENED, 1) == OPENED + timedelta(days=1)
    assert followups.default_follow_up(OPENED, 2) == OPENED + timedelta(days=2)
    assert followups.default_follow_up(OPENED, -1) is None


def test_a_message_to_a_closed_incident_does_not_move_its_follow_up() -> None:
    sent = Message(at=OPENED + timedelta(hours=1), direction="sent", subject="Why?")
    incident = incident_with(sent, status="resolved")
    before = incident.follow_up_at
    assert followups.after_message(incident, sent, 7) is None
    assert incident.follow_up_at == before


def test_a_message_received_with_no_message_sent_before_it_moves_nothing() -> None:
    first = Message(at=OPENED + timedelta(hours=1), subject="Notice")
    second = Message(at=OPENED + timedelta(hours=2), subject="Another notice")
    incident = incident_with(first, second)
    before = incident.follow_up_at
    assert followups.after_message(incident, second, 7) is None
    assert incident.follow_up_at == before


def test_a_message_received_at_the_same_minute_as_one_sent_is_not_a_reply() -> None:
    at = OPENED + timedelta(hours=1)
    sent = Message(at=at, direction="sent", subject="Why?")
    received = Message(at=at, subject="Auto-acknowledgement")
    incident = incident_with(sent, received)
    before = incident.follow_up_at
    assert followups.after_message(incident, received, 7) is None
    assert incident.follow_up_at == before


def test_a_reply_moves_the_follow_up_by_the_kinds_days_one_day_too() -> None:
    sent = Message(at=OPENED + timedelta(hours=1), direction="sent", subject="Why?")
    reply = Message(at=OPENED + timedelta(days=1), subject="Re: Why?")
    incident = incident_with(sent, reply)
    assert followups.after_message(incident, reply, 1) == reply.at + timedelta(days=1)
    assert incident.follow_up_at == reply.at + timedelta(days=1)


def test_a_reply_to_a_kind_without_follow_up_days_clears_it_in_the_file(store: Store) -> None:
    sent = Message(at=OPENED + timedelta(hours=1), direction="sent", subject="Why?")
    reply = Message(at=OPENED + timedelta(days=1), subject="Re: Why?")
    incident = incident_with(sent, reply)
    assert followups.after_message(incident, reply, 0) is None
    assert incident.follow_up_at is None
    saved = store.create(incident)
    text = store.path_for(saved.id).read_text("utf-8")
    assert "follow_up_at" not in text
    assert store.load(saved.id).follow_up_at is None
    assert codec.loads(text).follow_up_at is None


# --- the items of one incident -----------------------------------------------------------


def test_an_overdue_follow_up_and_each_open_request_are_items_with_their_fields() -> None:
    asked = "2026-11-21T08:30:00+09:00"
    s = summary(
        id="a",
        title="Login check",
        follow_up_at=OPENED + timedelta(days=2),
        questions=[[0, "Which devices?", asked], [2, "Last access?", ""]],
    )
    assert summary_now_items(s, NOW) == [
        NowItem("follow-up", "a", "Login check", "Follow-up due", at=OPENED + timedelta(days=2)),
        NowItem("request", "a", "Login check", "Which devices?", at=datetime.fromisoformat(asked), index=0),
        NowItem("request", "a", "Login check", "Last access?", at=None, index=2),
    ]
    assert summary_now_items(summary(status="resolved", follow_up_at=OPENED), NOW) == []


def test_contract_deadlines_typed_linked_ended_and_missing_from_the_roster() -> None:
    roster = {
        "acme-ltd": RosterContract(id="acme-ltd", client="Acme Ltd (roster)", deadline=SOON),
        "gone-co": RosterContract(id="gone-co", client="Gone Co", state="ended", deadline=SOON),
        "far-inc": RosterContract(id="far-inc", client="Far Inc", deadline=FAR),
    }
    s = summary(
        title="Paused",
        deadlines=[
            [0, "Gone Co", "2026-11-24", "gone-co"],  # ended in the roster: left out
            [1, "Typed Co", "2026-11-24"],  # an entry written before roster ids
            [2, "Acme Ltd", "2026-11-30", "acme-ltd"],  # the roster's deadline wins
            [3, "Far Inc", "2026-11-24", "far-inc"],  # the roster's deadline is far
            [4, "Lost Co", "2026-11-23T18:00:00+09:00", "no-such-entry"],  # not in the roster
            [5, "Later Co", "2026-11-30"],
        ],
    )
    assert summary_now_items(s, NOW, roster) == [
        NowItem("deadline", "a", "Paused", "Typed Co", deadline=SOON, index=1),
        NowItem("deadline", "a", "Paused", "Acme Ltd (roster)", deadline=SOON, index=2, roster_id="acme-ltd"),
        NowItem("deadline", "a", "Paused", "Lost Co", deadline=datetime(2026, 11, 23, 18, 0, tzinfo=JST), index=4),
    ]


# --- everything, sorted, once ------------------------------------------------------------


def test_now_lists_follow_ups_then_requests_then_deadlines_soonest_first() -> None:
    at = datetime.fromisoformat("2026-11-21T08:30:00+09:00")
    s = summary(
        id="b",
        title="Paused",
        questions=[[1, "Second?", at.isoformat()], [0, "First?", at.isoformat()]],
        deadlines=[[0, "Later Co", "2026-11-25"], [1, "Sooner Co", "2026-11-24"]],
    )
    items = gather([s], [], NOW)
    assert [(i.kind, i.text, i.index) for i in items] == [
        ("request", "First?", 0),
        ("request", "Second?", 1),
        ("deadline", "Sooner Co", 1),
        ("deadline", "Later Co", 0),
    ]


def test_an_item_without_index_comes_after_those_with_one() -> None:
    extra = [NowItem("deadline", "a", "Hold", "Rule B", deadline=SOON, rule_id="r-b")]
    s = summary(id="a", deadlines=[[0, "Client A", "2026-11-24"]])
    assert [i.text for i in gather([s], [], NOW, extra)] == ["Client A", "Rule B"]


def test_while_a_hold_stops_all_work_every_active_roster_deadline_is_listed_once() -> None:
    roster = [
        RosterContract(id="acme-ltd", client="Acme Ltd", deadline=SOON),
        RosterContract(id="acme-ltd-2", client="Acme Ltd", deadline=SOON),  # same client, another contract
        RosterContract(id="ended", client="Ended", state="ended", deadline=SOON),
        RosterContract(id="far", client="Far", deadline=FAR),
    ]
    hold = summary(id="z", title="Account on hold", kind="account-hold")
    paused = summary(id="p", title="Paused", deadlines=[[0, "Acme Ltd", "2026-11-30", "acme-ltd"]])
    items = gather([hold, paused], roster, NOW)
    assert items == [
        NowItem("deadline", "p", "Paused", "Acme Ltd", deadline=SOON, index=0, roster_id="acme-ltd"),
        NowItem("deadline", "z", "Account on hold", "Acme Ltd", deadline=SOON, roster_id="acme-ltd-2"),
    ]
    assert gather([paused], roster, NOW) == [items[0]]  # no hold: only the incident's own


def test_typed_contracts_are_one_item_per_client_and_deadline() -> None:
    a = summary(id="a", deadlines=[[0, "Acme Ltd", "2026-11-24"], [1, "Beta", "2026-11-24"]])
    b = summary(id="b", deadlines=[[0, "ACME LTD", "2026-11-24"], [1, "Acme Ltd", "2026-11-25"]])
    items = gather([a, b], [], NOW)
    assert [(i.incident_id, i.text, i.deadline) for i in items] == [
        ("a", "Acme Ltd", SOON),
        ("a", "Beta", SOON),
        ("b", "Acme Ltd", date(2026, 11, 25)),
    ]


def test_extra_items_are_kept_and_rule_deadlines_are_never_merged() -> None:
    extra = [
        NowItem("deadline", "a", "Hold", "Verify your identity", deadline=SOON, rule_id="r1"),
        NowItem("deadline", "a", "Hold", "Verify your identity", deadline=SOON, rule_id="r1"),
    ]
    assert gather([], [], NOW, extra) == extra


# --- the whole journal -------------------------------------------------------------------


def test_now_items_reads_rule_deadlines_and_names_a_broken_roster(store: Store) -> None:
    start = datetime(2026, 11, 26, 10, 0, tzinfo=JST)
    incident = store.create(
        Incident(id="", title="Verify", kind="identity-verification", opened_at=start, platform="Upwork")
    )
    now = datetime(2026, 11, 27, 9, 0, tzinfo=JST)
    items, problems = followups.now_items(store, now)
    rules = [i for i in items if i.rule_id]
    assert [(i.incident_id, i.text, i.deadline) for i in rules] == [
        (incident.id, "Verify your identity", datetime(2026, 12, 3, 10, 0, tzinfo=JST))
    ]
    assert problems == []
    assert followups.rule_deadline_items(store, store.scan()[0], now) == rules

    roster = store.data_dir / "contracts.toml"
    roster.write_text("format = 1\n[[contract\n", "utf-8")
    items, problems = followups.now_items(store, now)
    assert [i.text for i in items if i.rule_id] == ["Verify your identity"]
    assert len(problems) == 1
    assert problems[0].path == str(roster)
    assert problems[0].message.startswith(f"{roster}:2:")
    assert problems[0].message.endswith("; roster deadlines are not shown")
    assert isinstance(problems[0], Problem)


# --- what the user reads -----------------------------------------------------------------


def test_now_json_gives_every_field_of_an_item() -> None:
    moment = datetime(2026, 11, 24, 18, 0, tzinfo=JST)
    item = NowItem("deadline", "a", "Hold", "Acme", at=moment, deadline=SOON, index=2, roster_id="acme", rule_id="r")
    assert item.to_json(NOW) == {
        "kind": "deadline",
        "incident": "a",
        "title": "Hold",
        "text": "Acme",
        "at": "2026-11-24T18:00:00+09:00",
        "deadline": "2026-11-24",
        "when": "tomorrow",
        "roster_id": "acme",
        "rule": "r",
        "index": 2,
    }
    bare = NowItem("follow-up", "a", "Hold", "Follow-up due")
    assert json.loads(json.dumps(bare.to_json(NOW))) == {
        "kind": "follow-up",
        "incident": "a",
        "title": "Hold",
        "text": "Follow-up due",
        "at": None,
        "deadline": None,
        "when": None,
        "roster_id": None,
        "rule": None,
        "index": None,
    }


def test_days_left_of_an_item() -> None:
    assert NowItem("deadline", "a", "t", "c", deadline=SOON).days_left(NOW) == 1
    assert NowItem("deadline", "a", "t", "c", deadline=date(2026, 11, 20)).days_left(NOW) == -3
    assert NowItem("follow-up", "a", "t", "c").days_left(NOW) is None


def item(kind: str, incident: str = "a", title: str = "Account on hold", text: str = "", **fields: object) -> NowItem:
    return NowItem(kind, incident, title, text, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("items", "line"),
    [
        ([], ""),
        ([item("follow-up")], "1 thing needs you today: follow up with support on “Account on hold”"),
        (
            [item("request", text="q1"), item("request", text="q2")],
            "2 things need you today: answer 2 questions from support on “Account on hold”",
        ),
        (
            [item("request", text="q1"), item("request", "b", "Paused", "q2")],
            "2 things need you today: answer a question from support on “Account on hold”;"
            " answer a question from support on “Paused”",
        ),
        (
            [
                item("follow-up"),
                item("deadline", text="Acme", deadline=SOON),
                item("deadline", text="Verify your identity", deadline=NOW.date(), rule_id="r"),
            ],
            "3 things need you today: Acme's deadline tomorrow; Verify your identity: today;"
            " follow up with support on “Account on hold”",
        ),
        (
            [
                item("follow-up"),
                item("follow-up", "b", "Paused"),
                item("request", "c", "Review", "q"),
                item("deadline", text="Acme", deadline=SOON),
                item("deadline", text="Beta", deadline=SOON),
            ],
            "5 things need you today: Acme's deadline tomorrow; Beta's deadline tomorrow;"
            " follow up with support on “Account on hold”; and 2 more",
        ),
        (
            [item("follow-up"), item("follow-up", "b", "Paused"), item("follow-up", "c", "Review")],
            "3 things need you today: follow up with support on “Account on hold”;"
            " follow up with support on “Paused”; follow up with support on “Review”",
        ),
    ],
)
def test_the_home_screen_line(items: list[NowItem], line: str) -> None:
    assert today_line(items, NOW) == line


def test_the_home_screen_line_names_as_many_parts_as_asked() -> None:
    items = [item("follow-up"), item("follow-up", "b", "Paused")]
    assert today_line(items, NOW, shown=1) == (
        "2 things need you today: follow up with support on “Account on hold”; and 1 more"
    )


def test_a_contract_typed_into_an_incident_and_kept_on_the_roster_is_one_line() -> None:
    """The demo's case: the incident lists Acme by hand (no roster id) while a hold that stops
    work lists every roster contract; Now and the home line name Acme's deadline once."""
    roster = [RosterContract(id="acme-ltd", client="Acme Ltd", deadline=SOON)]
    hold = summary(id="z", title="Account on hold", kind="account-hold", deadlines=[[0, "ACME LTD", "2026-11-24"]])
    items = gather([hold], roster, NOW)
    assert [(i.text, i.deadline) for i in items if i.kind == "deadline"] == [("ACME LTD", SOON)]
