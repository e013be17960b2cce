"""The headline above the tabs and the Overview tab: counters, warnings, next steps."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from journal import at_risk, deadline_views
from journal.alerts import incident_alerts
from journal.counters import counters, format_pending
from journal.model import KIND_LABELS, Incident
from journal.timeparse import format_duration, format_moment
from screens.incident_list import WARNING_MARK
from screens.incident_tabs.common import HEADLINE_TITLE_CHARS, on_hold, short_moment
from screens.safe import block, plain


def headline(incident: Incident, now: datetime) -> Content:
    """The lines above the tabs: the title, then kind, status, time on hold, follow-up."""
    parts: list[Content | str | tuple[str, str]] = [
        plain(
            incident.title
            if len(incident.title) <= HEADLINE_TITLE_CHARS
            else incident.title[: HEADLINE_TITLE_CHARS - 1] + "…",
            "bold",
        ),
        "\n",
        KIND_LABELS.get(incident.kind, incident.kind),
        " · ",
        (incident.status, "bold"),
        " · on hold ",
        format_duration(on_hold(incident, now)),
    ]
    if not incident.is_active:  # a resolved or closed incident has no follow-up
        pass
    elif incident.follow_up_at is None:
        parts.append(" · follow-up none")
    elif incident.is_overdue(now):
        parts += [" · follow-up ", (short_moment(incident.follow_up_at) + " OVERDUE", "bold red")]
    else:
        parts.append(" · follow-up " + short_moment(incident.follow_up_at))
    count = counters(incident, now)
    if count.awaiting_reply and count.waiting_on_support is not None:
        parts.append(f" · waiting on support {format_duration(count.waiting_on_support)}")
    alerts = incident_alerts(incident)
    if alerts:
        parts += [
            " · ",
            (f"{WARNING_MARK} {len(alerts)} warning{'s' if len(alerts) != 1 else ''} (see Overview)", "bold $warning"),
        ]
    next_deadline = deadline_views.headline(incident, now) if incident.is_active else ""
    if next_deadline:
        parts += ["\n", ("Next deadline: ", "bold"), plain(next_deadline, "$warning")]
    risk = at_risk.headline(incident, now) if incident.is_active else ""
    if risk:
        parts += ["\n", ("Money at risk: ", "bold"), plain(risk)]
    return Content.assemble(*parts)


class Overview(VerticalScroll):
    """The incident's details and summary."""

    def compose(self) -> ComposeResult:
        yield Static(id="overview-body")

    def show(self, incident: Incident, now: datetime) -> None:
        rows: list[tuple[str, Content]] = [
            ("Title", plain(incident.title)),
            ("Platform", plain(incident.platform)),
            ("Kind", Content(KIND_LABELS.get(incident.kind, incident.kind))),
            ("Status", Content(incident.status)),
            ("Opened", Content(format_moment(incident.opened_at, with_utc=True))),
        ]
        if incident.closed_at:
            rows.append(("Closed", Content(format_moment(incident.closed_at, with_utc=True))))
        rows.append(("On hold", Content(format_duration(on_hold(incident, now)))))
        count = counters(incident, now)
        if count.waiting_on_support is None:
            rows.append(("Support", Content("no message sent to support yet")))
        else:
            waited = format_duration(count.waiting_on_support)
            since = short_moment(count.waiting_since)
            text = (
                f"waiting {waited} for a reply (sent {since})"
                if count.awaiting_reply
                else f"replied after {waited} (sent {since})"
            )
            rows.append(("Support", Content(text)))
        if count.pending:
            rows.append(("Pending", plain(format_pending(count.pending))))
        for number, line in enumerate(at_risk.lines(incident, now)):
            rows.append(("Money" if number == 0 else "", plain(line)))
        if incident.is_active:  # a resolved or closed incident has no follow-up
            follow = "none (f sets one)"
            if incident.follow_up_at:
                follow = format_moment(incident.follow_up_at) + (" (overdue)" if incident.is_overdue(now) else "")
            rows.append(("Follow-up", Content(follow)))
        if incident.tags:
            rows.append(("Tags", plain(", ".join(incident.tags))))
        done = sum(1 for c in incident.checklist if c.done_at)
        unanswered = sum(1 for r in incident.requests if r.answered_at is None and not r.answer)
        rows.append(
            (
                "Recorded",
                Content(
                    f"{counted(len(incident.messages), 'message')}, {counted(len(incident.events), 'event')}, "
                    f"checklist {done}/{len(incident.checklist)}, {counted(len(incident.contracts), 'contract')}, "
                    f"{counted(len(incident.requests), 'request')} ({unanswered} unanswered)"
                ),
            )
        )
        lines = [Content.assemble((f"{label:>10}  ", "dim"), value) for label, value in rows]
        for alert in incident_alerts(incident):
            lines.append(Content(""))
            lines.append(Content.assemble((f"{WARNING_MARK} ", "bold $warning"), plain(alert.line(), "$warning")))
        lines += deadline_lines(incident, now)
        lines += next_steps(incident)
        lines.append(Content(""))
        lines.append(Content.assemble(("Summary", "bold")))
        lines.append(block(incident.summary) if incident.summary.strip() else Content("(none: e edits the incident)"))
        lines.append(Content(""))
        lines.append(
            Content.styled("s changes the status · f sets the follow-up · e edits · a adds a timeline note", "dim")
        )
        self.query_one("#overview-body", Static).update(Content("\n").join(lines))


def deadline_lines(incident: Incident, now: datetime) -> list[Content]:
    """The platform rules' deadlines of an active incident, each with how it was counted
    and its source (`incident-journal deadlines ID` marks them)."""
    section = deadline_views.incident_section(incident, now) if incident.is_active else []
    if not section:
        return []
    head = Content.assemble(
        ("Deadlines (the platform's rules)", "bold"), ("  ·  deadlines ID --done RULE marks one", "dim")
    )
    return [Content(""), head] + [plain(line) for line in section]


def counted(number: int, noun: str) -> str:
    """`1 message`, `2 messages`."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


NEXT_STEPS_SHOWN = 5
"""Open checklist items and open support questions listed on the Overview."""


def next_steps(incident: Incident) -> list[Content]:
    """What to do next, on the Overview: the first open checklist items and the questions
    support asked that are not answered yet (a newcomer sees them without looking further)."""
    lines: list[Content] = []
    sections = [
        (
            "Next to do",
            [c.text for c in incident.checklist if c.done_at is None],
            "4 opens the checklist · space ticks",
        ),
        (
            "Support asks",
            [r.question for r in incident.requests if r.answered_at is None and not r.answer],
            "6 opens the requests · e answers",
        ),
    ]
    for title, items, hint in sections:
        if not items:
            continue
        lines.append(Content(""))
        lines.append(Content.assemble((title, "bold"), (f"  ({hint})", "dim")))
        for text in items[:NEXT_STEPS_SHOWN]:
            lines.append(Content.assemble(("  • ", "dim"), plain(text)))
        if len(items) > NEXT_STEPS_SHOWN:
            lines.append(Content.styled(f"  … and {len(items) - NEXT_STEPS_SHOWN} more", "dim"))
    return lines
