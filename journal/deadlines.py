"""Deadlines: a date (`2026-11-30`) or a date and time with its UTC offset
(`2026-11-30T18:00:00+09:00`), read from what people type and shown in the same words
everywhere: "today 18:00", "tomorrow", "in 3 days", "2 days ago".

Every screen and command that shows a deadline (Now, `now`, the incident's Contracts tab,
the roster, `show`, `contracts list`) calls `deadline_words`, so one deadline never reads two
ways. Days are counted between calendar days in the user's local zone.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from journal import i18n
from journal.i18n import N_, _
from journal.timeparse import TimeParseError, parse_date, parse_moment
from journal.timeshow import format_moment

Deadline = date | datetime
"""A deadline: a `date` (the whole day) or an offset-aware `datetime`."""

SOON_DAYS = 3
"""A deadline this many days away (or fewer, or past) needs the user now."""
HINT = N_("a date (2026-11-30, today, tomorrow, +3d) or a date and time (today 18:00, 2026-11-30 18:00)")

_HAS_TIME = re.compile(r"\d:\d{2}|\d\s*[hm]\b|\bnow\b", re.IGNORECASE)


def parse_deadline(text: str, now: datetime | None = None) -> Deadline:
    """Read a deadline typed by a person: with a time of day (`today 18:00`,
    `2026-11-30 18:00`, `2026-11-30T18:00+09:00`, `+5h`) it is a moment in the local zone
    unless an offset is given, and the time is kept; otherwise (`2026-11-30`, `today`,
    `tomorrow`, `+3d`) it is a date. Raises TimeParseError naming the text."""
    cleaned = text.strip()
    try:
        if _HAS_TIME.search(cleaned):
            return parse_moment(cleaned, now=now).replace(microsecond=0)
        return parse_date(cleaned, now=now)
    except TimeParseError:
        raise TimeParseError(text, _("expected {hint}").format(hint=_(HINT))) from None


def local_day(deadline: Deadline) -> date:
    """The calendar day of a deadline in the local zone."""
    if isinstance(deadline, datetime):
        return deadline.astimezone().date()
    return deadline


def days_left(deadline: Deadline, now: datetime) -> int:
    """Calendar days from today (local) to the deadline's day: 0 today, negative when past."""
    return (local_day(deadline) - now.astimezone().date()).days


def is_soon(deadline: Deadline | None, now: datetime, days: int = SOON_DAYS) -> bool:
    """True when a deadline is within `days` calendar days, or past."""
    return deadline is not None and days_left(deadline, now) <= days


def _clock(deadline: Deadline) -> str:
    return deadline.astimezone().strftime(" %H:%M") if isinstance(deadline, datetime) else ""


def deadline_words(deadline: Deadline | None, now: datetime, lang: str | None = None) -> str:
    """The deadline in words, the same everywhere: `today 18:00`, `today`, `tomorrow`,
    `tomorrow 09:00`, `yesterday`, `in 3 days`, `2 days ago`; a time today that has gone
    by reads `today 09:00, passed` (Japanese `今日 18:00`, `明日`, `あと3日`, `2日前`,
    `今日 09:00、経過`). "" for None. `lang`: en or ja (default: the app's language)."""
    if deadline is None:
        return ""
    say = i18n.translations(lang).gettext
    left = days_left(deadline, now)
    if left == 0:
        passed = isinstance(deadline, datetime) and deadline <= now
        return say(N_("today")) + _clock(deadline) + (say(N_(", passed")) if passed else "")
    if left == 1:
        return say(N_("tomorrow")) + _clock(deadline)
    if left == -1:
        return say(N_("yesterday")) + _clock(deadline)
    if left > 0:
        return say(N_("in {n} days")).format(n=left)
    return say(N_("{n} days ago")).format(n=-left)


def deadline_text(deadline: Deadline | None) -> str:
    """The deadline itself: `2026-11-30`, or `2026-11-30 18:00 +09:00` in the local zone; "-" for None."""
    if deadline is None:
        return "-"
    if isinstance(deadline, datetime):
        return format_moment(deadline)
    return deadline.isoformat()


def deadline_short(deadline: Deadline | None) -> str:
    """For a table cell: `2026-11-30`, or `2026-11-30 18:00` in the local zone; "-" for None."""
    if deadline is None:
        return "-"
    return deadline_text(deadline)[:16]


def deadline_input(deadline: Deadline | None) -> str:
    """The deadline as a form shows it and reads it back: `2026-11-30` or `2026-11-30 18:00+09:00`."""
    if deadline is None:
        return ""
    if isinstance(deadline, datetime):
        return format_moment(deadline).replace(" +", "+").replace(" -", "-")
    return deadline.isoformat()


def deadline_key(deadline: Deadline | None) -> tuple[int, date, time]:
    """Sort key: soonest first, a timed deadline before the end of its day, none last."""
    if deadline is None:
        return (1, date.max, time.max)
    if isinstance(deadline, datetime):
        local = deadline.astimezone()
        return (0, local.date(), local.time().replace(tzinfo=None))
    return (0, deadline, time.max)


def deadline_json(deadline: Deadline | None) -> str | None:
    """ISO 8601: `2026-11-30` or `2026-11-30T18:00:00+09:00`; None for None."""
    return deadline.isoformat() if deadline is not None else None


def deadline_from_json(value: Any) -> Deadline | None:
    """Inverse of `deadline_json` (a date, or a moment with its offset). Raises ValueError."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"not a deadline: {value!r}")
    if len(value) == 10:
        return date.fromisoformat(value)
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(f"a deadline's time has no UTC offset: {value!r}")
    return moment
