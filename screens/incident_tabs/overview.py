"""The headline above the tabs and the Overview tab: counters, warnings, next steps."""

from __future__ import annotations

from datetime import datetime

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content

from journal import at_risk, deadline_views, i18n, labels
from journal.alerts import Alert, incident_alerts
from journal.counters import counters, format_pending
from journal.i18n import N_, _, ngettext
from journal.model import Incident
from journal.timeshow import format_duration, show_moment
from screens.hanging import HangingLines
from screens.incident_list import WARNING_MARK
from screens.incident_tabs.common import HEADLINE_TITLE_CHARS, on_hold, short_moment
from screens.safe import block, plain


def headline(incident: Incident, now: datetime, alerts: list[Alert] | None = None) -> Content:
    """The lines above the tabs: the title, then kind, status, time on hold, follow-up.
    `alerts`: the incident's warnings when already known (else they are looked for now)."""
    parts: list[Content | str | tuple[str, str]] = [
        plain(
            incident.title
            if len(incident.title) <= HEADLINE_TITLE_CHARS
            else incident.title[: HEADLINE_TITLE_CHARS - 1] + "…",
            "bold",
        ),
        "\n",
        labels.kind(incident.kind),
        " · ",
        (labels.status(incident.status), "bold"),
        " · ",
        _("on hold {duration}").format(duration=format_duration(on_hold(incident, now))),
    ]
    if not incident.is_active:  # a resolved or closed incident has no follow-up
        pass
    elif incident.follow_up_at is None:
        parts.append(" · " + _("follow-up none"))
    elif incident.is_overdue(now):
        parts += [
            " · ",
            (_("follow-up {when} OVERDUE").format(when=short_moment(incident.follow_up_at)), "bold red"),
        ]
    else:
        parts.append(" · " + _("follow-up {when}").format(when=short_moment(incident.follow_up_at)))
    count = counters(incident, now)
    if count.awaiting_reply and count.waiting_on_support is not None:
        waited = format_duration(count.waiting_on_support)
        parts.append(" · " + _("waiting on support {duration}").format(duration=waited))
    alerts = incident_alerts(incident) if alerts is None else alerts
    if alerts:
        warned = ngettext("{n} warning (see Overview)", "{n} warnings (see Overview)", len(alerts))
        parts += [" · ", (f"{WARNING_MARK} " + warned.format(n=len(alerts)), "bold $warning")]
    next_deadline = deadline_views.headline(incident, now, language=i18n.language()) if incident.is_active else ""
    if next_deadline:
        parts += ["\n", (_("Next deadline:") + " ", "bold"), plain(next_deadline, "$warning")]
    risk = at_risk.headline(incident, now, i18n.language()) if incident.is_active else ""
    if risk:
        parts += ["\n", (_("Money at risk:") + " ", "bold"), plain(risk)]
    return Content.assemble(*parts)


class Overview(VerticalScroll):
    """The incident's details and summary."""

    def compose(self) -> ComposeResult:
        yield HangingLines(id="overview-body")

    def show(self, incident: Incident, now: datetime, alerts: list[Alert] | None = None) -> None:
        """Fill the tab; `alerts` as in headline."""
        rows: list[tuple[str, Content]] = [
            (_("Title"), plain(incident.title)),
            (_("Platform"), plain(incident.platform)),
            (_("Kind"), Content(labels.kind(incident.kind))),
            (_("Status"), Content(labels.status(incident.status))),
            (_("Opened"), Content(show_moment(incident.opened_at, with_utc=True))),
        ]
        if incident.closed_at:
            rows.append((_("Closed"), Content(show_moment(incident.closed_at, with_utc=True))))
        rows.append((_("On hold"), Content(format_duration(on_hold(incident, now)))))
        count = counters(incident, now)
        if count.waiting_on_support is None:
            rows.append((_("Support"), Content(_("no message sent to support yet"))))
        else:
            waited = format_duration(count.waiting_on_support)
            since = show_moment(count.waiting_since, offset=False)  # 11月22日(日) 15:00 in Japanese
            text = (
                _("waiting {duration} for a reply (sent {when})")
                if count.awaiting_reply
                else _("replied after {duration} (sent {when})")
            )
            rows.append((_("Support"), Content(text.format(duration=waited, when=since))))
        if count.pending:
            rows.append((_("Pending"), plain(format_pending(count.pending))))
        for number, text in enumerate(at_risk.lines(incident, now)):
            rows.append((_("Money") if number == 0 else "", plain(text)))
        if incident.is_active:  # a resolved or closed incident has no follow-up
            follow = _("none (f sets one)")
            if incident.follow_up_at:
                follow = show_moment(incident.follow_up_at)
                if incident.is_overdue(now):
                    follow += " " + _("(overdue)")
            rows.append((_("Follow-up"), Content(follow)))
        if incident.tags:
            rows.append((_("Tags"), plain(", ".join(incident.tags))))
        rows.append((_("Recorded"), Content(recorded(incident))))
        width = max(cell_len(label) for label, _value in rows)
        lines: list[tuple[Content, Content]] = [
            (Content.styled(" " * (width - cell_len(label)) + label + "  ", "dim"), value) for label, value in rows
        ]
        for alert in incident_alerts(incident) if alerts is None else alerts:
            lines.append(BLANK)
            lines.append((Content.styled(f"{WARNING_MARK} ", "bold $warning"), plain(alert.line(), "$warning")))
        lines += deadline_lines(incident, now)
        lines += next_steps(incident)
        lines.append(BLANK)
        lines.append((Content(""), Content.styled(_("Summary"), "bold")))
        summary = block(incident.summary) if incident.summary.strip() else Content(_("(none: e edits the incident)"))
        lines.append((Content(""), summary))
        lines.append(BLANK)
        hint = _("s changes the status · f sets the follow-up · e edits · a adds a timeline note")
        lines.append((Content(""), Content.styled(hint, "dim")))
        self.query_one("#overview-body", HangingLines).update(lines)


BLANK = (Content(""), Content(""))


def recorded(incident: Incident) -> str:
    """The Overview's count of what is recorded: `3 messages, 2 events, checklist 1/5, ...`."""
    done = sum(1 for c in incident.checklist if c.done_at)
    unanswered = sum(1 for r in incident.requests if r.answered_at is None and not r.answer)
    messages, events = len(incident.messages), len(incident.events)
    contracts, requests = len(incident.contracts), len(incident.requests)
    parts = [
        ngettext("{n} message", "{n} messages", messages).format(n=messages),
        ngettext("{n} event", "{n} events", events).format(n=events),
        _("checklist {done}/{total}").format(done=done, total=len(incident.checklist)),
        ngettext("{n} contract", "{n} contracts", contracts).format(n=contracts),
        ngettext("{n} request ({unanswered} unanswered)", "{n} requests ({unanswered} unanswered)", requests).format(
            n=requests, unanswered=unanswered
        ),
    ]
    return _(", ").join(parts)


def deadline_lines(incident: Incident, now: datetime) -> list[tuple[Content, Content]]:
    """The platform rules' deadlines of an active incident, each with how it was counted
    and its source (`incident-journal deadlines ID` marks them)."""
    section = deadline_views.incident_section(incident, now, language=i18n.language()) if incident.is_active else []
    if not section:
        return []
    head = Content.assemble(
        (_("Deadlines (the platform's rules)"), "bold"), ("  ·  " + _("deadlines ID --done RULE marks one"), "dim")
    )
    return [BLANK, (Content(""), head)] + [bullet_line(text) for text in section]


def bullet_line(text: str) -> tuple[Content, Content]:
    """A line of the core's text that may start with its own bullet (`  • `, `  - `): the
    bullet becomes the hanging prefix, so the text wraps under itself."""
    stripped = text.lstrip(" ")
    indent = text[: len(text) - len(stripped)]
    for mark in ("• ", "- ", "✓ ", "✗ ", "! "):
        if stripped.startswith(mark):
            return (Content(indent + mark), plain(stripped[len(mark) :]))
    return (Content(indent), plain(stripped))


NEXT_STEPS_SHOWN = 5
"""Open checklist items and open support questions listed on the Overview."""


def next_steps(incident: Incident) -> list[tuple[Content, Content]]:
    """What to do next, on the Overview: the first open checklist items and the questions
    support asked that are not answered yet (a newcomer sees them without looking further)."""
    lines: list[tuple[Content, Content]] = []
    sections = [
        (
            NEXT_TO_DO,
            [c.text for c in incident.checklist if c.done_at is None],
            N_("4 opens the checklist · space ticks"),
        ),
        (
            SUPPORT_ASKS,
            [r.question for r in incident.requests if r.answered_at is None and not r.answer],
            N_("6 opens the requests · e answers"),
        ),
    ]
    for title, items, hint in sections:
        if not items:
            continue
        lines.append(BLANK)
        lines.append((Content(""), Content.assemble((_(title), "bold"), (f"  ({_(hint)})", "dim"))))
        for text in items[:NEXT_STEPS_SHOWN]:
            lines.append((Content.styled("  • ", "dim"), plain(text)))
        if len(items) > NEXT_STEPS_SHOWN:
            more = len(items) - NEXT_STEPS_SHOWN
            lines.append((Content("  "), Content.styled(_("… and {n} more").format(n=more), "dim")))
    return lines


NEXT_TO_DO = N_("Next to do")
SUPPORT_ASKS = N_("Support asks")
"""The Overview's list of open support requests: named like the Requests tab in Japanese
(「サポートからの依頼」), so a checklist item pointing at it reads the same."""
