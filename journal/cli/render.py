"""What the command line prints: tables, the human view of an incident, and JSON."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from journal import alerts, at_risk, codec, counters, deadline_views, i18n, labels, model, roster, rules
from journal import rule_deadlines as deadlines
from journal.deadlines import deadline_json, deadline_text, deadline_words
from journal.evidence import file_name
from journal.i18n import _
from journal.index import Summary
from journal.model import Contract, Incident
from journal.money import money_text
from journal.text import fit, one_line, printable, width
from journal.timeshow import format_duration, format_signed, show_moment

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


def json_lines_text(lines: list[str]) -> str:
    """A list already encoded one item per line (journal.index_db.Index.json_lines), written
    as json_text writes a list."""
    text = "[\n" + ",\n".join(lines) + "\n]" if lines else "[]"
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


def _key(label: str, key: str) -> str:
    """A stored value as `show` prints it: the key itself in English (what commands take),
    the label with the key beside it in another language (`返信待ち (waiting)`)."""
    return key if i18n.language() == "en" or label == key else f"{label} ({key})"


def summaries_table(summaries: list[Summary], now: datetime) -> str:
    """`list` and `due` as text: a header row, then one row an incident; columns measured in
    cells, moments in the local zone without offset, headers and statuses in the app's language."""
    id_width = max([width(s.id) for s in summaries] + [2])  # never cut: a copied id must work
    opened = [show_moment(s.opened_at, offset=False) for s in summaries]
    follow = [show_moment(s.follow_up_at, offset=False) if s.follow_up_at and s.is_active else "-" for s in summaries]
    english = i18n.language() == "en"
    statuses = [s.status if english else labels.status(s.status) for s in summaries]  # English: the key, as typed
    headers = [_("ID"), _("STATUS"), _("OPENED"), _("FOLLOW-UP"), _("TITLE")]
    id_width = max(id_width, width(headers[0]))
    every_status = model.STATUSES if english else [label for label, _key in labels.choices(labels.STATUSES)]
    status_width = max([width(t) for t in [*statuses, *every_status]] + [width(headers[1])])
    moment_width = max([width(t) for t in opened + follow] + [width(headers[2]), width(headers[3])])
    columns = [("", 1), (headers[0], id_width), (headers[1], status_width)]
    columns += [(headers[2], moment_width), (headers[3], moment_width), (headers[4], 0)]
    lines = ["  ".join(fit(name, w) if w else name for name, w in columns).rstrip()]
    for s, status, start, follow_up in zip(summaries, statuses, opened, follow):
        cells = [
            "!" if s.is_overdue(now) else " ",
            fit(s.id, id_width),
            fit(status, status_width),
            fit(start, moment_width),
            fit(follow_up, moment_width),
            one_line(s.title),
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _pad(text: str, columns: int) -> str:
    """`text` padded with spaces to `columns` cells, never cut."""
    return text + " " * max(0, columns - width(text))


def indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in printable(text).split("\n"))


def render_incident(incident: Incident, now: datetime, contracts: list[Contract] | None = None) -> str:
    """The human view of `show`: every section, moments in the local zone, labels and
    durations in the app's language (user text as written). `contracts` are the incident's
    contracts as shown (linked ones read from the roster; journal.links)."""
    lang = i18n.language()
    summary = Summary.of(incident)
    end = incident.closed_at or now
    out = [one_line(incident.title), ""]
    held = _("on hold {duration}").format(duration=format_duration(end - incident.opened_at))
    rows = [
        (_("id"), incident.id),
        (_("platform"), one_line(incident.platform)),
        (_("kind"), _key(labels.kind(incident.kind), incident.kind)),
        (_("status"), _key(labels.status(incident.status), incident.status)),
        (_("opened"), f"{show_moment(incident.opened_at)}   {held}"),
    ]
    if incident.closed_at:
        rows.append((_("closed"), show_moment(incident.closed_at)))
    if incident.follow_up_at and incident.is_active:  # a resolved or closed incident has none
        mark = "   " + _("OVERDUE") if incident.is_overdue(now) else ""
        rows.append((_("follow-up"), show_moment(incident.follow_up_at) + mark))
    if incident.tags:
        rows.append((_("tags"), ", ".join(one_line(t) for t in incident.tags)))
    count = counters.counters(incident, now)
    rows += count.lines()[1:]  # the first, time on hold, is on the `opened` row
    name_width = max([10] + [width(name) for name, _value in rows])
    out += [f"  {fit(name, name_width)} {value}" for name, value in rows]
    next_deadline = deadline_views.headline(incident, now, language=lang)
    risk_line = at_risk.headline(incident, now, lang)
    top = [_("Next deadline: {deadline}").format(deadline=next_deadline)] if next_deadline else []
    top += [_("Money at risk: {total}").format(total=one_line(risk_line))] if risk_line else []
    if top:
        out[2:2] = top + [""]
    warnings = alerts.incident_alerts(incident)
    if warnings:
        out += [""] + [alert.line() for alert in warnings]
    rule_lines = deadline_views.incident_section(incident, now, language=lang) if incident.is_active else []
    if rule_lines:
        out += ["", _("Deadlines (the platform's rules)")] + ["  " + line for line in rule_lines]
    if incident.summary:
        out += ["", _("Summary"), indent(incident.summary, "  ")]
    if incident.messages:
        out += ["", _("Messages ({n})").format(n=len(incident.messages))]
        for m in incident.messages:
            arrow = "<-" if m.direction == "received" else "->"
            out.append(
                f"  {show_moment(m.at)}  {arrow} {labels.channel(m.channel)}  {one_line(m.sender)}: {one_line(m.subject)}"
            )
            if m.body:
                out.append(indent(m.body.rstrip("\r\n")))
            if m.note:
                out.append(indent(_("Note: {note}").format(note=m.note)))
    if incident.events:
        out += ["", _("Timeline ({n})").format(n=len(incident.events))]
        previous = incident.opened_at
        kinds = [labels.event_kind(e.kind) if lang != "en" else e.kind for e in incident.events]
        kind_width = max([17] + [width(k) for k in kinds])
        for e, kind in zip(incident.events, kinds):
            since = format_signed(e.at - incident.opened_at)
            gap = format_signed(e.at - previous)
            out.append(
                f"  {show_moment(e.at)}  {_pad(since, 9)} {_pad('(' + gap + ')', 10)} {_pad(kind, kind_width)} {one_line(labels.event_text(e.kind, e.text))}"
            )
            previous = e.at
    if incident.checklist:
        out += [
            "",
            _("Checklist ({done}/{total} done)").format(done=summary.checklist_done, total=summary.checklist_total),
        ]
        for c in incident.checklist:
            done = "  " + _("(done {moment})").format(moment=show_moment(c.done_at)) if c.done_at else ""
            out.append(f"  [{'x' if c.done_at else ' '}] {one_line(c.text)}{done}")
    shown = incident.contracts if contracts is None else contracts
    if shown:
        out += ["", _("Affected contracts ({n})").format(n=len(shown))]
        for contract in shown:
            bits = [labels.contract_state(contract.state)]
            if contract.contract_id:
                bits.append(f"#{one_line(contract.contract_id)}")
            if contract.deadline:
                bits.append(
                    _("deadline {deadline} ({when})").format(
                        deadline=deadline_text(contract.deadline), when=deadline_words(contract.deadline, now)
                    )
                )
            if contract.pending:
                bits.append(_("pending {amount}").format(amount=money_text(contract.pending)))
            if contract.amounts:
                bits.append(at_risk.amounts_text(contract.amounts, now))
            if contract.roster_id:
                bits.append(_("roster {id}").format(id=contract.roster_id))
            bits.append(
                _("told {moment}").format(moment=show_moment(contract.client_told_at))
                if contract.client_told_at
                else _("not told yet")
            )
            out.append(f"  {one_line(contract.client)}: {', '.join(bits)}")
    if incident.requests:
        out += [
            "",
            _("Support requests ({n}, {open} unanswered)").format(n=len(incident.requests), open=summary.open_requests),
        ]
        for r in incident.requests:
            asked = " " + _("(asked {moment})").format(moment=show_moment(r.asked_at)) if r.asked_at else ""
            out.append(f"  ? {one_line(r.question)}{asked}")
            if r.answer or r.answered_at:
                out.append(
                    indent(_("Answer ({moment}): {answer}").format(moment=show_moment(r.answered_at), answer=r.answer))
                )
            for a in r.attachments:
                if a.imported:
                    name = one_line(file_name(a.original or a.path))
                    line = _("    attachment (imported, the sender's file) {name}  {size} bytes  sha256 {sha}")
                    out.append(line.format(name=name, size=f"{a.size:,}", sha=a.sha256 or "-"))
                    continue
                out.append(
                    "    "
                    + _("attachment {path}  {size:,} bytes  sha256 {sha256}").format(
                        path=one_line(a.path), size=a.size, sha256=a.sha256 or "-"
                    )
                )
    return "\n".join(out)


def next_steps(incident: Incident) -> list[str]:
    """What a new incident starts with, for the person who just created it."""
    out = []
    if incident.checklist:
        out.append(_("Next steps (checklist):"))
        out += [f"  [ ] {one_line(c.text)}" for c in incident.checklist]
    if incident.requests:
        out.append(_("Support will likely ask for (answer each one, keep what you send):"))
        out += [f"  ? {one_line(r.question)}" for r in incident.requests]
    if incident.contracts:
        out.append(
            _("Affected contracts, from your roster: {clients}").format(
                clients=", ".join(one_line(c.client) for c in incident.contracts)
            )
        )
    if incident.follow_up_at and incident.is_active:
        out.append(_("Follow up if nothing happens by {moment}").format(moment=show_moment(incident.follow_up_at)))
    return out


def roster_rows(contracts: list[roster.RosterContract], now: datetime) -> str:
    id_width = max([width(c.id) for c in contracts] + [2])  # never cut: a copied id must work
    id_width = max(id_width, width(_("ID")))
    headers = [_("ID"), _("DEADLINE"), _("CONTRACT"), _("PENDING"), _("CLIENT")]  # outside the f-string: extracted
    lines = [
        f"{fit(headers[0], id_width)}  {fit(headers[1], 44)}  {fit(headers[2], 12)}  {fit(headers[3], 16)}  {headers[4]}"
    ]
    for c in contracts:
        deadline = f"{deadline_text(c.deadline)} ({deadline_words(c.deadline, now)})" if c.deadline else "-"
        pending = money_text(c.pending) or "-"
        client = one_line(c.client) + ("" if c.is_active else "  " + _("(ended)"))
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
        "when": deadline_words(item.deadline, now, "en") or None,  # JSON reads the same in every language
        "pending": {"amount": str(item.pending.amount), "currency": item.pending.currency} if item.pending else None,
        "note": item.note,
        "added_at": item.added_at.isoformat() if item.added_at else None,
        "ended_at": item.ended_at.isoformat() if item.ended_at else None,
    }
