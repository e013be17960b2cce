"""What a user reads when a typed time is refused, word for word, the times at the edges of
each form, and moments and durations as shown: each case here was added because changing
journal/timeparse.py there went unnoticed (mutation testing, docs/mutation.md)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from journal.timeparse import (
    NonexistentTimeError,
    TimeParseError,
    add_days,
    local_moment,
    parse_date,
    parse_moment,
    zone_name,
)
from journal.timeshow import format_duration, format_moment, format_signed, iso

JST = timezone(timedelta(hours=9))
NOW = datetime(2026, 11, 28, 15, 40, 30, 123456, tzinfo=JST)
HINT = (
    "try now, today 14:30, 明日 9:00, 9am, monday 9:00, 来週月曜 9:00, -3d, 3 days ago, 3日後, 2026/12/01 9:00, "
    "12/1 9:00 or Nov 20 09:12"
)


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch):
    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    return use


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("", " (empty)"),
        ("   ", " (empty)"),
        ("25:00", " (the hour must be 0 to 23, not 25)"),
        ("13pm", " (hour out of range for am/pm)"),
        ("9", ""),
        ("2026-11-20 9:5", ""),
        ("today 13pm", " (hour out of range for am/pm)"),
        ("today 0am", " (hour out of range for am/pm)"),
        ("today 9:60", " (the minute must be 0 to 59, not 60)"),
        ("+73001d", " (too far away)"),
        ("-99999999999d", " (out of range)"),
        ("2026-11-20 09:12+24:00", " (offset out of range)"),
        ("2026-11-20 09:12+23:60", " (offset out of range)"),
        ("2026-02-30", " (2026-02 has days 1 to 28, not 30)"),
        ("2026-11-20 09:61", " (the minute must be 0 to 59, not 61)"),
        ("2026-13-01", " (the month must be 1 to 12, not 13)"),
        ("2026-11-20 24:00", " (the hour must be 0 to 23, not 24)"),
        ("2026-11-20 09:12:60", " (the second must be 0 to 59, not 60)"),
        ("2026/02/30", " (2026-02 has days 1 to 28, not 30)"),
        ("Nov 31", " (2026-11 has days 1 to 30, not 31)"),
        ("21 Nov 2026 10:00 XYZ", " (unknown zone 'xyz')"),
        ("21 Nov 2026 10:00 -0000x", ""),
    ],
)
def test_a_refused_time_gets_this_exact_line(text: str, detail: str) -> None:
    with pytest.raises(TimeParseError) as caught:
        parse_moment(text, now=NOW)
    assert str(caught.value) == f"could not read the time {text!r}{detail}: {HINT}"
    assert caught.value.text == text


def test_a_refused_date_gets_this_exact_line() -> None:
    with pytest.raises(TimeParseError) as caught:
        parse_date("someday", now=NOW)
    assert str(caught.value) == (
        f"could not read the time 'someday' (expected a date such as 2026-11-30, 11/30, today or +3d): {HINT}"
    )
    assert parse_date(" 2026-11-30 ").isoformat() == "2026-11-30"
    assert parse_date("Nov 30", now=NOW).isoformat() == "2026-11-30"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", "2026-11-28T15:40:30+09:00"),
        ("今", "2026-11-28T15:40:30+09:00"),
        ("いま", "2026-11-28T15:40:30+09:00"),
        ("today", "2026-11-28T15:40:30+09:00"),
        ("tomorrow", "2026-11-29T00:00:00+09:00"),
        ("yesterday", "2026-11-27T00:00:00+09:00"),
        ("明後日 9時", "2026-11-30T09:00:00+09:00"),
        ("あさって 9時", "2026-11-30T09:00:00+09:00"),
        ("おととい 9時", "2026-11-26T09:00:00+09:00"),
        ("きのう 9時", "2026-11-27T09:00:00+09:00"),
        ("あした 9時", "2026-11-29T09:00:00+09:00"),
        ("あす 9時", "2026-11-29T09:00:00+09:00"),
        ("本日 9時", "2026-11-28T09:00:00+09:00"),
        ("きょう 9時", "2026-11-28T09:00:00+09:00"),
        ("today at 9:00", "2026-11-28T09:00:00+09:00"),
        ("midnight", "2026-11-28T00:00:00+09:00"),
        ("midday", "2026-11-28T12:00:00+09:00"),
        ("正午", "2026-11-28T12:00:00+09:00"),
        ("12pm", "2026-11-28T12:00:00+09:00"),
        ("12:30 a.m.", "2026-11-28T00:30:00+09:00"),
        ("1 p.m.", "2026-11-28T13:00:00+09:00"),
        ("午前0時", "2026-11-28T00:00:00+09:00"),
        ("午後0時", "2026-11-28T12:00:00+09:00"),
        ("午前11時", "2026-11-28T11:00:00+09:00"),
        ("午後11時59分", "2026-11-28T23:59:00+09:00"),
        ("9時5分", "2026-11-28T09:05:00+09:00"),
        ("14:30:15", "2026-11-28T14:30:15+09:00"),
        ("-90m", "2026-11-28T14:10:30+09:00"),
        ("+2w", "2026-12-12T15:40:30+09:00"),
        ("-1d 4h", "2026-11-27T11:40:30+09:00"),
        ("2 d ago", "2026-11-26T15:40:30+09:00"),
        ("in 2 weeks", "2026-12-12T15:40:30+09:00"),
        ("in 2 hrs", "2026-11-28T17:40:30+09:00"),
        ("in 1 hr", "2026-11-28T16:40:30+09:00"),
        ("10 minutes ago", "2026-11-28T15:30:30+09:00"),
        ("10 mins ago", "2026-11-28T15:30:30+09:00"),
        ("1 week, 1 day ago", "2026-11-20T15:40:30+09:00"),
        ("3日後", "2026-12-01T15:40:30+09:00"),
        ("3日あと", "2026-12-01T15:40:30+09:00"),
        ("1時間後", "2026-11-28T16:40:30+09:00"),
        ("2026-11-20t09:12:30.5", "2026-11-20T09:12:30.500000+09:00"),
        ("2026-11-20 9:12", "2026-11-20T09:12:00+09:00"),
        ("2026-11-20 09:12 utc", "2026-11-20T09:12:00+00:00"),
        ("2026-11-20 09:12-0330", "2026-11-20T09:12:00-03:30"),
        ("2026-11-20 09:12+0545", "2026-11-20T09:12:00+05:45"),
        ("2026.12.01 9:00", "2026-12-01T09:00:00+09:00"),
        ("2026-12/01", "2026-12-01T00:00:00+09:00"),
        ("2027年1月2日 9:00", "2027-01-02T09:00:00+09:00"),
        ("1月2日", "2026-01-02T00:00:00+09:00"),
        ("Sept 3", "2026-09-03T00:00:00+09:00"),
        ("3rd sep 2027", "2027-09-03T00:00:00+09:00"),
        ("Thursday, Dec. 3, 2026 at 9am", "2026-12-03T09:00:00+09:00"),
        ("May 1 10:00", "2026-05-01T10:00:00+09:00"),
        ("21 Nov 2026 10:00 UT", "2026-11-21T10:00:00+00:00"),
        ("21 Nov 2026 10:00 Z", "2026-11-21T10:00:00+00:00"),
        ("21 Nov 2026 10:00 EST", "2026-11-21T10:00:00-05:00"),
        ("21 Nov 2026 10:00 +05:30", "2026-11-21T10:00:00+05:30"),
        ("21 Nov 2026 10:00 GMT+9", "2026-11-21T10:00:00+09:00"),
        ("21 Nov 2026 10:00 -0000", "2026-11-21T10:00:00+00:00"),
    ],
)
def test_forms_at_their_edges(text: str, expected: str) -> None:
    assert parse_moment(text, now=NOW).isoformat() == expected


def test_relative_days_keep_the_clock_time_without_fractions_of_a_second() -> None:
    assert parse_moment("+1d", now=NOW).isoformat() == "2026-11-29T15:40:30+09:00"
    assert parse_moment("+1h", now=NOW).isoformat() == "2026-11-28T16:40:30+09:00"
    assert parse_moment("+73000d", now=NOW).year == 2226
    with pytest.raises(TimeParseError) as caught:
        parse_moment("+3d", now=datetime(9999, 12, 30, tzinfo=UTC))
    assert str(caught.value) == f"could not read the time '+3d' (out of range): {HINT}"


def test_the_skipped_hour_is_refused_in_these_words(zone) -> None:
    zone("America/New_York")
    with pytest.raises(NonexistentTimeError) as caught:
        parse_moment("2026-03-08 02:30", now=datetime(2026, 11, 28, tzinfo=UTC))
    assert str(caught.value) == (
        "2026-03-08 02:30 does not exist in your time zone (America/New_York): the clocks jump from "
        "02:00 to 03:00 that night; the valid times around it are 2026-03-08 01:59 -05:00 and "
        "2026-03-08 03:00 -04:00"
    )
    assert caught.value.text == "2026-03-08 02:30"
    with pytest.raises(NonexistentTimeError) as caught:
        local_moment(datetime(2026, 3, 8, 2, 30))
    assert caught.value.text == "2026-03-08 02:30"
    assert str(caught.value).startswith("2026-03-08 02:30 does not exist in your time zone (America/New_York)")


def test_the_skipped_half_hour_of_lord_howe(zone) -> None:
    zone("Australia/Lord_Howe")
    with pytest.raises(NonexistentTimeError) as caught:
        parse_moment("2026-10-04 02:10", now=datetime(2026, 11, 28, tzinfo=UTC))
    assert str(caught.value) == (
        "2026-10-04 02:10 does not exist in your time zone (Australia/Lord_Howe): the clocks jump from "
        "02:00 to 02:30 that night; the valid times around it are 2026-10-04 01:59 +10:30 and "
        "2026-10-04 02:30 +11:00"
    )


def test_the_repeated_hour_is_the_first_in_these_words(zone) -> None:
    zone("America/New_York")
    notes: list[str] = []
    moment = parse_moment("2026-11-01 01:30", now=datetime(2026, 11, 28, tzinfo=UTC), notes=notes)
    assert moment.isoformat() == "2026-11-01T01:30:00-04:00"
    assert notes == [
        "2026-11-01 01:30 happens twice in America/New_York (the clocks go back); taken as the first, "
        "2026-11-01 01:30 -04:00 (the second is 2026-11-01 01:30 -05:00)"
    ]
    assert parse_moment("2026-11-01 01:30", now=datetime(2026, 11, 28, tzinfo=UTC)) == moment
    notes.clear()
    parse_moment("2026-11-02 01:30", now=datetime(2026, 11, 28, tzinfo=UTC), notes=notes)
    assert notes == []


def test_calendar_days_into_the_skipped_hour_move_forward_by_the_gap(zone) -> None:
    zone("America/New_York")
    before = datetime(2026, 3, 7, 2, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert add_days(before, 1).isoformat() == "2026-03-08T03:30:00-04:00"
    assert add_days(before, 1, timezone(timedelta(hours=-5))).isoformat() == "2026-03-08T02:30:00-05:00"


def test_zone_names() -> None:
    from zoneinfo import ZoneInfo

    assert zone_name(ZoneInfo("Europe/Paris")) == "Europe/Paris"
    assert zone_name(timezone(timedelta(hours=9), "JST")) == "JST"


@pytest.mark.parametrize(
    ("delta", "shown", "signed"),
    [
        (timedelta(0), "0m", "+0m"),
        (timedelta(seconds=59), "0m", "+0m"),
        (timedelta(minutes=1), "1m", "+1m"),
        (timedelta(minutes=59), "59m", "+59m"),
        (timedelta(hours=1), "1h", "+1h"),
        (timedelta(hours=1, minutes=1), "1h 1m", "+1h 1m"),
        (timedelta(hours=23, minutes=59), "23h 59m", "+23h 59m"),
        (timedelta(days=1), "1d", "+1d"),
        (timedelta(days=1, minutes=59), "1d", "+1d"),
        (timedelta(days=1, hours=1), "1d 1h", "+1d 1h"),
        (-timedelta(days=1, hours=1), "-1d 1h", "-1d 1h"),
        (-timedelta(minutes=5), "-5m", "-5m"),
    ],
)
def test_durations_as_shown(delta: timedelta, shown: str, signed: str) -> None:
    assert format_duration(delta) == shown
    assert format_signed(delta) == signed


def test_moments_as_shown() -> None:
    moment = datetime(2026, 11, 20, 0, 12, tzinfo=UTC)
    assert format_moment(moment) == "2026-11-20 09:12 +09:00"
    assert format_moment(moment, with_utc=True) == "2026-11-20 09:12 +09:00 (2026-11-20 00:12 UTC)"
    assert format_moment(None) == "-"
    assert iso(moment) == "2026-11-20T00:12:00+00:00"
    assert iso(None) is None


def test_moments_as_shown_west_of_utc(zone) -> None:
    zone("America/St_Johns")
    moment = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    assert format_moment(moment) == "2026-11-20 08:30 -03:30"


def test_moments_as_shown_at_utc(zone) -> None:
    zone("UTC")
    assert format_moment(datetime(2026, 11, 20, 9, 12, tzinfo=JST)) == "2026-11-20 00:12 +00:00"


def test_a_zone_given_is_used_rather_than_the_local_one() -> None:
    from zoneinfo import ZoneInfo

    new_york = ZoneInfo("America/New_York")  # the local zone of the tests is Asia/Tokyo
    assert local_moment(datetime(2026, 11, 20, 9, 0), new_york).isoformat() == "2026-11-20T09:00:00-05:00"
    moment = datetime(2026, 3, 7, 9, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert add_days(moment, 1, new_york).isoformat() == "2026-03-08T09:00:00-04:00"
    with pytest.raises(NonexistentTimeError) as caught:
        local_moment(datetime(2026, 3, 8, 2, 30), new_york, text="typed")
    assert caught.value.text == "typed"
    assert str(caught.value).startswith("2026-03-08 02:30 does not exist in your time zone (America/New_York)")


def test_a_zone_without_a_name_is_called_the_local_zone() -> None:
    from datetime import tzinfo

    class Nameless(tzinfo):
        def utcoffset(self, dt: datetime | None) -> timedelta:
            return timedelta(hours=1)

        def dst(self, dt: datetime | None) -> timedelta:
            return timedelta(0)

        def tzname(self, dt: datetime | None) -> None:
            return None

    assert zone_name(Nameless()) == "your local zone"


def test_a_moment_without_offset_cannot_be_stored() -> None:
    from journal.timeparse import normalise_moment

    with pytest.raises(ValueError, match=r"^a moment without a UTC offset cannot be stored$"):
        normalise_moment(datetime(2026, 11, 20, 9, 0))


def test_hours_are_elapsed_time_across_a_change_of_the_clocks(zone) -> None:
    zone("America/New_York")
    noon = datetime(2026, 3, 8, 12, 0, tzinfo=timezone(timedelta(hours=-4)))  # the clocks jumped at 02:00
    assert parse_moment("-12h", now=noon).isoformat() == "2026-03-07T23:00:00-05:00"
    assert noon - parse_moment("-12h", now=noon) == timedelta(hours=12)
    early = datetime(2026, 3, 8, 3, 30, tzinfo=timezone(timedelta(hours=-4)))
    assert parse_moment("-2h", now=early).isoformat() == "2026-03-08T00:30:00-05:00"
    assert parse_moment("90 minutes ago", now=early).isoformat() == "2026-03-08T01:00:00-05:00"
    autumn = datetime(2026, 11, 1, 0, 30, tzinfo=timezone(timedelta(hours=-4)))  # the clocks go back at 02:00
    assert parse_moment("+2h", now=autumn).isoformat() == "2026-11-01T01:30:00-05:00"


def test_days_and_weeks_are_calendar_days_into_the_skipped_hour(zone) -> None:
    zone("America/New_York")
    before = datetime(2026, 3, 7, 2, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert parse_moment("+1d", now=before).isoformat() == "2026-03-08T03:30:00-04:00"
    week = datetime(2026, 3, 1, 2, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert parse_moment("+1w", now=week).isoformat() == "2026-03-08T03:30:00-04:00"
    assert parse_moment("in 1 day and 1 week", now=week).isoformat() == "2026-03-09T02:30:00-04:00"


def test_a_repeated_hour_typed_with_a_day_word_or_alone_is_said(zone) -> None:
    zone("America/New_York")
    now = datetime(2026, 11, 1, 12, 0, tzinfo=timezone(timedelta(hours=-5)))
    for typed in ("today 01:30", "01:30", "11/1 1:30"):
        notes: list[str] = []
        assert parse_moment(typed, now=now, notes=notes).isoformat() == "2026-11-01T01:30:00-04:00"
        assert len(notes) == 1 and notes[0].startswith("2026-11-01 01:30 happens twice in America/New_York")


def test_a_clock_after_at(zone) -> None:
    assert parse_moment("12/1 at 9:00", now=NOW).isoformat() == "2026-12-01T09:00:00+09:00"
    assert parse_moment("21 Nov 2026 at 10:00 utc", now=NOW).isoformat() == "2026-11-21T10:00:00+00:00"
    assert parse_moment("21 Nov 2026 10:00 gmt", now=NOW).isoformat() == "2026-11-21T10:00:00+00:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20 09:12+23:00", "2026-11-20T09:12:00+23:00"),
        ("2026-11-20 09:12-00:59", "2026-11-20T09:12:00-00:59"),
    ],
)
def test_the_widest_offsets_are_read(text: str, expected: str) -> None:
    assert parse_moment(text, now=NOW).isoformat() == expected


@pytest.mark.parametrize(
    ("name", "typed", "jump"),
    [
        (
            "America/New_York",
            "2026-03-08 02:00",
            "02:00 to 03:00 that night; the valid times around it are "
            "2026-03-08 01:59 -05:00 and 2026-03-08 03:00 -04:00",
        ),
        (
            "America/New_York",
            "2026-03-08 02:30:15",
            "02:00 to 03:00 that night; the valid times around it are "
            "2026-03-08 01:59 -05:00 and 2026-03-08 03:00 -04:00",
        ),
        (
            "America/New_York",
            "2026-03-08 02:59:59",
            "02:00 to 03:00 that night; the valid times around it are "
            "2026-03-08 01:59 -05:00 and 2026-03-08 03:00 -04:00",
        ),
        (
            "Australia/Lord_Howe",
            "2026-10-04 02:00:30",
            "02:00 to 02:30 that night; the valid times around it are "
            "2026-10-04 01:59 +10:30 and 2026-10-04 02:30 +11:00",
        ),
        (
            "Australia/Lord_Howe",
            "2026-10-04 02:29:59",
            "02:00 to 02:30 that night; the valid times around it are "
            "2026-10-04 01:59 +10:30 and 2026-10-04 02:30 +11:00",
        ),
        (
            "Europe/Berlin",
            "2026-03-29 02:00:01",
            "02:00 to 03:00 that night; the valid times around it are "
            "2026-03-29 01:59 +01:00 and 2026-03-29 03:00 +02:00",
        ),
        (
            "America/Santiago",
            "2026-09-06 00:59",
            "00:00 to 01:00 that night; the valid times around it are "
            "2026-09-05 23:59 -04:00 and 2026-09-06 01:00 -03:00",
        ),
    ],
)
def test_every_time_in_the_gap_names_the_same_jump(zone, name: str, typed: str, jump: str) -> None:
    zone(name)
    with pytest.raises(NonexistentTimeError) as caught:
        parse_moment(typed, now=datetime(2026, 11, 28, tzinfo=UTC))
    assert str(caught.value).endswith(f"({name}): the clocks jump from {jump}")


def test_relative_parts_add_up_and_have_a_limit(zone) -> None:
    assert parse_moment("-1h30m", now=NOW).isoformat() == "2026-11-28T14:10:30+09:00"
    assert parse_moment("1 hour 30 minutes ago", now=NOW).isoformat() == "2026-11-28T14:10:30+09:00"
    with pytest.raises(TimeParseError) as caught:
        parse_moment("+1753000h", now=NOW)
    assert str(caught.value) == f"could not read the time '+1753000h' (too far away): {HINT}"
    with pytest.raises(TimeParseError) as caught:
        parse_moment("21 Nov 2026 25:00 UTC", now=NOW)
    assert (
        str(caught.value)
        == f"could not read the time '21 Nov 2026 25:00 UTC' (the hour must be 0 to 23, not 25): {HINT}"
    )


def test_an_hour_from_the_second_of_two_repeated_hours(zone) -> None:
    zone("America/New_York")
    second = datetime(2026, 11, 1, 1, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert parse_moment("+1h", now=second).isoformat() == "2026-11-01T02:30:00-05:00"
