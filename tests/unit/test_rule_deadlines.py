"""Platform rules and the deadlines computed from them: every shipped rule from a fixed
record, business days across a weekend, a UTC rule for a user in Tokyo, the earliest of two
pages, marks kept in the file, user rule files refused with file and line, and the
`deadlines` command with Now."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from journal import codec, deadline_views, rules
from journal import rule_deadlines as deadlines
from journal.cli import main
from journal.model import Event, Incident, Message

JST = ZoneInfo("Asia/Tokyo")
UTC = UTC
START = datetime(2026, 11, 26, 10, 0, tzinfo=JST)  # a Thursday; 01:00 UTC
RULES = rules.load_rules(user_dir=None)

# Every rule with a clock, and the deadline it must give from START (UTC). Written by hand
# from each rule's page: a change to a figure must change this table too.
EXPECTED = {
    "upwork-identity-verification": datetime(2026, 12, 3, 1, 0, tzinfo=UTC),  # 7 calendar days
    "upwork-escrow-refund-request": datetime(2026, 12, 3, 1, 0, tzinfo=UTC),  # 7 days
    "upwork-dispute-client-reply": datetime(2026, 12, 1, 1, 0, tzinfo=UTC),  # 5 days beats 5 business days (12-03)
    "upwork-mediation": datetime(2026, 12, 26, 1, 0, tzinfo=UTC),  # 30 days
    "upwork-arbitration": datetime(2026, 12, 3, 1, 0, tzinfo=UTC),  # 7 days
    "upwork-milestone-review": datetime(2026, 12, 10, 1, 0, tzinfo=UTC),  # 14 days
    "upwork-hourly-dispute": datetime(2026, 11, 29, 1, 0, tzinfo=UTC),  # 3 calendar days beats 3 business days
    "upwork-hourly-review-window": datetime(2026, 12, 5, 0, 0, tzinfo=UTC),  # Friday 12-04 23:59 UTC ends
    "upwork-hourly-earnings-available": datetime(2026, 12, 10, 0, 0, tzinfo=UTC),  # Wednesday of week 3
    "upwork-payment-security-period": datetime(2026, 12, 1, 1, 0, tzinfo=UTC),  # 5 days
    "upwork-compliance-notice": datetime(2026, 12, 26, 1, 0, tzinfo=UTC),  # 30 days
    "upwork-non-response": datetime(2026, 11, 28, 1, 0, tzinfo=UTC),  # 48 hours beats 7 days
    "upwork-refund-window": datetime(2027, 5, 25, 1, 0, tzinfo=UTC),  # 180 days beats 365
    "upwork-non-circumvention": datetime(2028, 11, 26, 1, 0, tzinfo=UTC),  # 24 months
    "fiverr-warning": datetime(2027, 2, 24, 1, 0, tzinfo=UTC),  # 90 days
    "fiverr-clearance": datetime(2026, 12, 10, 1, 0, tzinfo=UTC),  # 14 days
    "fiverr-disabled-withdrawal": datetime(2027, 2, 24, 1, 0, tzinfo=UTC),  # 90 days
    "paypal-payment-hold": datetime(2026, 12, 17, 1, 0, tzinfo=UTC),  # 21 days, in the user's zone
    "payoneer-proof-of-residence": datetime(2026, 8, 26, 1, 0, tzinfo=UTC),  # 3 months before
}


def incident_for(rule: rules.Rule) -> Incident:
    incident = Incident(id="x", title="t", kind="other", opened_at=START, platform=rule.platform)
    deadlines.set_start(incident, rule.id, START)
    return incident


def test_every_shipped_rule_names_its_page_and_date() -> None:
    assert not RULES.problems
    for rule in RULES.rules:
        assert rule.versions, rule.id
        for version in rule.versions:
            assert version.url.startswith("https://"), rule.id
            assert version.read.isoformat() == "2026-11-29", rule.id
            assert version.quote, rule.id


def test_every_rule_with_a_clock_is_tested() -> None:
    assert {r.id for r in RULES.rules if r.has_clock} == set(EXPECTED)


@pytest.mark.parametrize("rule_id", sorted(EXPECTED))
def test_each_rule_computes_its_deadline_from_a_fixed_record(rule_id: str) -> None:
    rule = RULES.get(rule_id)
    assert rule is not None
    [found] = [d for d in deadlines.incident_deadlines(incident_for(rule), RULES, JST) if d.rule.id == rule_id]
    assert found.due == EXPECTED[rule_id]
    assert found.started_by == "the date you entered"


def test_business_days_skip_the_weekend() -> None:
    friday = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    assert deadlines.count(friday, 5, "business-days", UTC) == datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    assert deadlines.count(friday, 1, "business-days", UTC) == datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    saturday = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    assert deadlines.count(saturday, 1, "business-days", UTC) == datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def test_a_utc_rule_for_a_user_in_tokyo_counts_utc_days() -> None:
    # Sunday 2026-11-29 08:00 JST is still Saturday 23:00 UTC: one UTC business day is Monday
    # 23:00 UTC, which is Tuesday 08:00 in Tokyo; counted in Tokyo it would be Monday 08:00.
    sunday_jst = datetime(2026, 11, 29, 8, 0, tzinfo=JST)
    assert deadlines.count(sunday_jst, 1, "business-days", UTC) == datetime(2026, 11, 30, 23, 0, tzinfo=UTC)
    assert deadlines.count(sunday_jst, 1, "business-days", JST) == datetime(2026, 11, 29, 23, 0, tzinfo=UTC)
    assert (
        deadline_views.when_text(datetime(2026, 11, 30, 23, 0, tzinfo=UTC), JST)
        == "2026-12-01 08:00 JST (2026-11-30 23:00 UTC)"
    )


def test_local_days_keep_the_wall_clock_across_daylight_saving() -> None:
    new_york = ZoneInfo("America/New_York")
    start = datetime(2026, 10, 31, 9, 0, tzinfo=new_york)  # DST ends 2026-11-01
    due = deadlines.count(start, 7, "days", new_york)
    assert due.astimezone(new_york).hour == 9 and due.astimezone(new_york).day == 7


def test_earliest_of_two_pages_is_used_and_both_are_shown() -> None:
    rule = RULES.get("upwork-hourly-dispute")
    assert rule is not None
    incident = incident_for(rule)
    [found] = [d for d in deadlines.incident_deadlines(incident, RULES, JST) if d.rule.id == rule.id]
    assert found.disagree
    assert [m for _, m in found.versions] == [
        datetime(2026, 11, 29, 1, 0, tzinfo=UTC),
        datetime(2026, 12, 1, 1, 0, tzinfo=UTC),
    ]
    block = "\n".join(deadline_views.deadline_block(found, START, zone=JST))
    assert "2026-11-29 10:00 JST (01:00 UTC)" in block.splitlines()[0]
    assert "3 calendar days (UTC)" in block and "3 business days (UTC)" in block
    assert "211068588-Client-disputed-my-hours" in block and "the earliest is used" in block


def test_kind_phrase_and_event_start_the_clock() -> None:
    incident = Incident(id="x", title="t", kind="identity-verification", opened_at=START)
    [found] = deadlines.incident_deadlines(incident, RULES, JST)
    assert found.rule.id == "upwork-identity-verification" and found.start == START
    line = deadline_views.deadline_line(found, START, zone=JST)
    assert line.startswith("Verify your identity by 2026-12-03 10:00 JST (01:00 UTC)")
    notice = Incident(id="y", title="t", kind="account-hold", opened_at=START)
    notice.add_message(Message(at=START, subject="Escrow refund request", body="The client ended the contract."))
    assert [d.rule.id for d in deadlines.incident_deadlines(notice, RULES, JST)] == ["upwork-escrow-refund-request"]
    sent = Incident(id="z", title="t", kind="account-hold", opened_at=START)
    sent.add_message(Message(at=START, direction="sent", subject="escrow refund request?", body=""))
    assert deadlines.incident_deadlines(sent, RULES, JST) == []  # only received notices start a clock
    warned = Incident(id="w", title="t", kind="policy-warning", opened_at=START, platform="fiverr ")
    assert [d.rule.id for d in deadlines.incident_deadlines(warned, RULES, JST)] == ["fiverr-warning"]
    warned.add_event(Event(at=START, kind="note", text="n"))


def test_marks_are_kept_in_the_file_with_unknown_keys() -> None:
    incident = Incident(id="a", title="t", kind="identity-verification", opened_at=START)
    incident.extra["deadlines"] = [{"rule": "upwork-identity-verification", "future_key": "kept"}]
    deadlines.set_state(incident, "upwork-identity-verification", "done", START)
    deadlines.set_start(incident, "upwork-milestone-review", START)
    text = codec.dumps(incident)
    again = codec.loads(text)
    assert codec.dumps(again) == text
    entry = deadlines.marks(again)["upwork-identity-verification"]
    assert entry["future_key"] == "kept" and entry["done_at"] == START
    states = {d.rule.id: d.state for d in deadlines.incident_deadlines(again, RULES, JST)}
    assert states == {"upwork-identity-verification": "done", "upwork-milestone-review": "open"}


def test_a_bad_user_rules_file_is_named_with_its_line(tmp_path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "upwork.toml").write_text(
        'format = 1\nplatform = "Upwork"\n\n[[rule]]\nid = "upwork-arbitration"\ntitle = "x"\n'
        'starts = { date = "d" }\nduration = 7\nunit = "weeks"\n\n[[rule.version]]\nurl = "https://e.example"\nread = 2026-11-29\n',
        encoding="utf-8",
    )
    loaded = rules.load_rules(user_dir=folder)
    assert len(loaded.problems) == 1
    assert loaded.problems[0].startswith(f"{folder / 'upwork.toml'}:9:")
    assert "rule[0].unit" in loaded.problems[0] and "built-in rules are used" in loaded.problems[0]
    assert loaded.get("upwork-arbitration") == RULES.get("upwork-arbitration")


def test_a_user_rule_replaces_a_built_in_one_and_adds_its_own(tmp_path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "mine.toml").write_text(
        'format = 1\nplatform = "Upwork"\n\n[[rule]]\nid = "upwork-arbitration"\ntitle = "Arbitrate"\n'
        'starts = { date = "d" }\nduration = 3\nunit = "days"\n\n[[rule.version]]\nurl = "https://e.example"\nread = 2026-11-29\n'
        '\n[[rule]]\nid = "my-own"\ntitle = "Mine"\nstarts = { kinds = ["account-hold"] }\nduration = 1\nunit = "hours"\n'
        '\n[[rule.version]]\nurl = "https://e.example/2"\nread = 2026-11-28\n',
        encoding="utf-8",
    )
    loaded = rules.load_rules(user_dir=folder)
    assert not loaded.problems
    assert loaded.get("upwork-arbitration").versions[0].duration == 3  # type: ignore[union-attr]
    assert loaded.get("my-own") is not None and len(loaded.rules) == len(RULES.rules) + 1


def run(capsys, monkeypatch, now: str, *argv: str, stdin: bytes = b"") -> tuple[int, str, str]:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", now)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_deadlines_command_marks_done_and_the_deadline_leaves_now(capsys, monkeypatch) -> None:
    now = "2026-11-27T09:00:00+09:00"
    code, out, err = run(
        capsys,
        monkeypatch,
        now,
        "new",
        "--kind",
        "identity-verification",
        "--title",
        "Verify",
        "--opened",
        "2026-11-26T10:00+09:00",
    )
    assert code == 0, err
    incident_id = out.strip().splitlines()[-1]
    code, out, _ = run(capsys, monkeypatch, now, "deadlines", incident_id)
    assert code == 0
    assert out.startswith("Verify your identity by 2026-12-03 10:00 JST (01:00 UTC) (in 6d 1h): 7 calendar days (UTC)")
    assert (
        "source: https://support.upwork.com/hc/en-us/articles/360054491374-Visual-verification (read 2026-11-29)" in out
    )
    code, out, _ = run(capsys, monkeypatch, now, "now", "--json")
    rows = [row for row in json.loads(out) if row["kind"] == "deadline"]
    assert rows == [
        {
            "kind": "deadline",
            "incident": incident_id,
            "title": "Verify",
            "text": "Verify your identity",
            "at": "2026-12-03T01:00:00+00:00",
            "deadline": "2026-12-03T10:00:00+09:00",
            "when": "in 6 days",
            "roster_id": None,
            "rule": "upwork-identity-verification",
            "index": None,
        }
    ]
    code, out, _ = run(capsys, monkeypatch, now, "show", incident_id)
    assert "Next deadline: Verify your identity by 2026-12-03 10:00 JST (01:00 UTC) (in 6d 1h)" in out
    code, _, err = run(capsys, monkeypatch, now, "deadlines", incident_id, "--done", "upwork-identity-verification")
    assert code == 0 and "marked done" in err
    code, out, _ = run(capsys, monkeypatch, now, "now", "--json")
    assert [row for row in json.loads(out) if row["kind"] == "deadline"] == []
    code, out, _ = run(capsys, monkeypatch, now, "deadlines", incident_id, "--json")
    assert json.loads(out)[0]["state"] == "done"
    code, _, err = run(capsys, monkeypatch, now, "deadlines", incident_id, "--done", "no-such-rule")
    assert code == 2 and "'no-such-rule' is not a rule of Upwork" in err


def test_deadlines_command_start_date_and_listing(capsys, monkeypatch) -> None:
    now = "2026-11-27T09:00:00+09:00"
    code, out, err = run(capsys, monkeypatch, now, "new", "--kind", "payment-dispute", "--title", "Refund asked")
    incident_id = out.strip().splitlines()[-1]
    code, out, _ = run(capsys, monkeypatch, now, "deadlines", incident_id)
    assert "upwork-escrow-refund-request: the day the client ended the contract" in out
    code, _, err = run(
        capsys,
        monkeypatch,
        now,
        "deadlines",
        incident_id,
        "--start",
        "upwork-escrow-refund-request",
        "2026-11-26T12:00Z",
    )
    assert code == 0, err
    code, out, _ = run(capsys, monkeypatch, now, "deadlines")
    assert out.startswith(
        f"{incident_id}: Accept or dispute the client's escrow refund request by 2026-12-03 21:00 JST (12:00 UTC)"
    )
    code, _, err = run(
        capsys, monkeypatch, now, "deadlines", incident_id, "--start", "upwork-escrow-refund-request", "not a date"
    )
    assert code == 2 and "--start upwork-escrow-refund-request" in err
