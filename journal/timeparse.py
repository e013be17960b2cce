"""Reading the moments people type.

Accepted forms (case-insensitive; full-width digits and colons are read too):

- `now`, `今`
- a day word and a clock: `today 14:30`, `yesterday 9:00`, `tomorrow 9am`, `今日 9:00`,
  `明日 9:00`, `明日の9時`, `昨日 14:30`, `一昨日 10:00`, `明後日 9時半`; a day word alone is its
  midnight (`today` alone is now); a bare clock (`14:30`, `9am`, `noon`, `午後3時`) is today
- a day of the week, with or without a clock: `monday`, `fri 9am`, `月曜`, `金曜日 15:00` (the
  next one after today, never today); `this friday`, `今週金曜` (that day of this week, Monday to
  Sunday, even if it has passed); `next monday`, `来週月曜`, `来週月曜 9:00`, `来週月曜の9時`
  (that day of next week); `再来週月曜` (the week after); `last friday` (the last one before
  today); `先週金曜` (that day of last week). Alone, a day is its midnight.
- clocks: `14:30`, `14:30:15`, `9am`, `9:30 pm`, `noon`, `midnight`, `9時`, `9時30分`,
  `午後3時`
- relative to now: `-2h`, `-3d`, `+3d`, `-1d4h`, `-90m`, `+2w`, `2h ago`, `3 days ago`,
  `in 3 days`, `3 days later`, `3 days from now`, `in 2 hours`, `3日前`, `2時間前`, `30分前`,
  `3日後`, `2時間後`, `2週間後`
- dates: `2026-11-20` (midnight), `2026-11-20 09:12`, `2026-11-20T09:12:30`,
  `2026/12/01 9:00`, `12/1 9:00` (month/day, this year), `Nov 20 09:12`, `20 Nov 2026`,
  `November 20, 2026 9:12am`
- with a zone: `2026-11-20T09:12+09:00`, `2026-11-20 00:12Z`, and RFC 2822 dates as in
  mail (`Sat, 21 Nov 2026 10:00:00 +0900`, `21 Nov 2026 10:00 JST`)

No zone given means the local zone (`$TZ`, else the system's zone, read with `zoneinfo`).
Days (`-3d`, `3 days ago`, `+2w`) are calendar days in the local zone: the same clock time
on that day, with that day's offset; hours and minutes are elapsed time. A local time that
does not exist (skipped when daylight saving time starts) is refused with the two valid
times around it; one that happens twice (when it ends) is taken as the first, and said.
Every moment returned carries a UTC offset.

Why one module of about 520 lines: every form above shares the local-zone rules (calendar
days, skipped and repeated hours) and the one error that lists the forms. Showing moments and
durations is `journal.timeshow`; what it shows in English can always be typed back here.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from journal import clock, i18n
from journal.i18n import N_

FORMS = (
    "now | today 14:30 | yesterday 9:00 | tomorrow 9am | 今日 9:00 | 明日 9:00 | 明日の9時 | 昨日 14:30 | "
    "14:30 | 9am | noon | 午後3時 | monday | next monday 9:00 | this friday | 月曜 | 来週月曜 9:00 | 今週金曜 | "
    "-2h | -3d | +3d | 3 days ago | in 3 days | 3 days later | 3日前 | 3日後 | 2時間前 | 2時間後 | "
    "2026-11-20 09:12 | 2026/12/01 9:00 | 12/1 9:00 (month/day) | Nov 20 09:12 | "
    "2026-11-20T09:12+09:00 | Sat, 21 Nov 2026 10:00:00 +0900"
)
"""Every accepted form, one example each (for --help and error messages)."""
HINT = N_(
    "try now, today 14:30, 明日 9:00, 9am, monday 9:00, 来週月曜 9:00, -3d, 3 days ago, 3日後, 2026/12/01 9:00, "
    "12/1 9:00 or Nov 20 09:12"
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        1,
    )
    for name in names
}
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_DAY_WORDS = {
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "今日": 0,
    "きょう": 0,
    "本日": 0,
    "昨日": -1,
    "きのう": -1,
    "明日": 1,
    "あした": 1,
    "あす": 1,
    "一昨日": -2,
    "おととい": -2,
    "明後日": 2,
    "あさって": 2,
}
_DAY_WORD = re.compile(
    r"^(?P<word>" + "|".join(sorted(_DAY_WORDS, key=len, reverse=True)) + r")(?:\s*(?:at\s+|の\s*)?(?P<rest>.*))?$"
)
_WEEKDAYS = {
    **{
        name: number
        for number, names in enumerate(
            [
                ("mon", "monday"),
                ("tue", "tues", "tuesday"),
                ("wed", "weds", "wednesday"),
                ("thu", "thur", "thurs", "thursday"),
                ("fri", "friday"),
                ("sat", "saturday"),
                ("sun", "sunday"),
            ]
        )
        for name in names
    },
    **{name: number for number, name in enumerate("月火水木金土日")},
}
"""Days of the week, Monday 0 (as `date.weekday()`), in English and Japanese (`月` of `月曜`)."""
_EN_WEEKDAY = re.compile(
    r"^(?:(?P<which>next|this|last|on)\s+)?(?P<day>"
    + "|".join(sorted((k for k in _WEEKDAYS if k.isascii()), key=len, reverse=True))
    + r")\.?(?:,?\s+(?:at\s+)?(?P<rest>.+))?$"
)
_JA_WEEKDAY = re.compile(
    r"^(?P<which>今週|来週|再来週|先週)?(?:の)?(?P<day>[月火水木金土日])曜(?:日)?(?:\s*(?:の\s*)?(?P<rest>.+))?$"
)
_WEEK_SHIFT = {"this": 0, "今週": 0, "next": 1, "来週": 1, "再来週": 2, "先週": -1}
"""Which week a `来週月曜` or `next monday` falls in, counted from this one (Monday to Sunday)."""
_CLOCK = re.compile(
    r"^(?:(?P<jpm>午前|午後))?\s*(?P<h>\d{1,2})(?::(?P<m>\d{2})(?::(?P<s>\d{2}))?)?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?$"
)
_JA_CLOCK = re.compile(r"^(?:(?P<jpm>午前|午後))?\s*(?P<h>\d{1,2})時(?:(?P<m>\d{1,2})分|(?P<half>半))?$")
_RELATIVE = re.compile(r"^(?P<sign>[+-])?\s*(?P<parts>(?:\d+\s*[wdhm]\s*)+?)\s*(?P<ago>ago)?$")
_RELATIVE_PART = re.compile(r"(\d+)\s*([wdhm])")
_WORDS_RELATIVE = re.compile(
    r"^(?P<in>in\s+)?(?P<parts>(?:\d+\s*(?:weeks?|days?|hours?|hrs?|minutes?|mins?)\s*,?\s*(?:and\s+)?)+)"
    r"(?:(?P<ago>ago)|(?P<later>later|from now))?$"
)
_WORDS_PART = re.compile(r"(\d+)\s*(week|day|hour|hr|minute|min)")
_JA_RELATIVE = re.compile(r"^(?P<parts>(?:\d+\s*(?:週間|日|時間|分)\s*)+)(?P<dir>前|後|あと)$")
_JA_PART = re.compile(r"(\d+)\s*(週間|日|時間|分)")
_ISO = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[ t](?P<clock>\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?))?"
    r"\s*(?P<zone>z|utc|[+-]\d{2}:?\d{2})?$"
)
_SLASHED = re.compile(r"^(?:(?P<y>\d{4})[/.-])?(?P<mo>\d{1,2})/(?P<d>\d{1,2})(?:\s+(?P<rest>.*))?$")
_SLASHED_YMD = re.compile(r"^(?P<y>\d{4})[/.](?P<mo>\d{1,2})[/.](?P<d>\d{1,2})(?:\s+(?P<rest>.*))?$")
_JA_DATE = re.compile(r"^(?:(?P<y>\d{4})年)?(?P<mo>\d{1,2})月(?P<d>\d{1,2})日(?:\s*(?:の\s*)?(?P<rest>.*))?$")
_MONTH_DAY = re.compile(
    rf"^{_WEEKDAY}(?:{_MONTH}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH.replace('mon', 'mon2')})"
    r"(?:,?\s+(?P<y>\d{4}))?(?:,?\s+(?:at\s+)?(?P<rest>.*))?$"
)
_ZONE_TAIL = re.compile(
    r"^(?P<clock>.*?)\s*(?P<zone>[+-]\d{4}|[+-]\d{2}:\d{2}|z|ut|utc|gmt|[a-z]{3,5}|(?:utc|gmt)[+-]\d{1,2}(?::?\d{2})?)$"
)
_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}
_MAX_RELATIVE = timedelta(days=365 * 200)


class TimeParseError(ValueError):
    """The text is not a moment we can read. The message names the text."""

    def __init__(self, text: str, detail: str = "") -> None:
        self.text = text
        say = i18n.gettext
        reason = say(N_("could not read the time {text}")).format(text=repr(text))
        if detail:
            reason = say(N_("{reason} ({detail})")).format(reason=reason, detail=say(detail))
        super().__init__(say(N_("{reason}: {hint}")).format(reason=reason, hint=say(HINT)))


class NonexistentTimeError(TimeParseError):
    """A local time that the clocks skip (daylight saving time starts). The message names the
    zone and the valid times just before and just after the gap."""

    def __init__(self, text: str, message: str) -> None:
        ValueError.__init__(self, message)
        self.text = text


def zone_name(zone: tzinfo) -> str:
    """A zone's IANA key (`America/New_York`) when it has one, else its name at this moment."""
    return getattr(zone, "key", None) or datetime.now(zone).tzname() or i18n.gettext(N_("your local zone"))


def _fixed(moment: datetime) -> datetime:
    """The same moment with a fixed UTC offset (as stored)."""
    offset = moment.utcoffset()
    assert offset is not None
    return moment.replace(tzinfo=timezone(offset))


def _clock_text(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = int(abs(offset).total_seconds() // 60)
    return moment.strftime("%Y-%m-%d %H:%M ") + f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def local_moment(
    naive: datetime, zone: tzinfo | None = None, notes: list[str] | None = None, strict: bool = True, text: str = ""
) -> datetime:
    """A wall-clock time in `zone` (default: the local zone) as an aware moment with a fixed
    offset.

    A time that does not exist there (the hour skipped when daylight saving time starts)
    raises NonexistentTimeError naming the zone and the valid times around the gap when
    `strict`; else (calendar arithmetic) it is moved forward by the gap, as clocks are. A
    time that happens twice is taken as the first; a line saying so goes to `notes`.
    """
    zone = zone or clock.local_zone()
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    back = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if back != naive:  # in a gap
        before_offset, after_offset = first.utcoffset(), second.utcoffset()
        assert before_offset is not None and after_offset is not None
        if not strict:
            return _fixed((naive + (after_offset - before_offset)).replace(tzinfo=zone))
        low = second.astimezone(UTC)
        high = first.astimezone(UTC)
        while high - low > timedelta(minutes=1):  # the instant the clocks change
            middle = low + (high - low) / 2
            middle = middle.replace(second=0, microsecond=0)
            if middle == low:
                break
            if middle.astimezone(zone).utcoffset() == before_offset:
                low = middle
            else:
                high = middle
        change = high.replace(second=0, microsecond=0)
        before = (change - timedelta(minutes=1)).astimezone(zone)
        after = change.astimezone(zone)
        shown = naive.strftime("%Y-%m-%d %H:%M")
        raise NonexistentTimeError(
            text or shown,
            i18n.gettext(
                N_(
                    "{shown} does not exist in your time zone ({zone}): the clocks jump from {jump_from} to "
                    "{jump_to} that night; the valid times around it are {before} and {after}"
                )
            ).format(
                shown=shown,
                zone=zone_name(zone),
                jump_from=change.astimezone(timezone(before_offset)).strftime("%H:%M"),
                jump_to=after.strftime("%H:%M"),
                before=_clock_text(before),
                after=_clock_text(after),
            ),
        )
    if first.utcoffset() != second.utcoffset() and notes is not None:
        notes.append(
            i18n.gettext(
                N_(
                    "{shown} happens twice in {zone} (the clocks go back); taken as the first, {first} "
                    "(the second is {second})"
                )
            ).format(
                shown=naive.strftime("%Y-%m-%d %H:%M"),
                zone=zone_name(zone),
                first=_clock_text(first),
                second=_clock_text(second),
            )
        )
    return _fixed(first)


def add_days(moment: datetime, days: int, zone: tzinfo | None = None) -> datetime:
    """`moment` plus `days` calendar days in `zone` (default: the local zone): the same clock
    time on that day, with that day's UTC offset (a time skipped that day moves forward by
    the gap; a repeated one is the first). Raises OverflowError past year 9999."""
    zone = zone or clock.local_zone()
    local = moment.astimezone(zone)
    return local_moment(local.replace(tzinfo=None) + timedelta(days=days), zone, strict=False)


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return " ".join(text.strip().lower().split())


def _clock(text: str, raw: str) -> time | None:
    """A clock time (`14:30`, `9am`, `noon`, `9時半`, `午後3時`); None when `text` is empty.
    Raises TimeParseError when it is not a clock."""
    text = text.strip().removeprefix("at ").strip()
    if not text:
        return None
    if text in ("noon", "midday", "正午"):
        return time(12, 0)
    if text in ("midnight",):
        return time(0, 0)
    match = _CLOCK.match(text) or _JA_CLOCK.match(text)
    if match is None or (match.re is _CLOCK and match["m"] is None and not match["ampm"] and not match["jpm"]):
        raise TimeParseError(raw)
    hour = int(match["h"])
    minute = 30 if match.groupdict().get("half") else int(match["m"] or 0)
    second = int(match.groupdict().get("s") or 0)
    ampm = (match.groupdict().get("ampm") or "").replace(".", "")
    pm = ampm == "pm" or match["jpm"] == "午後"
    if ampm or match["jpm"]:
        if not 1 <= hour <= 12 and not (match["jpm"] and hour == 0):
            raise TimeParseError(raw, N_("hour out of range for am/pm"))
        hour = hour % 12 + (12 if pm else 0)
    return _time(hour, minute, second, raw)


def _time(hour: int, minute: int, second: int, raw: str, microsecond: int = 0) -> time:
    """A clock time, or TimeParseError saying which part is out of range (in the user's
    language; Python's own `hour must be in 0..23` is English only)."""
    if not 0 <= hour <= 23:
        raise TimeParseError(raw, i18n.gettext(N_("the hour must be 0 to 23, not {n}")).format(n=hour))
    if not 0 <= minute <= 59:
        raise TimeParseError(raw, i18n.gettext(N_("the minute must be 0 to 59, not {n}")).format(n=minute))
    if not 0 <= second <= 59:
        raise TimeParseError(raw, i18n.gettext(N_("the second must be 0 to 59, not {n}")).format(n=second))
    return time(hour, minute, second, microsecond)


def _day(year: int, month: int, day: int, raw: str) -> date:
    """A calendar day, or TimeParseError saying which part is out of range (in the user's
    language)."""
    if not 1 <= year <= 9999:
        raise TimeParseError(raw, i18n.gettext(N_("the year must be 1 to 9999, not {n}")).format(n=year))
    if not 1 <= month <= 12:
        raise TimeParseError(raw, i18n.gettext(N_("the month must be 1 to 12, not {n}")).format(n=month))
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise TimeParseError(
            raw,
            i18n.gettext(N_("{year}-{month:02d} has days 1 to {last}, not {n}")).format(
                year=year, month=month, last=last, n=day
            ),
        )
    return date(year, month, day)


def _weekday(day: date, match: re.Match[str]) -> date:
    """The day a `monday`, `next monday`, `来週月曜`, ... names, seen from `day` (today): see
    the module's docstring."""
    wanted = _WEEKDAYS[match["day"]]
    which = match["which"] or ""
    if which in _WEEK_SHIFT:  # that day of this, next, ... week (weeks run Monday to Sunday)
        monday = day - timedelta(days=day.weekday())
        return monday + timedelta(weeks=_WEEK_SHIFT[which], days=wanted)
    if which == "last":  # the last one before today
        return day - timedelta(days=(day.weekday() - wanted - 1) % 7 + 1)
    return day + timedelta(days=(wanted - day.weekday() - 1) % 7 + 1)  # the next one after today


def _zone_offset(zone: str, raw: str) -> tzinfo:
    """A typed zone (`+0900`, `+09:00`, `Z`, `UTC`, `JST`, `GMT+9`) as a fixed offset."""
    from journal.eml import _zone_minutes  # the same zone names as mail Date headers

    if zone in ("z", "utc", "ut", "gmt"):
        return UTC
    minutes, note = _zone_minutes(zone.upper())
    if minutes is None or (note and "-0000" not in note):
        raise TimeParseError(raw, i18n.gettext(N_("unknown zone {zone}")).format(zone=repr(zone)))
    return timezone(timedelta(minutes=minutes))


def parse_moment(text: str, now: datetime | None = None, notes: list[str] | None = None) -> datetime:
    """Read a moment typed by a person (the forms in this module's docstring).

    Args:
        text: what was typed.
        now: the current moment (default: `clock.now()`); relative forms count from it.
        notes: lines to tell the user are appended here (a repeated local time taken as
            the first).

    Returns:
        An aware moment with a fixed UTC offset.

    Raises:
        TimeParseError naming the text; NonexistentTimeError (a TimeParseError) for a local
        time the clocks skip.
    """
    try:
        return _parse_moment(text, now, notes)
    except (OverflowError, ValueError) as error:
        if isinstance(error, TimeParseError):
            raise
        raise TimeParseError(text, N_("out of range")) from None


def _parse_moment(raw: str, now: datetime | None, notes: list[str] | None) -> datetime:
    text = _normal(raw)
    if not text:
        raise TimeParseError(raw, N_("empty"))
    zone = clock.local_zone()
    local_now = (now or clock.now()).astimezone(zone)
    today = local_now.date()

    def at(day: date, rest: str | None, midnight_is_now: bool = False) -> datetime:
        clock_time = _clock(rest or "", raw)
        if clock_time is None:
            if midnight_is_now:
                return _fixed(local_now.replace(microsecond=0))
            clock_time = time(0, 0)
        return local_moment(datetime.combine(day, clock_time), zone, notes, text=raw)

    if text in ("now", "今", "いま"):
        return _fixed(local_now.replace(microsecond=0))

    # Relative: -3d, 2h ago, 3 days ago, in 3 days, 3日前, 2時間後
    delta_days, delta = 0, timedelta()
    sign = 0
    if (match := _RELATIVE.match(text)) and (match["sign"] or match["ago"]):
        parts = [(int(n), _UNITS[u]) for n, u in _RELATIVE_PART.findall(match["parts"])]
        sign = -1 if match["sign"] == "-" or match["ago"] else 1
    elif (match := _WORDS_RELATIVE.match(text)) and [bool(match["in"]), bool(match["ago"]), bool(match["later"])].count(
        True
    ) == 1:
        names = {"week": "weeks", "day": "days", "hour": "hours", "hr": "hours", "minute": "minutes", "min": "minutes"}
        parts = [(int(n), names[u]) for n, u in _WORDS_PART.findall(match["parts"])]
        sign = -1 if match["ago"] else 1
    elif match := _JA_RELATIVE.match(text):
        names = {"週間": "weeks", "日": "days", "時間": "hours", "分": "minutes"}
        parts = [(int(n), names[u]) for n, u in _JA_PART.findall(match["parts"])]
        sign = -1 if match["dir"] == "前" else 1
    if sign:
        for amount, unit in parts:
            if unit == "weeks":
                delta_days += 7 * amount
            elif unit == "days":
                delta_days += amount
            else:
                delta += timedelta(**{unit: amount})
        if timedelta(days=delta_days) + delta > _MAX_RELATIVE:
            raise TimeParseError(raw, N_("too far away"))
        moment = add_days(local_now.replace(microsecond=0), sign * delta_days, zone) if delta_days else local_now
        # Hours and minutes are elapsed time: added in UTC, not to the wall clock.
        return _fixed((moment.astimezone(UTC) + sign * delta).astimezone(zone).replace(microsecond=0))

    if match := _ISO.match(text):
        year, month, day_number = (int(part) for part in match["date"].split("-"))
        day = _day(year, month, day_number, raw)
        hms, _dot, fraction = (match["clock"] or "00:00").partition(".")
        numbers = [int(part) for part in hms.split(":")] + [0]
        clock_time = _time(numbers[0], numbers[1], numbers[2], raw, int(fraction.ljust(6, "0")) if fraction else 0)
        naive = datetime.combine(day, clock_time)
        offset = match["zone"]
        if offset is None:
            return local_moment(naive, zone, notes, text=raw)
        if offset in ("z", "utc"):
            return naive.replace(tzinfo=UTC)
        digits = offset[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:])
        if hours > 23 or minutes > 59:
            raise TimeParseError(raw, N_("offset out of range"))
        span = timedelta(hours=hours, minutes=minutes)
        return naive.replace(tzinfo=timezone(-span if offset[0] == "-" else span))

    if match := _DAY_WORD.match(text):
        shift = _DAY_WORDS[match["word"]]
        return at(today + timedelta(days=shift), match["rest"], midnight_is_now=shift == 0)

    for pattern in (_SLASHED_YMD, _SLASHED, _JA_DATE):
        if match := pattern.match(text):
            year = int(match["y"]) if match["y"] else today.year
            return at(_day(year, int(match["mo"]), int(match["d"]), raw), match["rest"])

    if match := _MONTH_DAY.match(text):
        month = _MONTHS[match["mon"] or match["mon2"]]
        day_number = int(match["d1"] or match["d2"])
        year = int(match["y"]) if match["y"] else today.year
        day = _day(year, month, day_number, raw)
        rest = match["rest"] or ""
        tail = _ZONE_TAIL.match(rest) if rest else None
        if tail and tail["clock"] and not tail["zone"].isdigit():
            clock_time = _clock(tail["clock"], raw) or time(0, 0)
            return _fixed(datetime.combine(day, clock_time).replace(tzinfo=_zone_offset(tail["zone"], raw)))
        return at(day, rest)

    # A day of the week (after the dates, which may start with one: `Sat, 21 Nov 2026`).
    if match := _EN_WEEKDAY.match(text) or _JA_WEEKDAY.match(text):
        return at(_weekday(today, match), match["rest"])

    # A bare clock: today.
    bare_clock = _clock(text, raw)  # a clock out of range says which part
    assert bare_clock is not None
    return local_moment(datetime.combine(today, bare_clock), zone, notes, text=raw)


def parse_date(text: str, now: datetime | None = None) -> date:
    """Read a calendar date: `2026-11-30`, `2026/11/30`, `11/30`, `today`, `明日`, `+3d`,
    `Nov 30`. Raises TimeParseError naming the text."""
    cleaned = _normal(text)
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        pass
    try:
        return parse_moment(cleaned, now=now).date()
    except TimeParseError:
        raise TimeParseError(text, N_("expected a date such as 2026-11-30, 11/30, today or +3d")) from None


def normalise_moment(moment: datetime) -> datetime:
    """A moment TOML can hold exactly: offsets that are not whole minutes become UTC."""
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("a moment without a UTC offset cannot be stored")  # a bug, not input
    if offset.seconds % 60 or offset.microseconds:
        return moment.astimezone(UTC)
    return moment
