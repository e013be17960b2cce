from datetime import UTC, datetime, timedelta, timezone

import pytest

from journal.timeparse import TimeParseError, normalise_moment, parse_date, parse_moment
from journal.timeshow import format_duration, format_signed
from tests.conftest import JST

NOW = datetime(2026, 11, 28, 15, 40, 30, tzinfo=JST)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", NOW),
        ("today 14:30", datetime(2026, 11, 28, 14, 30, tzinfo=JST)),
        ("yesterday 9:00", datetime(2026, 11, 27, 9, 0, tzinfo=JST)),
        ("tomorrow 09:05", datetime(2026, 11, 29, 9, 5, tzinfo=JST)),
        ("14:30", datetime(2026, 11, 28, 14, 30, tzinfo=JST)),
        ("-2h", NOW - timedelta(hours=2)),
        ("-3d", NOW - timedelta(days=3)),
        ("+3d", NOW + timedelta(days=3)),
        ("-1d4h", NOW - timedelta(days=1, hours=4)),
        ("2h ago", NOW - timedelta(hours=2)),
        ("2026-11-20 09:12", datetime(2026, 11, 20, 9, 12, tzinfo=JST)),
        ("2026-11-20", datetime(2026, 11, 20, 0, 0, tzinfo=JST)),
        ("2026-11-20T09:12+09:00", datetime(2026, 11, 20, 9, 12, tzinfo=JST)),
        ("2026-11-20T00:12Z", datetime(2026, 11, 20, 0, 12, tzinfo=UTC)),
        ("2026-11-19 18:12:30-05:00", datetime(2026, 11, 19, 18, 12, 30, tzinfo=timezone(timedelta(hours=-5)))),
        ("  Today   14:30 ", datetime(2026, 11, 28, 14, 30, tzinfo=JST)),
    ],
)
def test_forms_people_type(text: str, expected: datetime) -> None:
    moment = parse_moment(text, now=NOW)
    assert moment == expected
    assert moment.utcoffset() == expected.utcoffset()


def test_no_zone_means_local_zone_with_offset_kept() -> None:
    moment = parse_moment("2026-11-20 09:12", now=NOW)
    assert moment.utcoffset() == timedelta(hours=9)


def test_explicit_offset_kept_not_converted() -> None:
    moment = parse_moment("2026-11-20T09:12-03:30", now=NOW)
    assert moment.utcoffset() == -timedelta(hours=3, minutes=30)
    assert (moment.hour, moment.minute) == (9, 12)


@pytest.mark.parametrize(
    "text", ["", "soon", "2026-13-01", "25:00", "today 9:99", "-99999999999d", "2026-11-20 09:12+99:00"]
)
def test_unreadable_time_names_the_text(text: str) -> None:
    with pytest.raises(TimeParseError) as caught:
        parse_moment(text, now=NOW)
    assert repr(text) in str(caught.value)


def test_dates() -> None:
    assert parse_date("2026-11-30").isoformat() == "2026-11-30"
    assert parse_date("+3d", now=NOW).isoformat() == "2026-12-01"
    with pytest.raises(TimeParseError):
        parse_date("someday")


def test_odd_offsets_become_utc_same_instant() -> None:
    odd = datetime(2026, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=5, minutes=30, seconds=10)))
    normal = normalise_moment(odd)
    assert normal == odd
    assert normal.utcoffset() == timedelta(0)
    assert normalise_moment(NOW) is NOW


def test_durations() -> None:
    assert format_duration(timedelta(days=3, hours=2, minutes=5)) == "3d 2h"
    assert format_duration(timedelta(hours=5, minutes=10)) == "5h 10m"
    assert format_duration(timedelta(minutes=12)) == "12m"
    assert format_duration(timedelta(days=2)) == "2d"
    assert format_signed(timedelta(days=2, hours=4)) == "+2d 4h"
    assert format_signed(-timedelta(hours=9)) == "-9h"
