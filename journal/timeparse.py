"""Reading the moments people type, and showing moments and durations.

Accepted forms (case-insensitive):

- `now`
- `today 14:30`, `yesterday 9:00`, `tomorrow 9:00`, or a bare `14:30` (today)
- a relative offset from now: `-2h`, `-3d`, `+3d`, `-1d4h`, `-90m`, `+2w`
- `2026-11-20` (midnight), `2026-11-20 09:12`, `2026-11-20T09:12:30`
- any of the above dates with an offset: `2026-11-20T09:12+09:00`, `2026-11-20 00:12Z`

No zone given means the local zone. Every moment returned carries a UTC offset.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

from journal import clock

HINT = "try now, today 14:30, yesterday 9:00, -2h, -3d, +3d, 2026-11-20 09:12 or 2026-11-20T09:12+09:00"

_CLOCK = r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?"
_DAY_WORD = re.compile(rf"^(?P<day>today|yesterday|tomorrow)(?:\s+(?:at\s+)?{_CLOCK})?$")
_BARE_CLOCK = re.compile(rf"^{_CLOCK}$")
_RELATIVE = re.compile(r"^(?P<sign>[+-])?\s*(?P<parts>(?:\d+\s*[wdhm]\s*)+?)\s*(?P<ago>ago)?$")
_RELATIVE_PART = re.compile(r"(\d+)\s*([wdhm])")
_ISO = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[ t](?P<clock>\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?))?"
    r"\s*(?P<zone>z|utc|[+-]\d{2}:?\d{2})?$"
)
_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}
_MAX_RELATIVE = timedelta(days=365 * 200)


class TimeParseError(ValueError):
    """The text is not a moment we can read. The message names the text."""

    def __init__(self, text: str, detail: str = "") -> None:
        self.text = text
        reason = f"could not read the time {text!r}"
        if detail:
            reason += f" ({detail})"
        super().__init__(f"{reason}: {HINT}")


def _local(naive: datetime) -> datetime:
    """Attach the local zone's offset for that date (daylight saving included)."""
    return naive.astimezone()


def _clock_time(match: re.Match[str], text: str) -> time:
    hour, minute = int(match["h"]), int(match["m"])
    second = int(match["s"] or 0)
    try:
        return time(hour, minute, second)
    except ValueError as error:
        raise TimeParseError(text, str(error)) from None


def parse_moment(text: str, now: datetime | None = None) -> datetime:
    """Read a moment typed by a person. Raises TimeParseError naming the text."""
    try:
        return _parse_moment(text, now)
    except (OverflowError, ValueError) as error:
        if isinstance(error, TimeParseError):
            raise
        raise TimeParseError(text, "out of range") from None


def _parse_moment(text: str, now: datetime | None) -> datetime:
    raw = text
    text = " ".join(text.strip().lower().split())
    if not text:
        raise TimeParseError(raw, "empty")
    current = now or clock.now()
    local_now = current.astimezone() if now is None else current

    if text == "now":
        return local_now.replace(microsecond=0)

    if match := _DAY_WORD.match(text):
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[match["day"]]
        day = local_now.date() + timedelta(days=shift)
        at = _clock_time(match, raw) if match["h"] else time(0, 0)
        if not match["h"] and shift == 0:
            return local_now.replace(microsecond=0)
        return _local(datetime.combine(day, at))

    if match := _BARE_CLOCK.match(text):
        return _local(datetime.combine(local_now.date(), _clock_time(match, raw)))

    if (match := _RELATIVE.match(text)) and (match["sign"] or match["ago"]):
        delta = timedelta()
        for amount, unit in _RELATIVE_PART.findall(match["parts"]):
            delta += timedelta(**{_UNITS[unit]: int(amount)})
        if delta > _MAX_RELATIVE:
            raise TimeParseError(raw, "too far away")
        sign = -1 if match["sign"] == "-" or match["ago"] else 1
        return (local_now + sign * delta).replace(microsecond=0)

    if match := _ISO.match(text):
        try:
            day = date.fromisoformat(match["date"])
            clock_text = match["clock"] or "00:00"
            if len(clock_text.split(":")[0]) == 1:
                clock_text = "0" + clock_text
            at = time.fromisoformat(clock_text)
        except ValueError as error:
            raise TimeParseError(raw, str(error)) from None
        naive = datetime.combine(day, at)
        zone = match["zone"]
        if zone is None:
            return _local(naive)
        if zone in ("z", "utc"):
            return naive.replace(tzinfo=timezone.utc)
        digits = zone[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:])
        if hours > 23 or minutes > 59:
            raise TimeParseError(raw, "offset out of range")
        offset = timedelta(hours=hours, minutes=minutes)
        return naive.replace(tzinfo=timezone(-offset if zone[0] == "-" else offset))

    raise TimeParseError(raw)


def parse_date(text: str, now: datetime | None = None) -> date:
    """Read a calendar date: `2026-11-30`, `today`, `tomorrow`, `+3d`."""
    cleaned = text.strip().lower()
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        pass
    try:
        return parse_moment(cleaned, now=now).date()
    except TimeParseError:
        raise TimeParseError(text, "expected a date such as 2026-11-30, today or +3d") from None


def normalise_moment(moment: datetime) -> datetime:
    """A moment TOML can hold exactly: offsets that are not whole minutes become UTC."""
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("a moment without a UTC offset cannot be stored")
    if offset.seconds % 60 or offset.microseconds:
        return moment.astimezone(timezone.utc)
    return moment


def format_duration(delta: timedelta) -> str:
    """A short, human duration: `3d 2h`, `5h 10m`, `12m`, `0m`. Negative gets a minus."""
    sign = "-" if delta < timedelta(0) else ""
    total_minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(total_minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        text = f"{days}d {hours}h" if hours else f"{days}d"
    elif hours:
        text = f"{hours}h {minutes}m" if minutes else f"{hours}h"
    else:
        text = f"{minutes}m"
    return sign + text


def format_signed(delta: timedelta) -> str:
    """A duration with its sign, as on a timeline: `+2d 4h`, `-9h`."""
    text = format_duration(delta)
    return text if text.startswith("-") else "+" + text


def format_moment(moment: datetime | None, with_utc: bool = False) -> str:
    """A moment in the user's local zone: `2026-11-20 09:12 +09:00`."""
    if moment is None:
        return "-"
    local = moment.astimezone()
    text = local.strftime("%Y-%m-%d %H:%M ") + _offset_text(local)
    if with_utc:
        text += moment.astimezone(timezone.utc).strftime(" (%Y-%m-%d %H:%M UTC)")
    return text


def _offset_text(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = int(abs(offset).total_seconds() // 60)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 with offset, for JSON output."""
    return moment.isoformat() if moment is not None else None
