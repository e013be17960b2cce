"""Deadlines in words, for the incident headline, `show`, `deadlines`, the Markdown export and
Now. Moments are shown in the user's zone with the UTC time beside them; every deadline says
how it was counted and the page that states the rule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from journal import i18n
from journal.i18n import N_
from journal.model import Incident
from journal.rule_deadlines import (
    Deadline,
    incident_deadlines,
    standing_rules,
    start_words,
    user_zone,
    waiting_rules,
)
from journal.rules import RuleSet, load_rules
from journal.text import one_line
from journal.timeparse import format_duration

if TYPE_CHECKING:
    from journal.followups import NowItem
    from journal.index import Summary
    from journal.store import Store

NOW_WITHIN_DAYS = 14
"""A platform-rule deadline shows in Now from this many days before it ..."""
NOW_PASSED_DAYS = 7
"""... until this many days after it passed (unless marked done or not applicable)."""

_WORDS = {
    "by": N_("by"),
    "from": N_("from"),
    "after": N_("after that"),
    "do": N_("do"),
    "source": N_("source"),
    "read": N_("read"),
    "passed": N_("PASSED"),
    "done": N_("done"),
    "not-applicable": N_("not applicable"),
    "earliest": N_("the earliest is used"),
    "rules": N_("Platform rules"),
    "start": N_("Clocks that start from a date you enter"),
    "deadlines": N_("Deadlines"),
}
"""The words around a rule's texts, by role (English; translated by `words`)."""


def words(language: str) -> dict[str, str]:
    """`_WORDS` in `language` (en or ja), from the catalogs."""
    say = i18n.translations(language).gettext
    return {key: say(text) for key, text in _WORDS.items()}


def when_text(moment: datetime, zone: tzinfo | None = None) -> str:
    """`2026-12-03 10:00 JST (01:00 UTC)`: the user's zone, with UTC beside it."""
    local = moment.astimezone(zone or user_zone())
    utc = moment.astimezone(UTC)
    name = local.tzname() or local.strftime("%z")
    same_day = local.date() == utc.date()
    beside = f"{utc:%H:%M} UTC" if same_day else f"{utc:%Y-%m-%d %H:%M} UTC"
    if name == "UTC":
        return f"{local:%Y-%m-%d %H:%M} UTC"
    return f"{local:%Y-%m-%d %H:%M} {name} ({beside})"


def left_text(deadline: Deadline, now: datetime, language: str = "en") -> str:
    """`in 3d 4h`, `passed 2d ago`, or the mark (`あと3日4時間`, `2日前に経過`), in
    `language` (en or ja)."""
    say = i18n.translations(language).gettext
    if not deadline.is_open:
        return say(_WORDS.get(deadline.state, deadline.state))
    if deadline.rule.direction == "before":
        return say(N_("on or after"))
    gap = deadline.due - now
    if gap <= timedelta(0):
        past = -gap
        shown = timedelta(days=past.days) if past.days else timedelta(hours=int(past.total_seconds() // 3600))
        return say(N_("passed {duration} ago")).format(duration=format_duration(shown, language))
    if gap.days:
        shown = timedelta(days=gap.days, hours=gap.seconds // 3600)
    else:
        shown = timedelta(hours=gap.seconds // 3600, minutes=gap.seconds % 3600 // 60)
    return say(N_("in {duration}")).format(duration=format_duration(shown, language))


def deadline_line(deadline: Deadline, now: datetime, language: str = "en", zone: tzinfo | None = None) -> str:
    """One line: `Verify your identity by 2026-12-03 10:00 JST (01:00 UTC) (in 6d 12h): 7
    calendar days (UTC) from the notice of 2026-11-26; after that: ...`."""
    w = words(language)
    rule = deadline.rule
    main = deadline.versions[[m for _, m in deadline.versions].index(deadline.due)][0]
    line = (
        f"{one_line(rule.text('title', language))} {w['by']} {when_text(deadline.due, zone)} ({left_text(deadline, now, language)}): "
        f"{deadline.counted(main, language)} {w['from']} {start_words(deadline.started_by, language)}"
    )
    then = rule.text("then", language)
    return line + (f"; {w['after']}: {one_line(then)}" if then else "")


def deadline_block(deadline: Deadline, now: datetime, language: str = "en", zone: tzinfo | None = None) -> list[str]:
    """The line, what to do, and each page with its own deadline when the pages disagree."""
    w = words(language)
    out = [deadline_line(deadline, now, language, zone)]
    action = deadline.rule.text("action", language)
    if action:
        out.append(f"    {w['do']}: {one_line(action)}")
    for version, moment in deadline.versions:
        own = f" -> {when_text(moment, zone)}, {deadline.counted(version, language)}" if deadline.disagree else ""
        out.append(f"    {w['source']}: {version.url} ({w['read']} {version.read.isoformat()}){own}")
    if deadline.disagree:
        disagree = i18n.translations(language).gettext(N_("(the pages disagree: {which})"))
        out.append("    " + disagree.format(which=w["earliest"]))
    return out


def headline(incident: Incident, now: datetime, ruleset: RuleSet | None = None, language: str = "en") -> str:
    """The incident's next open deadline in one short line, or "" when there is none."""
    ruleset = ruleset or load_rules()
    open_ones = [d for d in incident_deadlines(incident, ruleset) if d.is_open and d.rule.direction == "after"]
    if not open_ones:
        return ""
    first = open_ones[0]
    more = (
        i18n.translations(language).gettext(N_(" (+{n} more)")).format(n=len(open_ones) - 1)
        if len(open_ones) > 1
        else ""
    )
    return f"{one_line(first.rule.text('title', language))} {words(language)['by']} {when_text(first.due)} ({left_text(first, now, language)}){more}"


def incident_section(
    incident: Incident, now: datetime, ruleset: RuleSet | None = None, language: str = "en", hints: bool = False
) -> list[str]:
    """The deadlines section of `show` and the Markdown export (no heading; [] when none).
    With `hints`, also the clocks the user may start from a date (`deadlines ID`)."""
    ruleset = ruleset or load_rules()
    w = words(language)
    out: list[str] = []
    for deadline in incident_deadlines(incident, ruleset):
        out += deadline_block(deadline, now, language)
    for rule in standing_rules(incident, ruleset):
        out.append(f"{w['rules']}: {one_line(rule.text('title', language))}: {one_line(rule.text('then', language))}")
        out += [f"    {w['source']}: {v.url} ({w['read']} {v.read.isoformat()})" for v in rule.versions]
    waiting = waiting_rules(incident, ruleset) if hints and incident.is_active else []
    if waiting:
        out.append(f"{w['start']} (deadlines {incident.id} --start RULE WHEN):")
        out += [f"  {rule.id}: {one_line(rule.starts.date)}" for rule in waiting]
    return out


def rule_now_items(store: Store, summaries: list[Summary], now: datetime) -> list[NowItem]:
    """Now's platform-rule deadlines: open ones of active incidents due within NOW_WITHIN_DAYS
    or passed less than NOW_PASSED_DAYS ago, as `deadline` items (text: the rule's title).
    Opens only the files of active incidents whose platform has rules."""
    from journal.followups import NowItem

    ruleset = load_rules()
    platforms = {rule.platform.casefold() for rule in ruleset.rules if rule.has_clock}
    zone = user_zone()
    items: list[NowItem] = []
    for summary in summaries:
        if not summary.is_active or summary.platform.strip().casefold() not in platforms:
            continue
        try:
            incident = store.load(summary.id)
        except Exception:  # noqa: BLE001 - a file that cannot be read is already reported by the scan
            continue
        for deadline in incident_deadlines(incident, ruleset, zone):
            if not deadline.is_open or deadline.rule.direction != "after":
                continue
            gap = deadline.due - now
            if -timedelta(days=NOW_PASSED_DAYS) < gap <= timedelta(days=NOW_WITHIN_DAYS):
                items.append(
                    NowItem(
                        "deadline",
                        incident.id,
                        incident.title,
                        deadline.rule.title,
                        at=deadline.due,
                        deadline=deadline.due.astimezone(zone),
                        rule_id=deadline.rule.id,
                    )
                )
    return items
