"""Local time as calendar time in the user's zone (zoneinfo), and the time forms people
type. The DST tests are the field case (New York, 2026-03-08) and other zones."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from journal import followups
from journal.cli import main
from journal.timeparse import FORMS, NonexistentTimeError, TimeParseError, add_days, parse_date, parse_moment

JST = timezone(timedelta(hours=9))


@pytest.fixture
def zone(monkeypatch):
    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    return use


@pytest.mark.parametrize(
    ("name", "typed", "before", "after"),
    [
        ("America/New_York", "2026-03-08 02:30", "2026-03-08 01:59 -05:00", "2026-03-08 03:00 -04:00"),
        ("Europe/Berlin", "2026-03-29 02:15", "2026-03-29 01:59 +01:00", "2026-03-29 03:00 +02:00"),
        ("Australia/Sydney", "2026-10-04 02:45", "2026-10-04 01:59 +10:00", "2026-10-04 03:00 +11:00"),
        ("America/Santiago", "2026-09-06 00:30", "2026-09-05 23:59 -04:00", "2026-09-06 01:00 -03:00"),
    ],
)
def test_a_local_time_that_does_not_exist_is_refused_with_its_neighbours(zone, name, typed, before, after) -> None:
    zone(name)
    with pytest.raises(NonexistentTimeError) as caught:
        parse_moment(typed, now=datetime(2026, 11, 28, tzinfo=UTC))
    message = str(caught.value)
    assert name in message and before in message and after in message and "does not exist" in message


def test_field_case_12_the_command_refuses_the_skipped_hour(zone, capsys) -> None:
    zone("America/New_York")
    assert main(["new", "--kind", "account-hold", "--title", "t", "--opened", "2026-03-01T09:00-05:00"]) == 0
    incident_id = capsys.readouterr().out.strip().splitlines()[-1]
    with pytest.raises(SystemExit) as caught:
        main(["add-event", incident_id, "typed 2026-03-08 02:30", "--at", "2026-03-08 02:30"])
    err = capsys.readouterr().err
    assert caught.value.code == 2
    assert "does not exist in your time zone (America/New_York)" in err and "03:00 -04:00" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("name", "typed", "first", "second"),
    [
        ("America/New_York", "2026-11-01 01:30", "-04:00", "-05:00"),
        ("Europe/London", "2026-10-25 01:10", "+01:00", "+00:00"),
        ("Australia/Lord_Howe", "2026-04-05 01:45", "+11:00", "+10:30"),
    ],
)
def test_a_repeated_local_time_is_the_first_and_said(zone, name, typed, first, second) -> None:
    zone(name)
    notes: list[str] = []
    moment = parse_moment(typed, now=datetime(2026, 11, 28, tzinfo=UTC), notes=notes)
    assert moment.isoformat().endswith(first)
    assert len(notes) == 1 and "happens twice" in notes[0] and name in notes[0] and second in notes[0]


def test_days_are_calendar_days_with_the_offset_of_the_day(zone) -> None:
    zone("America/New_York")
    now = datetime(2026, 3, 10, 9, 0, tzinfo=timezone(timedelta(hours=-4)))
    assert parse_moment("-3d", now=now).isoformat() == "2026-03-07T09:00:00-05:00"
    assert parse_moment("3 days ago", now=now).isoformat() == "2026-03-07T09:00:00-05:00"
    assert parse_moment("3日前", now=now).isoformat() == "2026-03-07T09:00:00-05:00"
    autumn = datetime(2026, 10, 30, 9, 0, tzinfo=timezone(timedelta(hours=-4)))
    assert parse_moment("+3d", now=autumn).isoformat() == "2026-11-02T09:00:00-05:00"
    assert parse_moment("in 1 week", now=autumn).isoformat() == "2026-11-06T09:00:00-05:00"
    # hours are elapsed time
    assert parse_moment("-24h", now=now).isoformat() == "2026-03-09T09:00:00-04:00"
    # a day that lands in the skipped hour moves forward, as clocks do
    assert (
        add_days(datetime(2026, 3, 7, 2, 30, tzinfo=timezone(timedelta(hours=-5))), 1).isoformat()
        == "2026-03-08T03:30:00-04:00"
    )


def test_follow_up_delays_are_calendar_days(zone) -> None:
    zone("Europe/Berlin")
    opened = datetime(2026, 3, 27, 10, 0, tzinfo=timezone(timedelta(hours=1)))
    assert followups.default_follow_up(opened, 3).isoformat() == "2026-03-30T10:00:00+02:00"
    zone("America/New_York")
    opened = datetime(2026, 10, 31, 10, 0, tzinfo=timezone(timedelta(hours=-4)))
    assert followups.default_follow_up(opened, 2).isoformat() == "2026-11-02T10:00:00-05:00"


NOW = datetime(2026, 11, 28, 15, 40, 30, tzinfo=JST)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今日 9:00", "2026-11-28T09:00:00+09:00"),
        ("明日 9:00", "2026-11-29T09:00:00+09:00"),
        ("昨日 14:30", "2026-11-27T14:30:00+09:00"),
        ("一昨日 10:00", "2026-11-26T10:00:00+09:00"),
        ("明日 9時半", "2026-11-29T09:30:00+09:00"),
        ("今日 午後3時", "2026-11-28T15:00:00+09:00"),
        ("今日　９：００", "2026-11-28T09:00:00+09:00"),
        ("3日前", "2026-11-25T15:40:30+09:00"),
        ("2時間前", "2026-11-28T13:40:30+09:00"),
        ("30分前", "2026-11-28T15:10:30+09:00"),
        ("2週間後", "2026-12-12T15:40:30+09:00"),
        ("2026/12/01 9:00", "2026-12-01T09:00:00+09:00"),
        ("2026/12/1", "2026-12-01T00:00:00+09:00"),
        ("12/1 9:00", "2026-12-01T09:00:00+09:00"),
        ("11/20", "2026-11-20T00:00:00+09:00"),
        ("11月20日 9:12", "2026-11-20T09:12:00+09:00"),
        ("9am", "2026-11-28T09:00:00+09:00"),
        ("9:30 pm", "2026-11-28T21:30:00+09:00"),
        ("12am", "2026-11-28T00:00:00+09:00"),
        ("noon", "2026-11-28T12:00:00+09:00"),
        ("tomorrow noon", "2026-11-29T12:00:00+09:00"),
        ("yesterday at 9am", "2026-11-27T09:00:00+09:00"),
        ("3 days ago", "2026-11-25T15:40:30+09:00"),
        ("in 3 days", "2026-12-01T15:40:30+09:00"),
        ("2 hours ago", "2026-11-28T13:40:30+09:00"),
        ("in 1 day and 2 hours", "2026-11-29T17:40:30+09:00"),
        ("Nov 20 09:12", "2026-11-20T09:12:00+09:00"),
        ("20 Nov 09:12", "2026-11-20T09:12:00+09:00"),
        ("November 20, 2026 9:12am", "2026-11-20T09:12:00+09:00"),
        ("Sat, 21 Nov 2026 10:00:00 +0900", "2026-11-21T10:00:00+09:00"),
        ("Fri, 20 Nov 2026 19:00:00 -0500", "2026-11-20T19:00:00-05:00"),
        ("21 Nov 2026 10:00 GMT", "2026-11-21T10:00:00+00:00"),
        ("21 Nov 2026 10:00 CET", "2026-11-21T10:00:00+01:00"),
    ],
)
def test_times_typed_the_way_people_type_them(text: str, expected: str) -> None:
    assert parse_moment(text, now=NOW).isoformat() == expected


@pytest.mark.parametrize(
    "text",
    [
        "soon",
        "13/45",
        "2026/02/30 9:00",
        "25時",
        "13pm",
        "Nov 31",
        "in 3 days ago",
        "3日",
        "9",
        "明日 soon",
        "21 Nov 2026 10:00 XYZ",
    ],
)
def test_anything_else_is_refused_naming_the_text(text: str) -> None:
    with pytest.raises(TimeParseError) as caught:
        parse_moment(text, now=NOW)
    assert repr(text) in str(caught.value)


def test_dates_in_the_new_forms() -> None:
    assert parse_date("12/1", now=NOW).isoformat() == "2026-12-01"
    assert parse_date("明日", now=NOW).isoformat() == "2026-11-29"
    assert parse_date("2026/12/05").isoformat() == "2026-12-05"


def test_every_form_is_listed_in_help_and_readme(capsys) -> None:
    from pathlib import Path

    with pytest.raises(SystemExit):
        main(["--help"])
    shown = " ".join(capsys.readouterr().out.split())
    readme = Path(__file__).resolve().parents[2].joinpath("README.md").read_text(encoding="utf-8")
    for form in FORMS.split(" | "):
        example = form.split(" (")[0]
        assert example in shown, example
        assert example in readme, example
        assert parse_moment(example, now=NOW)
