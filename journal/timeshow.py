"""Showing moments and durations to people: moments in the local zone, to the minute
(`format_moment`, `show_moment`), durations in at most two units (`format_duration`,
`format_signed`, `format_ago`), in English or Japanese, and ISO 8601 for JSON (`iso`).

The English form of a moment (`2026-11-20 09:12 +09:00`) is one `journal.timeparse` reads
back, so what is shown can always be typed again.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from journal import clock, i18n
from journal.i18n import N_


def format_duration(delta: timedelta, lang: str | None = None) -> str:
    """A short, human duration, to the minute and at most two units: `3d 2h`, `5h 10m`,
    `12m`, `0m` (Japanese `3日2時間`, `5時間10分`, `12分`, `0分`). Negative gets a minus.
    `lang`: en or ja (default: the app's language)."""
    say = i18n.translations(lang).gettext
    sign = "-" if delta < timedelta(0) else ""
    total_minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(total_minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        text = say(N_("{days}d {hours}h")) if hours else say(N_("{days}d"))
    elif hours:
        text = say(N_("{hours}h {minutes}m")) if minutes else say(N_("{hours}h"))
    else:
        text = say(N_("{minutes}m"))
    return sign + text.format(days=days, hours=hours, minutes=minutes)


def format_signed(delta: timedelta, lang: str | None = None) -> str:
    """A duration with its sign, as on a timeline: `+2d 4h`, `-9h` (`+2日4時間`)."""
    text = format_duration(delta, lang)
    return text if text.startswith("-") else "+" + text


def format_ago(delta: timedelta, lang: str | None = None) -> str:
    """How long ago (a positive `delta`) or how long until (negative), in words: `2d 4h ago`,
    `in 3h` (`2日4時間前`, `あと3時間`)."""
    say = i18n.translations(lang).gettext
    if delta < timedelta(0):
        return say(N_("in {duration}")).format(duration=format_duration(-delta, lang))
    return say(N_("{duration} ago")).format(duration=format_duration(delta, lang))


WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
"""Short weekday names, Monday first (`date.weekday()` order)."""


def show_moment(moment: datetime | None, with_utc: bool = False, lang: str | None = None, offset: bool = True) -> str:
    """A moment in the user's local zone for people to read, to the minute. English keeps the
    form `format_moment` gives (`2026-11-20 09:12 +09:00`, which can be typed back);
    Japanese reads `11月20日(金) 09:12 +09:00`, with the year in front (`2025年11月20日(木)`)
    when it is not this year's (by `clock.now()`). `with_utc` adds the moment in UTC beside it
    (`(2026-11-20 00:12 UTC)`, `(11月20日 00:12 UTC)`); `offset=False` leaves the UTC offset
    out (for a table cell). "-" for None. `lang`: en or ja (default: the app's language)."""
    if moment is None:
        return "-"
    lang = lang or i18n.language()
    if lang == "en":
        text = format_moment(moment, with_utc)
        return text if offset else text[:16] + text[23:]
    say = i18n.translations(lang).gettext
    local = moment.astimezone(clock.local_zone())
    this_year = clock.now().astimezone(clock.local_zone()).year

    def day(value: datetime, weekday: bool) -> str:
        form = N_("{month}/{day} ({weekday})") if weekday else N_("{month}/{day}")
        text = say(form).format(month=value.month, day=value.day, weekday=say(WEEKDAYS[value.weekday()]))
        if value.year != this_year:
            text = say(N_("{year}/{date}")).format(year=value.year, date=text)
        return text

    text = f"{day(local, True)} {local:%H:%M}"
    if offset:
        text += " " + _offset_text(local)
    if with_utc:
        utc = moment.astimezone(UTC)
        text += f" ({day(utc, False)} {utc:%H:%M} UTC)"
    return text


def format_moment(moment: datetime | None, with_utc: bool = False) -> str:
    """A moment in the user's local zone: `2026-11-20 09:12 +09:00`."""
    if moment is None:
        return "-"
    local = moment.astimezone(clock.local_zone())
    text = local.strftime("%Y-%m-%d %H:%M ") + _offset_text(local)
    if with_utc:
        text += moment.astimezone(UTC).strftime(" (%Y-%m-%d %H:%M UTC)")
    return text


def _offset_text(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = int(abs(offset).total_seconds() // 60)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 with offset, for JSON output."""
    return moment.isoformat() if moment is not None else None
