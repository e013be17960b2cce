"""Deadlines computed from an incident's record and the platform's rules (`journal.rules`).

What starts a rule's clock, first found wins:
1. a date the user entered for that rule (`deadlines ID --start RULE WHEN`);
2. the incident's kind (the clock starts when the incident opened);
3. the first timeline event of a kind the rule names;
4. the first received message whose subject or body holds one of the rule's phrases
   (case-insensitive, white space runs as one space).

Counting, in the rule's zone (UTC, or the user's own zone) with `zoneinfo`, so a local day
across a daylight-saving change still ends at the same wall-clock time:
- `hours`: elapsed hours;
- `days`: calendar days, same wall-clock time;
- `business-days`: Monday to Friday only, same wall-clock time (a start on Saturday plus one
  business day is Monday at that time);
- `months`: calendar months, the day clamped to the month's end;
- `align = "week"` first moves the start back to Monday 00:00 of its week;
- `direction = "before"` counts backwards (a document must be dated on or after the result).

A rule with several versions (pages that disagree) gets one deadline per version; the
earliest is used and all are shown. The user's marks live in the incident file as
`[[deadlines]]` tables (see docs/format.md): `rule`, `start`, `done_at`, `not_applicable_at`.
"""

from __future__ import annotations

import calendar
import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from journal import i18n, labels
from journal.i18n import N_
from journal.model import Incident
from journal.rules import Rule, RuleSet, Version

MARKS_KEY = "deadlines"
"""The incident file's array of tables holding the user's marks and entered start dates."""
STATES = ("open", "done", "not-applicable")
_SPACE = re.compile(r"\s+")


def user_zone() -> tzinfo:
    """The user's zone: $TZ when it names an IANA zone, else the system's local zone."""
    name = os.environ.get("TZ", "").strip().lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return datetime.now().astimezone().tzinfo or UTC


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def count(start: datetime, amount: int, unit: str, zone: tzinfo, align: str = "", direction: str = "after") -> datetime:
    """`start` moved by `amount` `unit`s counted in `zone` (see the module docstring).
    Returns an aware moment in UTC. Raises OverflowError past the calendar's ends."""
    local = start.astimezone(zone)
    wall = local.replace(tzinfo=None)
    if align == "week":
        wall = datetime.combine(wall.date() - timedelta(days=wall.weekday()), datetime.min.time())
    sign = -1 if direction == "before" else 1
    if unit == "hours":
        moment = wall.replace(tzinfo=zone).astimezone(UTC) + timedelta(hours=sign * amount)
        return moment
    if unit == "days":
        wall += timedelta(days=sign * amount)
    elif unit == "months":
        wall = datetime.combine(_add_months(wall.date(), sign * amount), wall.time())
    elif unit == "business-days":
        left = amount
        while left > 0:
            wall += timedelta(days=sign)
            if wall.weekday() < 5:
                left -= 1
    else:
        raise ValueError(f"unknown unit {unit!r}")
    return wall.replace(tzinfo=zone).astimezone(UTC)


def _zone_of(rule: Rule, zone: tzinfo | None) -> tzinfo:
    return UTC if rule.zone == "utc" else (zone or user_zone())


# ---------------------------------------------------------------------------- marks


def marks(incident: Incident) -> dict[str, dict[str, Any]]:
    """The user's marks and entered start dates, by rule id. Entries that are not tables
    with a text `rule` are ignored here (and kept in the file as they are)."""
    raw = incident.extra.get(MARKS_KEY)
    out: dict[str, dict[str, Any]] = {}
    if isinstance(raw, list):
        for entry in raw:
            if isinstance(entry, dict) and isinstance(entry.get("rule"), str):
                out.setdefault(entry["rule"], entry)
    return out


def _entry(incident: Incident, rule_id: str) -> dict[str, Any]:
    raw = incident.extra.get(MARKS_KEY)
    if not isinstance(raw, list):
        raw = []
        incident.extra[MARKS_KEY] = raw
    for entry in raw:
        if isinstance(entry, dict) and entry.get("rule") == rule_id:
            return entry
    entry = {"rule": rule_id}
    raw.append(entry)
    return entry


def set_start(incident: Incident, rule_id: str, moment: datetime | None) -> None:
    """Enter (or with None, clear) the moment a rule's clock starts for this incident."""
    entry = _entry(incident, rule_id)
    if moment is None:
        entry.pop("start", None)
    else:
        entry["start"] = moment


def set_state(incident: Incident, rule_id: str, state: str, at: datetime) -> None:
    """Mark a rule's deadline `done`, `not-applicable`, or `open` again (clears both marks)."""
    if state not in STATES:
        raise ValueError(f"unknown state {state!r}: expected one of {', '.join(STATES)}")
    entry = _entry(incident, rule_id)
    entry.pop("done_at", None)
    entry.pop("not_applicable_at", None)
    if state == "done":
        entry["done_at"] = at
    elif state == "not-applicable":
        entry["not_applicable_at"] = at


# ---------------------------------------------------------------------------- deadlines


@dataclass(frozen=True)
class Deadline:
    """One rule's deadline for one incident."""

    rule: Rule
    start: datetime
    started_by: str
    """What started the clock, in words: `the notice of 2026-11-26`, `the date you entered`."""
    versions: tuple[tuple[Version, datetime], ...]
    """Each page's deadline (UTC), in the rule's order."""
    state: str = "open"
    marked_at: datetime | None = None

    @property
    def due(self) -> datetime:
        """The deadline in use: the earliest version's (UTC), or the latest for `before`."""
        moments = [moment for _, moment in self.versions]
        return max(moments) if self.rule.direction == "before" else min(moments)

    @property
    def disagree(self) -> bool:
        """True when the pages give different deadlines."""
        return len({moment for _, moment in self.versions}) > 1

    @property
    def is_open(self) -> bool:
        return self.state == "open"

    def passed(self, now: datetime) -> bool:
        return self.rule.direction == "after" and self.due <= now

    def counted(self, version: Version, lang: str = "en") -> str:
        """How a version was counted: `7 calendar days (UTC)` (`暦日で7日（UTC）`), in `lang`
        (en or ja; English for JSON)."""
        catalog = i18n.translations(lang)
        n = version.duration
        if version.unit == "days":
            amount = catalog.ngettext("{n} calendar day", "{n} calendar days", n).format(n=n)
        elif version.unit == "business-days":
            amount = catalog.ngettext("{n} business day", "{n} business days", n).format(n=n)
        else:
            amount = f"{n} {version.unit}"
        zone = catalog.gettext(N_("(UTC)") if self.rule.zone == "utc" else N_("(your time zone)"))
        bits = f"{amount} {zone}" if lang == "en" else amount + zone
        if self.rule.align == "week":
            bits += catalog.gettext(N_(" from Monday 00:00 of that week"))
        return bits + (catalog.gettext(N_(" before")) if self.rule.direction == "before" else "")

    def to_json(self) -> dict[str, Any]:
        """For `deadlines --json`."""
        return {
            "rule": self.rule.id,
            "platform": self.rule.platform,
            "title": self.rule.title,
            "due": self.due.isoformat(),
            "start": self.start.isoformat(),
            "started_by": self.started_by,
            "state": self.state,
            "marked_at": self.marked_at.isoformat() if self.marked_at else None,
            "then": self.rule.then,
            "action": self.rule.action,
            "versions": [
                {
                    "due": moment.isoformat(),
                    "counted": self.counted(v),
                    "url": v.url,
                    "read": v.read.isoformat(),
                    "quote": v.quote,
                }
                for v, moment in self.versions
            ],
        }


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).casefold()


def _day(moment: datetime) -> str:
    return f"{moment.astimezone():%Y-%m-%d}"


_STARTS = (
    (re.compile(r"the date you entered"), N_("the date you entered")),
    (re.compile(r"the (?P<kind>[a-z-]+) hold of (?P<day>[0-9-]+)"), N_("the {kind} hold of {day}")),
    (re.compile(r"the (?P<kind>[a-z-]+) event of (?P<day>[0-9-]+)"), N_("the {kind} event of {day}")),
    (re.compile(r"the notice of (?P<day>[0-9-]+)"), N_("the notice of {day}")),
)
"""The forms `find_start` says what started a clock in, and their messages."""


def start_words(started_by: str, lang: str = "en") -> str:
    """`Deadline.started_by` (English, as JSON keeps it) in `lang`: `the account-hold hold
    of 2026-11-26` -> `2026-11-26 の保留（アカウントの保留）`. Any other text is returned as is."""
    for pattern, message in _STARTS:
        found = pattern.fullmatch(started_by)
        if found:
            parts = found.groupdict()
            if "kind" in parts:
                kind = parts["kind"]
                parts["kind"] = labels.kind(kind, lang) if "hold of" in started_by else labels.event_kind(kind, lang)
                if lang == "en":
                    parts["kind"] = kind
            return i18n.translations(lang).gettext(message).format(**parts)
    return started_by


def find_start(rule: Rule, incident: Incident, entry: dict[str, Any] | None = None) -> tuple[datetime, str] | None:
    """When and by what a rule's clock starts for this incident, or None (see the module)."""
    if entry and isinstance(entry.get("start"), datetime) and entry["start"].tzinfo is not None:
        return entry["start"], "the date you entered"
    starts = rule.starts
    if incident.kind in starts.kinds:
        return incident.opened_at, f"the {incident.kind} hold of {_day(incident.opened_at)}"
    for event in incident.events:
        if event.kind in starts.events:
            return event.at, f"the {event.kind} event of {_day(event.at)}"
    if starts.phrases:
        phrases = [_normal(p) for p in starts.phrases]
        for message in incident.messages:
            if message.direction != "received":
                continue
            text = _normal(message.subject + "\n" + message.body[:200_000])
            if any(p in text for p in phrases):
                return message.at, f"the notice of {_day(message.at)}"
    return None


def applies(rule: Rule, incident: Incident) -> bool:
    """True when the rule is of the incident's platform."""
    return rule.platform.casefold() == incident.platform.strip().casefold()


def incident_deadlines(incident: Incident, ruleset: RuleSet, zone: tzinfo | None = None) -> list[Deadline]:
    """Every deadline the rules set for this incident, soonest first (done and not-applicable
    ones included, with their state). Rules without a clock and rules not started are left out:
    see `standing_rules` and `waiting_rules`."""
    marked = marks(incident)
    out: list[Deadline] = []
    for rule in ruleset.for_platform(incident.platform):
        if not rule.has_clock:
            continue
        entry = marked.get(rule.id)
        found = find_start(rule, incident, entry)
        if found is None:
            continue
        start, how = found
        try:
            versions = tuple(
                (v, count(start, v.duration, v.unit, _zone_of(rule, zone), rule.align, rule.direction))
                for v in rule.versions
            )
        except OverflowError:
            continue
        state, at = "open", None
        if entry and isinstance(entry.get("done_at"), datetime):
            state, at = "done", entry["done_at"]
        elif entry and isinstance(entry.get("not_applicable_at"), datetime):
            state, at = "not-applicable", entry["not_applicable_at"]
        out.append(Deadline(rule, start, how, versions, state, at))
    out.sort(key=lambda d: (d.due, d.rule.id))
    return out


def standing_rules(incident: Incident, ruleset: RuleSet) -> list[Rule]:
    """The incident platform's rules without a clock (on dealing outside the platform)."""
    return [rule for rule in ruleset.for_platform(incident.platform) if not rule.has_clock]


def waiting_rules(incident: Incident, ruleset: RuleSet) -> list[Rule]:
    """Rules of the incident's platform whose clock can start from a date the user enters,
    and has not started: shown as a hint (`--start RULE WHEN`)."""
    started = {d.rule.id for d in incident_deadlines(incident, ruleset)}
    return [
        rule
        for rule in ruleset.for_platform(incident.platform)
        if rule.has_clock and rule.starts.date and rule.id not in started
    ]
