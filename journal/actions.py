"""What a user does to the journal, in one place for the command line and the terminal UI.

Screens and commands call these functions; the rules (templates, follow-ups, what goes on the
timeline) live here and in the model, never in a screen.
"""

from __future__ import annotations

from datetime import datetime

from journal import clock
from journal.errors import BadInputError
from journal.model import DEFAULT_PLATFORM, KINDS, Incident
from journal.store import Store


def new_incident(
    store: Store,
    kind: str,
    title: str,
    platform: str = DEFAULT_PLATFORM,
    opened_at: datetime | None = None,
    follow_up_at: datetime | None = None,
    summary: str = "",
    tags: list[str] | None = None,
) -> Incident:
    """Create and save a new incident; returns it with its new id."""
    if not title.strip():
        raise BadInputError("the title is empty")
    if kind not in KINDS:
        raise BadInputError(f"unknown kind {kind!r}: expected one of {', '.join(KINDS)}")
    incident = Incident(
        id="",
        title=title.strip(),
        kind=kind,
        platform=platform.strip() or DEFAULT_PLATFORM,
        opened_at=opened_at or clock.now(),
        follow_up_at=follow_up_at,
        summary=summary,
        tags=list(tags or []),
    )
    return store.create(incident)
