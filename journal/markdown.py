"""A readable summary of an incident for a support ticket: Markdown that also reads well as
plain text pasted into an email.

Every moment is shown in the user's zone and in UTC, so support in another zone reads it
right. Verbatim text (message bodies, answers) goes in fenced blocks, so nothing in it is
taken for Markdown; other user text (titles, subjects, senders, clients, questions, notes,
the summary) is escaped (`md_inline`, `md_lines`), so no link, image or HTML can come from
it; control and bidi characters are shown as visible placeholders. The
incident given is rendered as it is: leaving out notes and masking addresses is done before
(see `journal.sharing`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta

from journal import at_risk, deadline_views, i18n, labels
from journal.counters import counters, format_pending
from journal.evidence import EvidenceCheck, file_name
from journal.markdown_labels import translator, without_kind_words
from journal.model import Incident
from journal.text import one_line, printable
from journal.timeshow import format_duration, format_moment

_TITLE_WIDTH = 100
# Characters that start inline Markdown or HTML (links, images, emphasis, code, autolinks,
# raw HTML, entities, tables, strikethrough): backslash-escaped in user text. A placeholder
# of the redaction (`[email-1]`) is kept as it is, so it reads and highlights as one; a `(`
# after it is escaped, so it never becomes a link.
_INLINE = re.compile(r"\[(?:email|ip|phone)-\d+\](?:\()?|[\\`*_\[\]<>&!~|]")
# What starts a block when it begins a line (heading, quote, list, setext underline,
# a link reference definition).
_BLOCK_START = re.compile(r"^(\s*)([#>+=\-\[])|^(\s*\d+)([.)])")


def md_inline(text: str) -> str:
    """User text on one line, made safe inside Markdown: control characters shown (see
    `journal.text.one_line`) and every character that could start a link, image, HTML or
    other inline markup backslash-escaped. CommonMark renders it as the same text."""
    return _INLINE.sub(_escape, one_line(text))


def _escape(match: re.Match[str]) -> str:
    found = match[0]
    if len(found) == 1:
        return "\\" + found
    return found[:-1] + "\\(" if found.endswith("(") else found


def md_lines(text: str) -> list[str]:
    """Multi-line user text as Markdown lines: each escaped as `md_inline` does, and a line
    that would start a block (`# `, `> `, `- `, `1. `, `[x]: `) escaped at its start."""
    lines = printable(text).strip("\n").split("\n")
    return [_BLOCK_START.sub(_escape_start, _INLINE.sub(_escape, line)) for line in lines]


def _escape_start(match: re.Match[str]) -> str:
    return (match[1] or match[3] or "") + "\\" + (match[2] or match[4])


def _at(moment: datetime | None) -> str:
    if moment is not None and moment.astimezone().utcoffset() == timedelta(0):
        return format_moment(moment) + " (UTC)"
    return format_moment(moment, with_utc=True)


def _waiting(incident: Incident, now: datetime, t: Callable[[str], str] = str, lang: str = "en") -> str:
    """How long support has not answered: since my last message or answer to them, until
    the first message received after it (or now)."""
    mine = [m.at for m in incident.messages if m.direction == "sent"]
    mine += [r.answered_at for r in incident.requests if r.answered_at is not None]
    if not mine:
        return t("nothing sent to support yet")
    last = max(mine)
    replies = [m.at for m in incident.messages if m.direction == "received" and m.at > last]
    if replies:
        reply = min(replies)
        return t("no; support replied {gap} after my last message, at {at}").format(
            gap=format_duration(reply - last, lang), at=_at(reply)
        )
    end = incident.closed_at or now
    return t("{gap} since my last message or answer, at {at}").format(
        gap=format_duration(max(timedelta(0), end - last), lang), at=_at(last)
    )


def _fenced(text: str) -> list[str]:
    """Verbatim text in a fence longer than any run of backticks inside it."""
    body = printable(text).rstrip("\n")
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence, *body.split("\n"), fence]


def _quoted(label: str, text: str) -> list[str]:
    lines = md_lines(text.rstrip("\n")) or [""]
    return [f"> {label}: {lines[0]}", *(f"> {line}" for line in lines[1:])]


def _heading(number: int, text: str, fallback: str) -> str:
    line = one_line(text)
    if not line:
        return f"### {number}. {fallback}"
    if len(line) > _TITLE_WIDTH:
        line = line[: _TITLE_WIDTH - 1].rstrip() + "…"
    return f"### {number}. {_INLINE.sub(_escape, line)}"


def _counter_rows(incident: Incident, now: datetime, t: Callable[[str], str] = str, lang: str = "en") -> list[str]:
    count = counters(incident, now)
    held = format_duration(count.on_hold, lang)
    whole_days = format_duration(timedelta(days=count.days_on_hold), lang)
    rows = [f"- {t('Days on hold')}: {count.days_on_hold}" + ("" if held == whole_days else f" ({held})")]
    rows.append(f"- {t('Waiting on support')}: {_waiting(incident, now, t, lang)}")
    unanswered = sum(1 for r in incident.requests if r.answered_at is None and not r.answer)
    if incident.requests:
        rows.append(
            f"- {t('Support requests')}: "
            + t("{n}, {open} not answered yet").format(n=len(incident.requests), open=unanswered)
        )
    if count.pending:
        rows.append(f"- {t('Money pending')}: {format_pending(count.pending)}")
    risk = at_risk.headline(incident, now, lang, shown=99)
    if risk:
        rows.append(f"- {t('Money at risk')}: {md_inline(risk)}")
    return rows


def _deadline_rows(incident: Incident, now: datetime, lang: str, t: Callable[[str], str]) -> list[str]:
    """The platform rules' deadlines of an active incident (deadline_views.incident_section),
    each a list item with how it was counted, what to do and its source as sub-items."""
    section = deadline_views.incident_section(incident, now, language=lang) if incident.is_active else []
    if not section:
        return []
    out = ["", f"## {t('Deadlines (the platform rules)')}", ""]
    for line in section:
        out.append(("  - " if line.startswith(" ") else "- ") + md_inline(line.strip()))
    return out


def _evidence(
    checks: list[EvidenceCheck], clean: Callable[[str], str], t: Callable[[str], str] = str, lang: str = "en"
) -> list[str]:
    out: list[str] = []
    for check in checks:
        item = check.attachment
        name = md_inline(clean(check.name))
        size = t("{size:,} bytes").format(size=item.size) if item.size else t("size not recorded")
        line = f"- {name} ({check.used_in}): {size}, sha256 {item.sha256 or t('not recorded')}"
        if check.status == "ok":
            line += " - " + t("checked now: unchanged")
        elif check.status == "imported":
            line += " - " + t("imported with the incident: the sender's file, not checked on this machine")
        elif check.status == "unrecorded":
            line += " - " + t("checked now: {size:,} bytes, sha256 {sha256}").format(
                size=check.size, sha256=check.sha256
            )
        else:
            line += " - " + t("CHECK FAILED: {status}, {reason}").format(
                status=check.status, reason=check.reason_in(lang)
            )
        out.append(line)
    return out


def render(
    incident: Incident,
    now: datetime,
    evidence: list[EvidenceCheck] | None = None,
    clean: Callable[[str], str] = str,
    lang: str = "en",
) -> str:
    """The incident as a Markdown summary.

    Args:
        incident: the incident as it is to be shared (notes already left out or not).
        now: the moment of the export, for the counters.
        evidence: attachments as checked now (see `journal.evidence.check_evidence`).
        clean: applied to text that does not come from the incident itself (file names
            of evidence), so an export's masking covers it too.
        lang: `en` or `ja`: the language of the summary's own labels and headings
            (journal/markdown_labels.py); the user's and the templates' texts stay as written.

    Returns:
        Markdown text ending with a newline.
    """
    t = translator(lang)
    out = [f"# {md_inline(incident.title) or t('Untitled incident')}", ""]
    out.append(t("Summary written {at}. Times are shown in my time zone and in UTC.").format(at=_at(now)))
    out += [
        "",
        f"- {t('Platform')}: {md_inline(incident.platform) or t('(not given)')}",
        f"- {t('Kind')}: {labels.kind(incident.kind, lang)}",
        f"- {t('Status')}: {incident.status if lang == 'en' else labels.status(incident.status, lang)}",
        f"- {t('Opened')}: {_at(incident.opened_at)}",
    ]
    if incident.closed_at:
        out.append(f"- {t('Closed')}: {_at(incident.closed_at)}")
    out += _counter_rows(incident, now, t, lang)
    if incident.id:
        out.append(f"- {t('Reference')}: {incident.id}")
    if incident.summary.strip():
        out += ["", f"## {t('Summary')}", "", *md_lines(incident.summary)]
    out += _deadline_rows(incident, now, lang, t)

    if incident.events:
        out += ["", f"## {t('Timeline')} ({len(incident.events)})", ""]
        for event in incident.events:
            what = labels.event_kind(event.kind, lang)
            text = md_inline(without_kind_words(event.kind, one_line(labels.event_text(event.kind, event.text, lang))))
            out.append(f"- {_at(event.at)} - {what}" + (f": {text}" if text else ""))

    if incident.messages:
        out += ["", f"## {t('Messages')} ({len(incident.messages)})"]
        for number, message in enumerate(incident.messages, 1):
            sender = md_inline(message.sender) or t("me" if message.direction == "sent" else "unknown")
            out += ["", _heading(number, message.subject, message.channel), ""]
            out.append(
                f"- {t('From')}: {sender} ({labels.direction(message.direction, lang)}, {labels.channel(message.channel, lang)})"
            )
            out.append(f"- {t('At')}: {_at(message.at)}")
            if message.body.strip():
                out += ["", *_fenced(message.body)]
            if message.note:
                out += ["", *_quoted(t("My note"), message.note)]

    if incident.requests:
        out += ["", f"## {t('Support requests')} ({len(incident.requests)})"]
        for number, request in enumerate(incident.requests, 1):
            out += ["", _heading(number, request.question, t("Request")), ""]
            if "\n" in request.question.strip() or len(one_line(request.question)) > _TITLE_WIDTH:
                out += [*_fenced(request.question), ""]
            out.append(
                f"- {t('Asked at')}: " + (_at(request.asked_at) if request.asked_at else t("(time not recorded)"))
            )
            if request.answered_at:
                out.append(f"- {t('Answered')}: {_at(request.answered_at)}")
            elif request.answer.strip():  # written here, not yet sent to support
                out.append(f"- {t('Answered')}: {t('not sent yet')}")
            else:
                out.append(f"- {t('Answered')}: {t('not yet')}")
            if request.attachments:
                names = ", ".join(md_inline(file_name(item.path)) for item in request.attachments)
                out.append(f"- {t('Attachments')}: {names}")
            if request.answer.strip():
                out += ["", *_fenced(request.answer)]

    if incident.contracts:
        out += ["", f"## {t('Affected contracts')} ({len(incident.contracts)})", ""]
        for contract in incident.contracts:
            bits = []
            if contract.contract_id:
                bits.append(f"{t('contract')} {md_inline(contract.contract_id)}")
            bits.append(labels.contract_state(contract.state, lang))
            if contract.deadline:
                deadline = contract.deadline
                shown = _at(deadline) if isinstance(deadline, datetime) else deadline.isoformat()
                bits.append(f"{t('deadline')} {shown}")
            if contract.pending:
                bits.append(f"{t('pending')} {contract.pending.amount} {contract.pending.currency}")
            if contract.amounts:
                bits.append(md_inline(at_risk.amounts_words(contract.amounts, now, lang)))
            told = contract.client_told_at
            bits.append(f"{t('client told')} {_at(told)}" if told else t("client not told yet"))
            out.append(f"- {md_inline(contract.client) or t('(no client name)')}: {', '.join(bits)}")
            if contract.note:
                out += _indented(_quoted(t("My note"), contract.note))

    if incident.checklist:
        done = sum(1 for item in incident.checklist if item.done_at)
        out += [
            "",
            "## " + t("Checklist ({done} of {total} done)").format(done=done, total=len(incident.checklist)),
            "",
        ]
        for item in incident.checklist:
            when = f" - {t('done')} {_at(item.done_at)}" if item.done_at else ""
            out.append(f"- [{'x' if item.done_at else ' '}] {md_inline(item.text)}{when}")
            if item.note:
                out += _indented(_quoted(t("My note"), item.note))

    if evidence:
        problems = sum(1 for check in evidence if check.is_problem)
        title = f"## {t('Evidence')} (" + i18n.translations(lang).ngettext(
            "{n} file", "{n} files", len(evidence)
        ).format(n=len(evidence))
        title += t(", {n} not as recorded)").format(n=problems) if problems else ")"
        out += ["", title, "", *_evidence(evidence, clean, t, lang)]
    return "\n".join(out) + "\n"


def _indented(lines: list[str]) -> list[str]:
    return ["  " + line for line in lines]
