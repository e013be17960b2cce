"""What the command line prints: tables, the human view of an incident, and JSON."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from journal import alerts, at_risk, codec, counters, deadline_views, roster, rules
from journal import rule_deadlines as deadlines
from journal.deadlines import deadline_json, deadline_text, deadline_words
from journal.evidence import file_name
from journal.i18n import _
from journal.index import Summary
from journal.model import Contract, Incident
from journal.money import money_text
from journal.text import fit, one_line, printable, width
from journal.timeparse import format_duration, format_moment, format_signed

_UNSAFE_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_text(data: Any) -> str:
    """JSON with readable Unicode, but C1 controls and bidi overrides escaped. A list is
    written one item per line (fast to write, easy to read and to grep)."""
    if isinstance(data, list):
        encode = json.JSONEncoder(ensure_ascii=False).encode
        text = "[\n" + ",\n".join(encode(item) for item in data) + "\n]" if data else "[]"
    else:
        text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def summary_json(summary: Summary, now: datetime) -> dict[str, Any]:
    data = summary.to_json()
    data["overdue"] = summary.is_overdue(now)
    data["days_on_hold"] = summary.days_on_hold(now)
    return data


def incident_json(incident: Incident, now: datetime) -> dict[str, Any]:
    """`show --json`: the file's keys (see docs/format.md) plus derived counters."""
    data: dict[str, Any] = _plain(codec.to_dict(incident))
    data["overdue"] = incident.is_overdue(now)
    data["days_on_hold"] = Summary.of(incident).days_on_hold(now)
    data["counters"] = counters.counters(incident, now).to_json()
    data["warnings"] = [alert.to_json() for alert in alerts.incident_alerts(incident)]
    data["money_at_risk"] = [
        {
            "currency": r.currency,
            "at_risk": str(r.at_risk),
            "by_state": {k: str(v) for k, v in r.by_state.items()},
            "dated": [
                {"changes_on": d.isoformat(), "amount": str(a.money.amount), "state": a.state, "client": c}
                for d, a, c in r.dated
            ],
        }
        for r in at_risk.money_at_risk(incident)
    ]
    data["platform_deadlines"] = [d.to_json() for d in deadlines.incident_deadlines(incident, rules.load_rules())]
    return data


def summaries_table(summaries: list[Summary], now: datetime) -> str:
    id_width = max([width(s.id) for s in summaries] + [2])  # never cut: a copied id must work
    columns = [("", 1), ("ID", id_width), ("STATUS", 13), ("OPENED", 16), ("FOLLOW-UP", 16), ("TITLE", 0)]
    lines = ["  ".join(fit(name, w) if w else name for name, w in columns).rstrip()]
    for s in summaries:
        follow = format_moment(s.follow_up_at)[:16] if s.follow_up_at and s.is_active else "-"
        cells = [
            "!" if s.is_overdue(now) else " ",
            fit(s.id, id_width),
            fit(s.status, 13),
            fit(format_moment(s.opened_at)[:16], 16),
            fit(follow, 16),
            one_line(s.title),
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in printable(text).split("\n"))


def render_incident(incident: Incident, now: datetime, contracts: list[Contract] | None = None) -> str:
    """The human view of `show`: every section, moments in the local zone. `contracts` are
    the incident's contracts as shown (linked ones read from the roster; journal.links)."""
    summary = Summary.of(incident)
    end = incident.closed_at or now
    out = [one_line(incident.title), ""]
    rows = [
        ("id", incident.id),
        ("platform", one_line(incident.platform)),
        ("kind", incident.kind),
        ("status", incident.status),
        ("opened", f"{format_moment(incident.opened_at)}   on hold {format_duration(end - incident.opened_at)}"),
    ]
    if incident.closed_at:
        rows.append(("closed", format_moment(incident.closed_at)))
    if incident.follow_up_at and incident.is_active:  # a resolved or closed incident has none
        mark = "   OVERDUE" if incident.is_overdue(now) else ""
        rows.append(("follow-up", format_moment(incident.follow_up_at) + mark))
    if incident.tags:
        rows.append(("tags", ", ".join(one_line(t) for t in incident.tags)))
    count = counters.counters(incident, now)
    rows += [(name, value) for name, value in count.lines() if name != "on hold"]
    out += [f"  {name:<10} {value}" for name, value in rows]
    next_deadline = deadline_views.headline(incident, now)
    risk_line = at_risk.headline(incident, now)
    top = [f"Next deadline: {next_deadline}"] if next_deadline else []
    top += [f"Money at risk: {one_line(risk_line)}"] if risk_line else []
    if top:
        out[2:2] = top + [""]
    warnings = alerts.incident_alerts(incident)
    if warnings:
        out += [""] + [alert.line() for alert in warnings]
    rule_lines = deadline_views.incident_section(incident, now) if incident.is_active else []
    if rule_lines:
        out += ["", "Deadlines (the platform's rules)"] + ["  " + line for line in rule_lines]
    if incident.summary:
        out += ["", "Summary", indent(incident.summary, "  ")]
    if incident.messages:
        out += ["", f"Messages ({len(incident.messages)})"]
        for m in incident.messages:
            arrow = "<-" if m.direction == "received" else "->"
            out.append(f"  {format_moment(m.at)}  {arrow} {m.channel}  {one_line(m.sender)}: {one_line(m.subject)}")
            if m.body:
                out.append(indent(m.body.rstrip("\r\n")))
            if m.note:
                out.append(indent("Note: " + m.note))
    if incident.events:
        out += ["", f"Timeline ({len(incident.events)})"]
        previous = incident.opened_at
        for e in incident.events:
            since = format_signed(e.at - incident.opened_at)
            gap = format_signed(e.at - previous)
            out.append(
                f"  {format_moment(e.at)}  {since:<9} ({gap}){'':<{max(0, 8 - len(gap))}} {e.kind:<17} {one_line(e.text)}"
            )
            previous = e.at
    if incident.checklist:
        out += ["", f"Checklist ({summary.checklist_done}/{summary.checklist_total} done)"]
        for c in incident.checklist:
            done = f"  (done {format_moment(c.done_at)})" if c.done_at else ""
            out.append(f"  [{'x' if c.done_at else ' '}] {one_line(c.text)}{done}")
    shown = incident.contracts if contracts is None else contracts
    if shown:
        out += ["", f"Affected contracts ({len(shown)})"]
        for contract in shown:
            bits = [contract.state]
            if contract.contract_id:
                bits.append(f"#{one_line(contract.contract_id)}")
            if contract.deadline:
                bits.append(f"deadline {deadline_text(contract.deadline)} ({deadline_words(contract.deadline, now)})")
            if contract.pending:
                bits.append(f"pending {money_text(contract.pending)}")
            if contract.amounts:
                bits.append(at_risk.amounts_text(contract.amounts, now))
            if contract.roster_id:
                bits.append(f"roster {contract.roster_id}")
            bits.append(f"told {format_moment(contract.client_told_at)}" if contract.client_told_at else "not told yet")
            out.append(f"  {one_line(contract.client)}: {', '.join(bits)}")
    if incident.requests:
        out += ["", f"Support requests ({len(incident.requests)}, {summary.open_requests} unanswered)"]
        for r in incident.requests:
            asked = f" (asked {format_moment(r.asked_at)})" if r.asked_at else ""
            out.append(f"  ? {one_line(r.question)}{asked}")
            if r.answer or r.answered_at:
                out.append(indent(f"Answer ({format_moment(r.answered_at)}): {r.answer}"))
            for a in r.attachments:
                if a.imported:
                    name = one_line(file_name(a.original or a.path))
                    line = _("    attachment (imported, the sender's file) {name}  {size} bytes  sha256 {sha}")
                    out.append(line.format(name=name, size=f"{a.size:,}", sha=a.sha256 or "-"))
                    continue
                out.append(f"    attachment {one_line(a.path)}  {a.size:,} bytes  sha256 {a.sha256 or '-'}")
    return "\n".join(out)


def next_steps(incident: Incident) -> list[str]:
    """What a new incident starts with, for the person who just created it."""
    out = []
    if incident.checklist:
        out.append("Next steps (checklist):")
        out += [f"  [ ] {one_line(c.text)}" for c in incident.checklist]
    if incident.requests:
        out.append("Support will likely ask for (answer each one, keep what you send):")
        out += [f"  ? {one_line(r.question)}" for r in incident.requests]
    if incident.contracts:
        out.append("Affected contracts, from your roster: " + ", ".join(one_line(c.client) for c in incident.contracts))
    if incident.follow_up_at and incident.is_active:
        out.append(f"Follow up if nothing happens by {format_moment(incident.follow_up_at)}")
    return out


def roster_rows(contracts: list[roster.RosterContract], now: datetime) -> str:
    id_width = max([width(c.id) for c in contracts] + [2])  # never cut: a copied id must work
    lines = [f"{fit('ID', id_width)}  {fit('DEADLINE', 44)}  {fit('CONTRACT', 12)}  {fit('PENDING', 16)}  CLIENT"]
    for c in contracts:
        deadline = f"{deadline_text(c.deadline)} ({deadline_words(c.deadline, now)})" if c.deadline else "-"
        pending = money_text(c.pending) or "-"
        client = one_line(c.client) + ("" if c.is_active else "  (ended)")
        if c.note:
            client += f"  - {one_line(c.note)}"
        cells = [
            fit(c.id, id_width),
            fit(deadline, 44),
            fit(one_line(c.contract_id) or "-", 12),
            fit(pending, 16),
            client,
        ]
        lines.append("  ".join(cells))
    return "\n".join(lines)


def roster_json(item: roster.RosterContract, now: datetime) -> dict[str, Any]:
    """`contracts list --json`: one contract (`deadline` a date or a moment with offset,
    `when` the deadline in words)."""
    return {
        "id": item.id,
        "client": item.client,
        "contract_id": item.contract_id,
        "state": item.state,
        "deadline": deadline_json(item.deadline),
        "when": deadline_words(item.deadline, now) or None,
        "pending": {"amount": str(item.pending.amount), "currency": item.pending.currency} if item.pending else None,
        "note": item.note,
        "added_at": item.added_at.isoformat() if item.added_at else None,
        "ended_at": item.ended_at.isoformat() if item.ended_at else None,
    }
