"""`add-requests`: what support asked, as support requests to answer."""

from __future__ import annotations

import argparse
from datetime import datetime

from journal import actions
from journal.cli.output import say
from journal.errors import BadInputError
from journal.i18n import _
from journal.model import MAX_TEXT_CHARS, Incident, SupportRequest
from journal.store import Store
from journal.text import one_line


def cmd_add_requests(store: Store, args: argparse.Namespace, now: datetime) -> int:
    """Add `--question` texts and, with `--security-questions`, the usual four (those the
    incident already has are skipped). Prints each question added on stderr."""
    questions = [q.strip() for q in args.question]
    if not questions and not args.security_questions:
        raise BadInputError(_("say what support asked: --question TEXT (repeatable) or --security-questions"))
    for question in questions:
        if not question:
            raise BadInputError(_("a --question is empty"))
        if len(question) > MAX_TEXT_CHARS:
            raise BadInputError(
                _("a --question is {n:,} characters; the limit is {limit:,}").format(
                    n=len(question), limit=MAX_TEXT_CHARS
                )
            )
    asked = args.at or now
    added: list[SupportRequest] = []

    def change(incident: Incident) -> None:
        added.clear()
        for question in questions:
            request = SupportRequest(question=question, asked_at=asked)
            incident.requests.append(request)
            added.append(request)
        if args.security_questions:
            added.extend(actions.add_security_questions(incident, asked))

    incident = store.update(args.id, change)
    if not added:
        say(_("{id} already has these questions; nothing added").format(id=incident.id))
    for request in added:
        say(_("Added to {id}: ? {question}").format(id=incident.id, question=one_line(request.question)))
    return 0
