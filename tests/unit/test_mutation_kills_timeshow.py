"""Moments and durations as people read them, in English and Japanese, at the edges: no time
at all, the turn of the year between the local zone and UTC, zones west of UTC, every weekday.
Each case here was added because changing journal/timeshow.py there went unnoticed
(mutation testing, docs/mutation.md)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from journal import i18n
from journal.timeshow import format_ago, format_duration, format_signed, show_moment

JST = timezone(timedelta(hours=9))


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch):
    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    return use


def test_no_time_at_all_has_no_sign() -> None:
    assert format_duration(timedelta(0)) == "0m"
    assert format_signed(timedelta(0)) == "+0m"
    assert format_duration(timedelta(0), "ja") == "0分"


@pytest.mark.parametrize(
    ("delta", "english", "japanese"),
    [
        (timedelta(days=2, hours=4, minutes=30), "2d 4h ago", "2日4時間前"),
        (timedelta(minutes=5), "5m ago", "5分前"),
        (timedelta(0), "0m ago", "0分前"),
        (-timedelta(hours=3), "in 3h", "あと3時間"),
        (-timedelta(days=1, minutes=1), "in 1d", "あと1日"),
        (-timedelta(seconds=30), "in 0m", "あと0分"),
    ],
)
def test_how_long_ago_or_until(delta: timedelta, english: str, japanese: str) -> None:
    assert format_ago(delta) == english  # the tests' language is English
    assert format_ago(delta, "en") == english
    assert format_ago(delta, "ja") == japanese


def test_the_app_language_is_used_when_none_is_given() -> None:
    moment = datetime(2026, 11, 30, 18, 0, tzinfo=JST)
    assert show_moment(moment) == "2026-11-30 18:00 +09:00"
    i18n.set_language("ja")
    assert show_moment(moment) == "11月30日(月) 18:00 +09:00"
    assert format_ago(timedelta(hours=3)) == "3時間前"
    assert format_duration(timedelta(days=1, hours=2)) == "1日2時間"


def test_english_in_a_table_cell_keeps_the_utc_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", "2026-11-28T10:00:00+09:00")
    moment = datetime(2026, 11, 30, 18, 0, tzinfo=JST)
    assert show_moment(moment, with_utc=True, lang="en") == "2026-11-30 18:00 +09:00 (2026-11-30 09:00 UTC)"
    assert show_moment(moment, with_utc=True, lang="en", offset=False) == "2026-11-30 18:00 (2026-11-30 09:00 UTC)"
    assert show_moment(moment, with_utc=True, lang="ja", offset=False) == "11月30日(月) 18:00 (11月30日 09:00 UTC)"


def test_the_year_is_the_local_one_on_new_years_eve_in_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """At 20:00 UTC on 31 December it is already the new year in Tokyo: a moment of that
    local day is this year's (no year shown), and the UTC day beside it, last year's, is not."""
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", "2026-12-31T20:00:00+00:00")
    moment = datetime(2027, 1, 1, 5, 0, tzinfo=JST)
    assert show_moment(moment, lang="ja") == "1月1日(金) 05:00 +09:00"
    assert show_moment(moment, with_utc=True, lang="ja") == "1月1日(金) 05:00 +09:00 (2026年12月31日 20:00 UTC)"
    assert show_moment(datetime(2026, 12, 31, 23, 0, tzinfo=JST), lang="ja") == "2026年12月31日(木) 23:00 +09:00"


def test_japanese_west_of_utc_shows_a_minus_offset(zone, monkeypatch: pytest.MonkeyPatch) -> None:
    zone("America/St_Johns")
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", "2026-11-28T10:00:00+00:00")
    moment = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    assert show_moment(moment, lang="ja") == "11月20日(金) 08:30 -03:30"
    assert show_moment(moment, with_utc=True, lang="ja") == "11月20日(金) 08:30 -03:30 (11月20日 12:00 UTC)"


def test_japanese_at_utc_shows_a_zero_offset(zone, monkeypatch: pytest.MonkeyPatch) -> None:
    zone("UTC")
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", "2026-11-28T10:00:00+00:00")
    assert show_moment(datetime(2026, 11, 20, 9, 12, tzinfo=JST), lang="ja") == "11月20日(金) 00:12 +00:00"


def test_every_weekday_in_japanese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", "2026-11-28T10:00:00+09:00")
    shown = [show_moment(datetime(2026, 11, 30 - 7 + day, 9, 0, tzinfo=JST), lang="ja") for day in range(7)]
    assert shown == [
        "11月23日(月) 09:00 +09:00",
        "11月24日(火) 09:00 +09:00",
        "11月25日(水) 09:00 +09:00",
        "11月26日(木) 09:00 +09:00",
        "11月27日(金) 09:00 +09:00",
        "11月28日(土) 09:00 +09:00",
        "11月29日(日) 09:00 +09:00",
    ]
