"""`add-requests`: what support asked, as support requests to answer."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from journal import actions
from journal.errors import BadInputError
from journal.model import MAX_TEXT_CHARS, Incident, SupportRequest
from journal.store import Store
from journal.text import one_line


def cmd_add_requests(store: Store, args: argparse.Namespace, now: datetime) -> int:
    """Add `--question` texts and, with `--security-questions`, the usual four (those the
    incident already has are skipped). Prints each question added on stderr."""
    questions = [q.strip() for q in args.question]
    if not questions and not args.security_questions:
        raise BadInputError("say what support asked: --question TEXT (repeatable) or --security-questions")
    for question in questions:
        if not question:
            raise BadInputError("a --question is empty")
        if len(question) > MAX_TEXT_CHARS:
            raise BadInputError(f"a --question is {len(question):,} characters; the limit is {MAX_TEXT_CHARS:,}")
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
        print(f"{incident.id} already has these questions; nothing added", file=sys.stderr)
    for request in added:
        print(f"Added to {incident.id}: ? {one_line(request.question)}", file=sys.stderr)
    return 0
