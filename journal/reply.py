"""The reply to support, built from the answered support requests, so nothing is typed twice.

Each question is quoted in the words support used (as the user pasted them; a question still
in the template's words is marked so), its answer under it, then the attachments by file
name, size and SHA-256. Logging the reply records it as a *sent* message; its moment becomes
the `answered_at` of every answer it carries that had none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from journal import actions
from journal.errors import BadInputError
from journal.evidence import file_name
from journal.i18n import _
from journal.model import Incident, Message, SupportRequest
from journal.store import Store
from journal.text import one_line

TEXTS = {
    "en": {
        "hello": "Hello,",
        "intro": "Here are my answers to your questions.",
        "question": "Your question {n}:",
        "paraphrase": "(in my words)",
        "answer": "My answer:",
        "files": "Attached:",
        "file": "- {name} ({size:,} bytes, SHA-256 {sha})",
        "bye": "Thank you for looking into this.",
        "subject": "Answers to your questions",
    },
    "ja": {
        "hello": "ご担当者様",
        "intro": "ご質問への回答をお送りします。",
        "question": "ご質問 {n}:",
        "paraphrase": "（要約）",
        "answer": "回答:",
        "files": "添付ファイル:",
        "file": "- {name}（{size:,} バイト、SHA-256 {sha}）",
        "bye": "ご確認のほど、よろしくお願いいたします。",
        "subject": "ご質問への回答",
    },
}
"""The reply's own words per language; the questions and answers stay as written."""


@dataclass
class Reply:
    """A reply to support, ready to copy and send."""

    subject: str
    """The subject line (`Re: ` the last message received, when there is one)."""
    text: str
    """The body, ending with a newline."""
    indexes: list[int] = field(default_factory=list)
    """The 0-based indexes of the requests it answers."""


def chosen_requests(incident: Incident) -> list[int]:
    """The requests a reply carries: those answered and not yet sent (no answered_at); when
    every answer was sent already, all answered ones (to send them again)."""
    answered = [i for i, r in enumerate(incident.requests) if r.answer.strip()]
    unsent = [i for i in answered if incident.requests[i].answered_at is None]
    return unsent or answered


def _quote(text: str) -> list[str]:
    return [f"> {line}".rstrip() for line in text.strip("\n").split("\n")]


def _request_lines(n: int, request: SupportRequest, words: dict[str, str]) -> list[str]:
    head = words["question"].format(n=n)
    if request.suggested:
        head += " " + words["paraphrase"]
    out = [head, *_quote(request.question), "", words["answer"], request.answer.strip("\n")]
    if request.attachments:
        out += ["", words["files"]]
        for item in request.attachments:
            sha = item.sha256 or "-"
            out.append(words["file"].format(name=one_line(file_name(item.path)), size=item.size, sha=sha))
    return out


def build_reply(incident: Incident, language: str = "en") -> Reply:
    """The reply to support for an incident (see `chosen_requests`), in `language` (en or
    ja) for its own words. Raises BadInputError when no request has an answer yet."""
    words = TEXTS.get(language, TEXTS["en"])
    indexes = chosen_requests(incident)
    if not indexes:
        raise BadInputError(f"{incident.id}: " + _("no support request has an answer yet; answer one first"))
    out = [words["hello"], "", words["intro"]]
    for n, index in enumerate(indexes, 1):
        out += ["", *_request_lines(n, incident.requests[index], words)]
    out += ["", words["bye"]]
    received = [m for m in incident.messages if m.direction == "received" and m.subject.strip()]
    if received:
        last = one_line(received[-1].subject)
        subject = last if last.lower().startswith("re:") else f"Re: {last}"
    else:
        subject = words["subject"]
    return Reply(subject=subject, text="\n".join(out) + "\n", indexes=indexes)


def log_reply(incident: Incident, reply: Reply, text: str, at: datetime, channel: str = "email") -> Message:
    """Record a reply as a sent message at `at` (its text as finally sent), and give each
    answer it carries that moment as `answered_at` when it had none. Changes `incident` in
    memory (for `journal.undo.update`); returns the message."""
    if not text.strip():
        raise BadInputError(_("the reply is empty; nothing was recorded"))
    message = Message(at=at, direction="sent", channel=channel, sender="me", subject=reply.subject, body=text)
    actions.record_message(incident, message)
    for index in reply.indexes:
        if 0 <= index < len(incident.requests) and incident.requests[index].answered_at is None:
            incident.requests[index].answered_at = at
    return message


def all_answered(incident: Incident) -> bool:
    """True when the incident has requests and every one has an answer."""
    return bool(incident.requests) and all(r.answer.strip() or r.answered_at for r in incident.requests)


def reply_file_path(store: Store, incident_id: str, now: datetime) -> Path:
    """Where a reply too large for the terminal's clipboard is written:
    `<data folder>/exports/<id>-reply-<YYYYmmddTHHMMSS>.txt` (an absolute path; the moment in
    UTC). Raises BadInputError for an id that is not valid, StoreError when the exports
    folder cannot be created."""
    from journal.keep import exports_dir

    store.path_for(incident_id)  # refuses anything that is not a valid id
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%S")
    return exports_dir(store).resolve() / f"{incident_id}-reply-{stamp}.txt"


def write_reply_file(store: Store, path: Path, subject: str, text: str) -> Path:
    """Write `Subject: <subject>`, a blank line and the reply's text (as it stands, whole,
    UTF-8) to the new file `path` (see `reply_file_path`; 0600, atomic, never replacing a
    file). Returns its path. Raises ExistsError when that name is taken, JournalError
    otherwise."""
    from journal.sharing import write_export

    return write_export(path, f"Subject: {subject}\n\n{text}", store=store)
