"""The current moment, in one place so tests, snapshots and demos can fix it.

`INCIDENT_JOURNAL_NOW` (an ISO 8601 moment with offset) fixes the clock for a whole process;
tests may also patch `now`.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from journal.i18n import _

NOW_ENV = "INCIDENT_JOURNAL_NOW"


def now() -> datetime:
    """The current moment in the local zone (see `local_zone`), with its fixed UTC offset, to
    the second."""
    fixed = os.environ.get(NOW_ENV, "").strip()
    if fixed:
        return _fixed_now(fixed)
    return _fixed(datetime.now(local_zone()).replace(microsecond=0))


NOW_FROM = datetime(1900, 1, 2, tzinfo=UTC)
NOW_UNTIL = datetime(2999, 12, 31, tzinfo=UTC)
"""INCIDENT_JOURNAL_NOW must lie between these: the stored moments are 1900-3000
(journal.codec), and "now" is the start of follow-ups, deadlines and reminders after it."""


def _fixed_now(value: str) -> datetime:
    """The moment INCIDENT_JOURNAL_NOW names. Raises BadInputError naming the setting."""
    from journal.errors import BadInputError

    shown = value[:60].encode("ascii", "backslashreplace").decode("ascii")
    try:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            moment = _fixed(moment.replace(tzinfo=local_zone()))
        inside = NOW_FROM <= moment <= NOW_UNTIL
    except (ValueError, OverflowError):
        raise BadInputError(
            _("{NOW_ENV}={shown!r}: not a moment such as 2026-11-20T09:00:00+09:00; unset it to use the clock").format(
                NOW_ENV=NOW_ENV, shown=shown
            )
        ) from None
    if not inside:
        raise BadInputError(
            _("{NOW_ENV}={shown!r}: outside the years {year}-{year2}; unset it to use the clock").format(
                NOW_ENV=NOW_ENV, shown=shown, year=NOW_FROM.year, year2=NOW_UNTIL.year
            )
        )
    return moment


def _fixed(moment: datetime) -> datetime:
    """The same moment with the fixed UTC offset it has (as stored), not its zone's rules."""
    return moment.replace(tzinfo=timezone(moment.utcoffset() or timedelta(0)))


_zones: dict[tuple[str, float], tzinfo] = {}


def local_zone() -> tzinfo:
    """The user's time zone as a `zoneinfo.ZoneInfo`: `$TZ` when it names an IANA zone (or a
    tz file), else the system's `/etc/localtime`; when neither can be read (a POSIX rule such
    as `JST-9`), the fixed offset the C library gives for now."""
    name = os.environ.get("TZ")
    key = (name or "", time.timezone)
    if key not in _zones:
        _zones[key] = _find_zone(name)
    return _zones[key]


def _find_zone(name: str | None) -> tzinfo:
    try:
        if name is not None:
            name = name.removeprefix(":")
            if name.startswith("/"):
                with open(name, "rb") as handle:
                    return ZoneInfo.from_file(handle, key=name)
            return ZoneInfo(name or "UTC")
        target = Path("/etc/localtime").resolve()
        if "zoneinfo/" in str(target):
            return ZoneInfo(str(target).split("zoneinfo/", 1)[1])
        with open("/etc/localtime", "rb") as handle:
            return ZoneInfo.from_file(handle, key="localtime")
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return datetime.now().astimezone().tzinfo or ZoneInfo("UTC")
