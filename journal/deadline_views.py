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
from journal.rules import RuleSet, Version, load_rules
from journal.text import one_line

if TYPE_CHECKING:
    from journal.followups import NowItem
    from journal.index import Summary
    from journal.store import Store

NOW_WITHIN_DAYS = 14
"""A platform-rule deadline shows in Now from this many days before it ..."""
NOW_PASSED_DAYS = 7
"""... until this many days after it passed (unless marked done or not applicable)."""

_MARKS = {"done": N_("done"), "not-applicable": N_("not applicable")}
"""How a deadline's mark is said (the stored mark stays the English key)."""


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
        return say(_MARKS.get(deadline.state, deadline.state))
    if deadline.rule.direction == "before":
        return say(N_("on or after"))
    gap = deadline.due - now
    if gap <= timedelta(0):
        past = -gap
        if past.days:
            return say(N_("passed {days}d ago")).format(days=past.days)
        return say(N_("passed {hours}h ago")).format(hours=int(past.total_seconds() // 3600))
    if gap.days:
        return say(N_("in {days}d {hours}h")).format(days=gap.days, hours=gap.seconds // 3600)
    return say(N_("in {hours}h {minutes}m")).format(hours=gap.seconds // 3600, minutes=gap.seconds % 3600 // 60)


def deadline_line(deadline: Deadline, now: datetime, language: str = "en", zone: tzinfo | None = None) -> str:
    """One line: `Verify your identity by 2026-12-03 10:00 JST (01:00 UTC) (in 6d 12h): 7
    calendar days (UTC) from the notice of 2026-11-26; after that: ...`."""
    say = i18n.translations(language).gettext
    rule = deadline.rule
    main = deadline.versions[[m for _, m in deadline.versions].index(deadline.due)][0]
    line = say(N_("{title} by {when} ({left}): {counted} from {start}")).format(
        title=one_line(rule.text("title", language)),
        when=when_text(deadline.due, zone),
        left=left_text(deadline, now, language),
        counted=deadline.counted(main, language),
        start=start_words(deadline.started_by, language),
    )
    then = rule.text("then", language)
    return line + (say(N_("; after that: {then}")).format(then=one_line(then)) if then else "")


def deadline_block(deadline: Deadline, now: datetime, language: str = "en", zone: tzinfo | None = None) -> list[str]:
    """The line, what to do, and each page with its own deadline when the pages disagree."""
    say = i18n.translations(language).gettext
    out = [deadline_line(deadline, now, language, zone)]
    action = deadline.rule.text("action", language)
    if action:
        out.append("    " + say(N_("do: {action}")).format(action=one_line(action)))
    for version, moment in deadline.versions:
        own = f" -> {when_text(moment, zone)}, {deadline.counted(version, language)}" if deadline.disagree else ""
        out.append("    " + _source(version, language) + own)
    if deadline.disagree:
        out.append("    " + say(N_("(the pages disagree: the earliest is used)")))
    return out


def _source(version: Version, language: str) -> str:
    """`source: URL (read 2026-11-29)`: the page a rule comes from and the day it was read."""
    return (
        i18n.translations(language)
        .gettext(N_("source: {url} (read {day})"))
        .format(url=version.url, day=version.read.isoformat())
    )


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
    return (
        i18n.translations(language)
        .gettext(N_("{title} by {when} ({left})"))
        .format(
            title=one_line(first.rule.text("title", language)),
            when=when_text(first.due),
            left=left_text(first, now, language),
        )
        + more
    )


def incident_section(
    incident: Incident, now: datetime, ruleset: RuleSet | None = None, language: str = "en", hints: bool = False
) -> list[str]:
    """The deadlines section of `show` and the Markdown export (no heading; [] when none).
    With `hints`, also the clocks the user may start from a date (`deadlines ID`)."""
    ruleset = ruleset or load_rules()
    say = i18n.translations(language).gettext
    out: list[str] = []
    for deadline in incident_deadlines(incident, ruleset):
        out += deadline_block(deadline, now, language)
    for rule in standing_rules(incident, ruleset):
        out.append(
            say(N_("Platform rules: {title}: {then}")).format(
                title=one_line(rule.text("title", language)), then=one_line(rule.text("then", language))
            )
        )
        out += ["    " + _source(v, language) for v in rule.versions]
    waiting = waiting_rules(incident, ruleset) if hints and incident.is_active else []
    if waiting:
        out.append(
            say(N_("Clocks that start from a date you enter (deadlines {id} --start RULE WHEN):")).format(
                id=incident.id
            )
        )
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
